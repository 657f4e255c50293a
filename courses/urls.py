"""URLs of the catalogue outside the Wagtail page tree (included before Wagtail's
page serving, so these paths win over a course slug; CoursePageForm reserves them)."""

from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("cursussen/agenda.ics", views.ical_all, name="ical_all"),
    path("cursussen/instrumenten/", views.instrument_list, name="instrument_list"),
    path("cursussen/instrumenten/<slug:slug>/", views.instrument_detail, name="instrument_detail"),
    path("cursussen/<slug:slug>/agenda.ics", views.ical_course, name="ical_course"),
]
