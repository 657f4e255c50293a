"""URLs for offices: requests, invitations and the griffie's member pages (/griffie/leden/)."""

from django.urls import path

from . import views

app_name = "offices"

urlpatterns = [
    path("mijn/ambten/", views.office_list, name="office_list"),
    path("mijn/ambten/<int:pk>/intrekken/", views.office_withdraw, name="office_withdraw"),
    path("uitnodiging/<slug:token>/", views.invitation_accept, name="invitation_accept"),
    path("griffie/leden/", views.griffie_home, name="griffie_home"),
    path("griffie/leden/<str:code>/", views.griffie_members, name="griffie_members"),
    path("griffie/leden/<str:code>/aanvragen/", views.griffie_requests, name="griffie_requests"),
    path("griffie/leden/<str:code>/ambten/<int:pk>/bevestigen/", views.griffie_office_verify, name="griffie_office_verify"),
    path("griffie/leden/<str:code>/ambten/<int:pk>/afwijzen/", views.griffie_office_decline, name="griffie_office_decline"),
    path("griffie/leden/<str:code>/ambten/<int:pk>/beeindigen/", views.griffie_office_end, name="griffie_office_end"),
    path("griffie/leden/<str:code>/uitnodigen/", views.griffie_invite, name="griffie_invite"),
    path("griffie/leden/<str:code>/uitnodigen/csv/", views.griffie_invite_csv, name="griffie_invite_csv"),
    path("griffie/leden/<str:code>/uitnodigingen/", views.griffie_invitations, name="griffie_invitations"),
    path("griffie/leden/<str:code>/uitnodigingen/<int:pk>/opnieuw/", views.griffie_invitation_resend, name="griffie_invitation_resend"),
    path("griffie/leden/<str:code>/uitnodigingen/<int:pk>/intrekken/", views.griffie_invitation_withdraw, name="griffie_invitation_withdraw"),
    path("griffie/leden/<str:code>/griffie/", views.griffie_team, name="griffie_team"),
    path("griffie/leden/<str:code>/griffie/<int:pk>/intrekken/", views.griffie_team_revoke, name="griffie_team_revoke"),
]
