"""URLs of the reimbursement app: the griffie workspace under /griffie/ (except /griffie/leden/,
which belongs to the offices pages) and the member's claims under /mijn/declaraties/ and /mijn/toestemming/."""

from django.urls import path

from . import views

app_name = "reimbursement"

urlpatterns = [
    path("griffie/", views.griffie_home, name="griffie_home"),
    path("griffie/overheid/", views.griffie_choose_authority, name="griffie_choose_authority"),
    path("griffie/declaraties/goedkeuren/", views.griffie_bulk_approve, name="griffie_bulk_approve"),
    path("griffie/declaraties/<str:number>/", views.griffie_claim, name="griffie_claim"),
    path("griffie/declaraties/<str:number>/pdf/", views.griffie_claim_pdf, name="griffie_claim_pdf"),
    path("griffie/declaraties/<str:number>/factuur/", views.griffie_claim_invoice, name="griffie_claim_invoice"),
    path("griffie/toestemming/", views.griffie_reservations, name="griffie_reservations"),
    path("griffie/toestemming/<str:number>/", views.griffie_reservation, name="griffie_reservation"),
    path("griffie/regeling/", views.griffie_policies, name="griffie_policies"),
    path("griffie/regeling/<int:year>/", views.griffie_policy, name="griffie_policy"),
    path("griffie/budget/", views.griffie_budget, name="griffie_budget"),
    path("griffie/export/", views.griffie_exports, name="griffie_exports"),
    path("griffie/export/<int:pk>/<str:fmt>/", views.griffie_export_download, name="griffie_export_download"),
    path("mijn/declaraties/", views.member_claims, name="member_claims"),
    path("mijn/declaraties/extern/", views.member_external_claim, name="member_external_claim"),
    path("mijn/declaraties/inschrijving/<int:enrolment_id>/", views.member_claim_prepare, name="member_claim_prepare"),
    path("mijn/declaraties/<str:number>/", views.member_claim, name="member_claim"),
    path("mijn/declaraties/<str:number>/intrekken/", views.member_claim_withdraw, name="member_claim_withdraw"),
    path("mijn/declaraties/<str:number>/pdf/", views.member_claim_pdf, name="member_claim_pdf"),
    path("mijn/declaraties/<str:number>/factuur/", views.member_claim_invoice, name="member_claim_invoice"),
    path("mijn/toestemming/", views.member_reservations, name="member_reservations"),
    path("mijn/toestemming/aanvragen/<int:course_id>/", views.reservation_request, name="reservation_request"),
]
