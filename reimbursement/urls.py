"""URLs of the reimbursement app: its pages of the griffie workspace under /griffie/<code>/
(the overview, claims, prior approvals, policy, budget, exports), the member's claims under
/mijn/declaraties/ and /mijn/toestemming/, and redirects from the workspace's old addresses."""

from django.urls import path, re_path

from glashelder.offices import converters  # noqa: F401  (registers the `cbs` path converter)

from .views import griffie, griffie_budget, member, moved

app_name = "reimbursement"

urlpatterns = [
    path("griffie/<cbs:code>/", griffie.griffie_home, name="griffie_home"),
    path("griffie/<cbs:code>/declaraties/goedkeuren/", griffie.griffie_bulk_approve, name="griffie_bulk_approve"),
    path("griffie/<cbs:code>/declaraties/<str:number>/", griffie.griffie_claim, name="griffie_claim"),
    path("griffie/<cbs:code>/declaraties/<str:number>/pdf/", griffie.griffie_claim_pdf, name="griffie_claim_pdf"),
    path("griffie/<cbs:code>/declaraties/<str:number>/factuur/", griffie.griffie_claim_invoice, name="griffie_claim_invoice"),
    path("griffie/<cbs:code>/toestemming/", griffie.griffie_reservations, name="griffie_reservations"),
    path("griffie/<cbs:code>/toestemming/<str:number>/", griffie.griffie_reservation, name="griffie_reservation"),
    path("griffie/<cbs:code>/regeling/", griffie_budget.griffie_policies, name="griffie_policies"),
    path("griffie/<cbs:code>/regeling/<int:year>/", griffie_budget.griffie_policy, name="griffie_policy"),
    path("griffie/<cbs:code>/budget/", griffie_budget.griffie_budget, name="griffie_budget"),
    path("griffie/<cbs:code>/export/", griffie_budget.griffie_exports, name="griffie_exports"),
    path("griffie/<cbs:code>/export/<int:pk>/<str:fmt>/", griffie_budget.griffie_export_download, name="griffie_export_download"),
    # Old addresses (before the workspace named the authority first): permanent redirects.
    path("griffie/overheid/", moved.griffie_choose_moved, name="griffie_choose_moved"),
    re_path(r"^griffie/(?P<rest>(?:declaraties|toestemming|regeling|budget|export)/.*)$", moved.griffie_page_moved, name="griffie_page_moved"),
    path("mijn/declaraties/", member.member_claims, name="member_claims"),
    path("mijn/declaraties/extern/", member.member_external_claim, name="member_external_claim"),
    path("mijn/declaraties/inschrijving/<int:enrolment_id>/", member.member_claim_prepare, name="member_claim_prepare"),
    path("mijn/declaraties/<str:number>/", member.member_claim, name="member_claim"),
    path("mijn/declaraties/<str:number>/intrekken/", member.member_claim_withdraw, name="member_claim_withdraw"),
    path("mijn/declaraties/<str:number>/pdf/", member.member_claim_pdf, name="member_claim_pdf"),
    path("mijn/declaraties/<str:number>/factuur/", member.member_claim_invoice, name="member_claim_invoice"),
    path("mijn/toestemming/", member.member_reservations, name="member_reservations"),
    path("mijn/toestemming/aanvragen/<int:course_id>/", member.reservation_request, name="reservation_request"),
]
