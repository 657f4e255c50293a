"""URLs of the enrolment app."""

from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "enrolment"

urlpatterns = [
    path("mijn/", views.dashboard, name="dashboard"),
    path("mijn/inschrijven/<int:course_id>/", views.enrol, name="enrol"),
    path("mijn/cursussen/<int:enrolment_id>/", views.enrolment_detail, name="enrolment_detail"),
    path("mijn/cursussen/<int:enrolment_id>/annuleren/", views.enrolment_cancel, name="enrolment_cancel"),
    path("mijn/cursussen/<int:enrolment_id>/betalen/", views.enrolment_pay, name="enrolment_pay"),
    path("mijn/cursussen/<int:enrolment_id>/modules/<int:module_id>/", views.module_view, name="module"),
    path("mijn/cursussen/<int:enrolment_id>/modules/<int:module_id>/afronden/", views.module_complete, name="module_complete"),
    path("mijn/betalingen/<int:payment_id>/demo/", views.payment_demo, name="payment_demo"),
    path("mijn/betalingen/<int:payment_id>/terug/", views.payment_return, name="payment_return"),
    path("mijn/certificaten/<str:code>.pdf", views.certificate_download, name="certificate_download"),
    path("certificaat/", views.certificate_lookup, name="certificate_lookup"),
    path("certificaat/<str:code>/", views.certificate_verify, name="certificate_verify"),
    path("stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
    # /aanbieder/ itself has nothing of its own: it opens the enrolments of the provider's courses.
    path("aanbieder/", RedirectView.as_view(pattern_name="enrolment:provider_enrolments", permanent=False)),
    path("aanbieder/inschrijvingen/", views.provider_enrolments, name="provider_enrolments"),
    path("aanbieder/bijeenkomsten/<int:session_id>/", views.provider_session, name="provider_session"),
    path("aanbieder/bijeenkomsten/<int:session_id>/annuleren/", views.provider_session_cancel, name="provider_session_cancel"),
    path("aanbieder/betalingen/", views.provider_payments, name="provider_payments"),
]
