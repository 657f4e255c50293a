"""Development: the embedded SQLite database, console e-mail, demo payments."""

from .base import *  # noqa: F401,F403
from .base import VAR_DIR

DEBUG = True
VAR_DIR.mkdir(parents=True, exist_ok=True)

# WebAuthn needs a secure origin; the development server runs on plain HTTP.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
