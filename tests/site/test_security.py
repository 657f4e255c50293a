"""Hardening: security headers under production settings, the scoped admin CSP,
no open redirects, CSRF on forms, upload checks, and safe logs."""

import importlib
import logging
import sys

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from glashelder.kernel.uploads import validate_upload
from tests.factories import PASSWORD, UserFactory, add_totp

pytestmark = pytest.mark.django_db

PRODUCTION_SECURITY_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_HTTPONLY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
]


@pytest.fixture
def production(settings, monkeypatch):
    """The security settings of glashelder.settings.production, applied to this test."""
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    monkeypatch.setenv("DATABASE_URL", "postgres://unused/unused")
    monkeypatch.setenv("STRIPE_SECRET_KEY", "sk_test_123")
    monkeypatch.setenv("STRIPE_WEBHOOK_SECRET", "whsec_123")
    monkeypatch.delenv("SECURE_SSL_REDIRECT", raising=False)
    # Import production (and a fresh base under this environment) without
    # disturbing the settings modules already loaded.
    saved = {name: sys.modules.pop(name, None) for name in ("glashelder.settings.base", "glashelder.settings.production")}
    try:
        module = importlib.import_module("glashelder.settings.production")
    finally:
        for name, original in saved.items():
            sys.modules.pop(name, None)
            if original is not None:
                sys.modules[name] = original
    for name in PRODUCTION_SECURITY_SETTINGS:
        setattr(settings, name, getattr(module, name))
    return module


def https_get(client, path, **extra):
    return client.get(path, secure=True, **extra)


