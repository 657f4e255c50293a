"""URLs for offices: the member's offices, invitations, and the griffie workspace's start
(/griffie/) and member pages (/griffie/<code>/leden/...). The other pages of the workspace
under /griffie/<code>/ come from other apps (see `workspace`)."""

from django.urls import path, re_path

from . import views
from .converters import CBSCodeConverter  # importing it registers the `cbs` path converter

CBS = CBSCodeConverter.regex

app_name = "offices"

urlpatterns = [
    path("mijn/ambten/", views.office_list, name="office_list"),
    path("mijn/ambten/<int:pk>/intrekken/", views.office_withdraw, name="office_withdraw"),
    path("uitnodiging/<slug:token>/", views.invitation_accept, name="invitation_accept"),
    path("griffie/", views.griffie_choose, name="griffie_choose"),
    path("griffie/<cbs:code>/leden/", views.griffie_members, name="griffie_members"),
    path("griffie/<cbs:code>/leden/aanvragen/", views.griffie_requests, name="griffie_requests"),
    path("griffie/<cbs:code>/leden/ambten/<int:pk>/bevestigen/", views.griffie_office_verify, name="griffie_office_verify"),
    path("griffie/<cbs:code>/leden/ambten/<int:pk>/afwijzen/", views.griffie_office_decline, name="griffie_office_decline"),
    path("griffie/<cbs:code>/leden/ambten/<int:pk>/beeindigen/", views.griffie_office_end, name="griffie_office_end"),
    path("griffie/<cbs:code>/leden/uitnodigen/", views.griffie_invite, name="griffie_invite"),
    path("griffie/<cbs:code>/leden/uitnodigen/csv/", views.griffie_invite_csv, name="griffie_invite_csv"),
    path("griffie/<cbs:code>/leden/uitnodigingen/", views.griffie_invitations, name="griffie_invitations"),
    path("griffie/<cbs:code>/leden/uitnodigingen/<int:pk>/opnieuw/", views.griffie_invitation_resend, name="griffie_invitation_resend"),
    path("griffie/<cbs:code>/leden/uitnodigingen/<int:pk>/intrekken/", views.griffie_invitation_withdraw, name="griffie_invitation_withdraw"),
    path("griffie/<cbs:code>/leden/griffie/", views.griffie_team, name="griffie_team"),
    path("griffie/<cbs:code>/leden/griffie/<int:pk>/intrekken/", views.griffie_team_revoke, name="griffie_team_revoke"),
    # Old addresses (before the workspace named the authority first): permanent redirects.
    path("griffie/leden/", views.griffie_choose_moved, name="griffie_choose_moved"),
    re_path(rf"^griffie/leden/(?P<code>{CBS})/(?P<rest>.*)$", views.griffie_members_moved, name="griffie_members_moved"),
]
