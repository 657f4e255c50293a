"""Development: the embedded SQLite database, console e-mail, demo payments."""

from .base import *  # noqa: F401,F403
from .base import VAR_DIR

DEBUG = True
VAR_DIR.mkdir(parents=True, exist_ok=True)
