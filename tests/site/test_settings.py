"""Production settings: refuse insecure defaults; `check --deploy` is clean."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("SECRET_KEY", "STRIPE_", "DATABASE_URL", "DJANGO_"))}
    environment.update(DJANGO_SETTINGS_MODULE="glashelder.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def production_env(tmp_path, **overrides):
    env = {
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "STRIPE_SECRET_KEY": "sk_test_123",
        "STRIPE_WEBHOOK_SECRET": "whsec_123",
        "ALLOWED_HOSTS": "glashelder.example",
    }
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def test_production_refuses_default_secret_key(tmp_path):
    result = run_manage("check", **production_env(tmp_path, SECRET_KEY=None))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_the_development_key(tmp_path):
    from glashelder.settings.base import DEFAULT_SECRET_KEY

    result = run_manage("check", **production_env(tmp_path, SECRET_KEY=DEFAULT_SECRET_KEY))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_demo_payments(tmp_path):
    result = run_manage("check", **production_env(tmp_path, STRIPE_SECRET_KEY=None))
    assert result.returncode != 0
    assert "demo payment" in result.stderr


def test_production_check_deploy_is_clean(tmp_path):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **production_env(tmp_path))
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_development_defaults_are_safe(settings):
    from glashelder.settings import base

    assert base.DEBUG is False
    assert base.LANGUAGE_CODE == "nl"
    assert base.SESSION_COOKIE_HTTPONLY is True
    assert base.X_FRAME_OPTIONS == "DENY"
