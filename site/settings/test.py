"""Tests: PostgreSQL from DATABASE_URL (the Makefile starts a throwaway cluster),
a fast password hasher, local memory cache, captured e-mail and immediate tasks."""

import os

from .base import *  # noqa: F401,F403

if not os.environ.get("DATABASE_URL"):
    raise RuntimeError("Tests run on PostgreSQL: set DATABASE_URL (make test starts a throwaway cluster).")

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["*"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
