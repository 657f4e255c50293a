"""URLs of the enrolment app. Office and griffie-member pages live in office_urls.py."""

from django.urls import path  # noqa: F401

from .office_urls import urlpatterns as office_urlpatterns

app_name = "enrolment"

urlpatterns = [] + office_urlpatterns
