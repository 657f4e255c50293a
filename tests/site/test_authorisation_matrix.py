"""The authorisation matrix: every view, every role.

Every module `tests/*/authz*.py` declares `setup(world)` and `CASES` (format
in `tests/authz_world.py`). For each module the world is built once, and every
case is requested as every role; all mismatches are collected into one
failure message. A second test walks the project's URL configuration and fails
when a named URL pattern has no case, so a new view without an authorisation
test fails the suite.
"""

import importlib
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.authz_world import ROLES, Hides, build_world

TESTS_DIR = Path(__file__).resolve().parents[1]

# Third-party URL configurations without cases here. Each is covered elsewhere
# or is not ours to authorise:
EXCLUDED_URLCONFS = (
    # allauth's own views (login, sign-up, e-mail, MFA, sessions): allauth
    # checks authentication itself; tests/site/test_accounts*.py and the MFA
    # tests exercise them.
    "allauth.",
    # Wagtail admin, documents and page serving: Wagtail checks its own
    # permissions; the courses app's cases cover the catalogue and course pages
    # by their paths (name "wagtail_serve").
    "wagtail.",
    # Django admin: staff only (Django's own check), with cases for the index
    # and the audit log in tests/site/authz.py.
    "django.contrib.admin.",
    # The language switch: a POST anyone may make.
    "django.conf.urls.i18n",
)
EXCLUDED_NAMESPACES = ("admin", "wagtailadmin", "wagtaildocs", "wagtailimages", "wagtailsnippets")


def authz_modules():
    names = []
    for path in sorted(TESTS_DIR.glob("*/authz*.py")):
        names.append(f"tests.{path.parent.name}.{path.stem}")
    return names


def _urlconf_name(resolver):
    name = resolver.urlconf_name
    if isinstance(name, str):
        return name
    module = getattr(name, "__name__", None)
    if module:
        return module
    # A list of patterns (include((patterns, app_name))): judge by the first pattern's view.
    for pattern in name:
        callback = getattr(pattern, "callback", None)
        if callback is not None:
            return getattr(callback, "__module__", "")
        return _urlconf_name(pattern)
    return ""


def project_url_names(resolver=None, namespace=None):
    """Namespaced names of every URL pattern that belongs to the project."""
    resolver = resolver or get_resolver("glashelder.urls")
    found = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if _urlconf_name(entry).startswith(EXCLUDED_URLCONFS):
                continue
            ns = entry.namespace
            if ns in EXCLUDED_NAMESPACES:
                continue
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            found |= project_url_names(entry, full)
        elif isinstance(entry, URLPattern) and entry.name:
            module = getattr(entry.callback, "__module__", "") or ""
            if module.startswith(("django.views.static", "django.contrib.staticfiles")):
                continue
            found.add(f"{namespace}:{entry.name}" if namespace else entry.name)
    return found


def collect_modules():
    modules = [importlib.import_module(name) for name in authz_modules()]
    return modules


def _client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def run_cases(module, world):
    failures = []
    cases = list(module.CASES)
    clients = {}
    for case in cases:
        url_name, build, method, expected = case[:4]
        data = case[4] if len(case) > 4 else {}
        missing = [role for role in ROLES if role not in expected]
        if missing:
            failures.append(f"{module.__name__}: {url_name} has no expectation for {', '.join(missing)}")
            continue
        path = build(world)
        for role in ROLES:
            client = clients.get(role) or clients.setdefault(role, _client_for(world.users[role]))
            if method.upper() == "POST":
                # The test client does not enforce CSRF: this checks authorisation only.
                response = client.post(path, data)
                # A POST may end the session (logout): the next case gets a fresh client.
                clients.pop(role, None)
            else:
                response = getattr(client, method.lower())(path)
            allowed, hidden = expected[role], ()
            if isinstance(allowed, Hides):
                allowed, hidden = allowed.statuses, allowed.texts
            allowed = allowed if isinstance(allowed, tuple | list | set) else (allowed,)
            if response.status_code not in allowed:
                location = f" -> {response.get('Location')}" if response.has_header("Location") else ""
                failures.append(
                    f"{url_name} {method} {path} as {role}: {response.status_code}{location}, expected {'/'.join(map(str, allowed))}"
                )
            elif hidden:
                body = b"".join(response.streaming_content) if response.streaming else response.content
                body = body.decode(errors="replace")
                failures += [f"{url_name} {method} {path} as {role}: shows {text!r}" for text in hidden if text in body]
    return failures


@pytest.mark.django_db
@pytest.mark.parametrize("module_name", authz_modules())
def test_every_case_for_every_role(module_name):
    module = importlib.import_module(module_name)
    world = build_world()
    setup = getattr(module, "setup", None)
    if setup is not None:
        setup(world)
    assert module.CASES, f"{module_name} declares no cases"
    failures = run_cases(module, world)
    assert not failures, f"{len(failures)} authorisation mismatches:\n" + "\n".join(failures)


def test_every_named_url_of_the_project_has_a_case():
    covered = set()
    for module in collect_modules():
        covered |= {case[0] for case in module.CASES}
    names = project_url_names()
    # The site's own views must be among them: the walk itself works.
    assert {"healthz", "privacy", "personal_data", "account_delete"} <= names
    missing = sorted(names - covered)
    assert not missing, "URL patterns without an authorisation case: " + ", ".join(missing)


def test_url_walk_skips_third_party_and_finds_app_namespaces():
    names = project_url_names()
    third_party = {"account_login", "account_signup", "mfa_index", "usersessions_list", "wagtail_serve", "set_language"}
    assert not third_party & names
    assert not any(name.startswith(EXCLUDED_NAMESPACES) for name in names if ":" in name)


class _Module:
    __name__ = "tests.site.fake_authz"

    def __init__(self, cases):
        self.CASES = cases


@pytest.mark.django_db
def test_the_runner_reports_wrong_statuses_and_missing_roles():
    world = build_world()
    everyone_404 = {role: 404 for role in ROLES}
    failures = run_cases(_Module([("healthz", lambda w: "/healthz", "GET", everyone_404)]), world)
    assert len(failures) == len(ROLES)
    assert "healthz GET /healthz as anonymous: 200, expected 404" in failures[0]
    incomplete = {"anonymous": 200}
    failures = run_cases(_Module([("healthz", lambda w: "/healthz", "GET", incomplete)]), world)
    assert failures and "has no expectation for participant" in failures[0]
    hides = {role: Hides(200, '"status"') for role in ROLES}
    failures = run_cases(_Module([("healthz", lambda w: "/healthz", "GET", hides)]), world)
    assert len(failures) == len(ROLES) and "healthz GET /healthz as anonymous: shows '\"status\"'" in failures[0]