def test_production_redirects_plain_http_to_https(client, production):
    response = client.get("/privacy/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/privacy/"


def test_security_headers_in_production(client, production):
    response = https_get(client, "/privacy/")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert csp["default-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_cookies_are_secure_and_httponly_in_production(client, production):
    user = UserFactory()
    page = https_get(client, "/account/login/")
    assert page.cookies["csrftoken"]["secure"]
    assert page.cookies["csrftoken"]["httponly"]
    response = client.post(
        "/account/login/", {"login": user.email, "password": PASSWORD}, secure=True, HTTP_X_FORWARDED_PROTO="https"
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"


def test_the_admin_csp_exception_is_scoped_to_the_wagtail_admin(client):
    beheer = UserFactory(is_superuser=True, is_staff=True)
    add_totp(beheer)
    client.force_login(beheer)
    admin = client.get("/admin/")
    assert admin.status_code == 200
    assert "script-src 'self' 'unsafe-inline'" in admin["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in admin["Content-Security-Policy"]
    for path in ("/", "/privacy/", "/account/email/", "/django-admin/"):
        response = client.get(path)
        assert "unsafe-inline" not in response["Content-Security-Policy"], path
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], path


# No open redirects after login.


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "https:evil.example", "/\\evil.example"])
def test_login_never_redirects_off_site(client, target):
    user = UserFactory()
    response = client.post(f"/account/login/?next={target}", {"login": user.email, "password": PASSWORD, "next": target})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert response["Location"] == "/mijn/"


def test_login_follows_a_local_next(client):
    user = UserFactory()
    response = client.post("/account/login/", {"login": user.email, "password": PASSWORD, "next": "/privacy/"})
    assert response["Location"] == "/privacy/"


@pytest.mark.parametrize("path", ["/django-admin/login/", "/admin/login/"])
def test_admin_login_pages_redirect_to_the_site_login_without_foreign_next(client, path):
    response = client.get(f"{path}?next=https://evil.example/")
    assert response.status_code == 302
    assert response["Location"] == "/account/login/"
    response = client.get(f"{path}?next=/django-admin/")
    assert response["Location"] == "/account/login/?next=%2Fdjango-admin%2F"


# CSRF on every form: a POST without a token is refused.


@pytest.mark.parametrize(
    "path,logged_in",
    [
        ("/account/login/", False),
        ("/account/signup/", False),
        ("/account/password/reset/", False),
        ("/account/logout/", True),
        ("/account/email/", True),
        ("/account/password/change/", True),
        ("/mijn/account-verwijderen/", True),
        ("/i18n/setlang/", False),
    ],
)
def test_post_without_csrf_token_is_refused(path, logged_in):
    client = Client(enforce_csrf_checks=True)
    user = UserFactory()
    if logged_in:
        client.force_login(user)
    response = client.post(path, {"login": user.email, "password": PASSWORD, "email": "x@example.org"})
    assert response.status_code == 403
    user.refresh_from_db()
    assert user.is_active


def test_account_deletion_with_a_csrf_token_works_only_with_the_token(client):
    """The counterpart of the refusals above: the same form with its token is accepted."""
    csrf_client = Client(enforce_csrf_checks=True)
    user = UserFactory()
    csrf_client.force_login(user)
    page = csrf_client.get("/mijn/account-verwijderen/")
    token = page.context["csrf_token"]
    response = csrf_client.post("/mijn/account-verwijderen/", {"password": PASSWORD, "csrfmiddlewaretoken": str(token)})
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_active


# Uploads: type by content, size, empty.

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_upload_accepts_a_real_pdf():
    assert validate_upload(upload("factuur.pdf", PDF)) == "application/pdf"


def test_upload_judges_type_by_content_not_by_name():
    with pytest.raises(ValidationError) as error:
        validate_upload(upload("factuur.pdf", b"<html><script>alert(1)</script></html>"))
    assert error.value.code == "bad_type"
    assert "niet toegestaan" in error.value.messages[0]
    with pytest.raises(ValidationError) as error:
        validate_upload(upload("factuur.pdf", PNG), allowed=("application/pdf",))
    assert error.value.code == "bad_type"


def test_upload_refuses_too_large_files():
    with pytest.raises(ValidationError) as error:
        validate_upload(upload("factuur.pdf", PDF + b"0" * 2048), max_size=1024)
    assert error.value.code == "too_large"
    assert "te groot" in error.value.messages[0]


def test_upload_refuses_empty_files():
    with pytest.raises(ValidationError) as error:
        validate_upload(upload("leeg.pdf", b""))
    assert error.value.code == "empty"


def test_wagtail_documents_are_checked_by_content(client):
    from glashelder.documents import validate_document

    assert validate_document(upload("handout.pdf", PDF)) == "application/pdf"
    with pytest.raises(ValidationError):
        validate_document(upload("handout.pdf", b"MZ\x90\x00 windows executable"))
    with pytest.raises(ValidationError):
        validate_document(upload("script.exe", PDF))
    with pytest.raises(ValidationError):
        validate_document(upload("notities.docx", PDF))


def test_wagtail_document_upload_in_the_admin_refuses_a_disguised_file(client):
    from wagtail.documents import get_document_model

    beheer = UserFactory(is_superuser=True, is_staff=True)
    add_totp(beheer)
    client.force_login(beheer)
    response = client.post(
        "/admin/documents/add/",
        {"title": "Handout", "file": upload("handout.pdf", b"<script>alert(1)</script>"), "collection": 1},
    )
    assert response.status_code == 200
    assert "niet toegestaan" in response.content.decode()
    assert not get_document_model().objects.filter(title="Handout").exists()
    response = client.post("/admin/documents/add/", {"title": "Handout", "file": upload("handout.pdf", PDF), "collection": 1})
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="Handout").exists()


def test_svg_images_are_not_accepted(settings):
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 10 * 1024 * 1024


# Logs contain no secrets.


def test_log_filter_masks_reset_keys_and_tokens():
    from glashelder.logfilters import RedactSecretsFilter

    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"GET %s HTTP/1.1" 200', ("/account/password/reset/key/3-abc123secret/",), None
    )
    RedactSecretsFilter().filter(record)
    assert "abc123secret" not in record.getMessage()
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found: /x?token=geheim&a=1", (), None)
    RedactSecretsFilter().filter(record)
    assert "geheim" not in record.getMessage()
    assert "a=1" in record.getMessage()


def test_console_handler_uses_the_filter(settings):
    assert "redact_secrets" in settings.LOGGING["handlers"]["console"]["filters"]


def test_failed_login_audit_keeps_no_password(client):
    from glashelder.models import AuditEvent

    user = UserFactory()
    client.post("/account/login/", {"login": user.email, "password": "mijn-geheime-poging-42"})
    event = AuditEvent.objects.get(action="login_failed")
    assert "mijn-geheime-poging-42" not in str(event.details)
    assert event.actor_label == user.email
