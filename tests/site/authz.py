"""Authorisation cases for the site's own URLs (format: tests/authz_world.py)."""

EVERYONE = ("anonymous", "participant", "other_participant", "griffie", "griffie_other", "provider", "other_provider", "redactie", "beheer")
LOGGED_IN = EVERYONE[1:]


def everyone(status):
    return {role: status for role in EVERYONE}


def members(status, anonymous=302):
    return {"anonymous": anonymous, **{role: status for role in LOGGED_IN}}


def beheer_only(status, others=302):
    return {**{role: others for role in EVERYONE}, "beheer": status}


def setup(world):
    pass


CASES = [
    ("healthz", lambda w: "/healthz", "GET", everyone(200)),
    ("privacy", lambda w: "/privacy/", "GET", everyone(200)),
    ("accessibility", lambda w: "/toegankelijkheid/", "GET", everyone(200)),
    # Personal data: only one's own, so every logged-in user gets their own page.
    ("personal_data", lambda w: "/mijn/gegevens/", "GET", members(200)),
    ("personal_data", lambda w: "/mijn/gegevens/?formaat=json", "GET", members(200)),
    ("account_delete", lambda w: "/mijn/account-verwijderen/", "GET", members(200)),
    # Always one's own name: there is no id in the path.
    ("name_change", lambda w: "/mijn/naam/", "GET", members(200)),
    ("name_change", lambda w: "/mijn/naam/", "POST", members(200)),
    # Without the password nothing is deleted: the form comes back with an error.
    ("account_delete", lambda w: "/mijn/account-verwijderen/", "POST", members(200)),
    # Ends the requester's own sessions only; GET is not allowed.
    ("logout_everywhere", lambda w: "/mijn/uitloggen-overal/", "GET", members(405)),
    ("logout_everywhere", lambda w: "/mijn/uitloggen-overal/", "POST", members(302)),
    # The admins' own login pages only redirect to the site's login.
    ("django_admin_login_redirect", lambda w: "/django-admin/login/?next=/django-admin/", "GET", everyone(302)),
    ("admin_login_redirect", lambda w: "/admin/login/?next=/admin/", "GET", everyone(302)),
    # Django admin (beheer only): non-staff are sent to the login page.
    ("admin:index", lambda w: "/django-admin/", "GET", beheer_only(200)),
    ("admin:glashelder_auditevent_changelist", lambda w: "/django-admin/glashelder/auditevent/", "GET", beheer_only(200)),
    # The audit log is read-only, even for beheer.
    ("admin:glashelder_auditevent_add", lambda w: "/django-admin/glashelder/auditevent/add/", "GET", beheer_only(403)),
    ("admin:offices_griffiemember_changelist", lambda w: "/django-admin/offices/griffiemember/", "GET", beheer_only(200)),
    # Wagtail page serving: the home page is public.
    ("wagtail_serve", lambda w: "/", "GET", everyone(200)),
]
