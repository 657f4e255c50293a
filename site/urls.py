from django.conf import settings
from django.conf.urls.i18n import i18n_patterns  # noqa: F401
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # One login for the whole site (allauth, with MFA): the admins' own login
    # pages only redirect there.
    path("django-admin/login/", views.admin_login_redirect, name="django_admin_login_redirect"),
    path("admin/login/", views.admin_login_redirect, name="admin_login_redirect"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("account/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("toegankelijkheid/", views.AccessibilityView.as_view(), name="accessibility"),
    path("mijn/naam/", views.NameView.as_view(), name="name_change"),
    path("mijn/gegevens/", views.PersonalDataView.as_view(), name="personal_data"),
    path("mijn/account-verwijderen/", views.AccountDeleteView.as_view(), name="account_delete"),
    path("mijn/uitloggen-overal/", views.LogoutEverywhereView.as_view(), name="logout_everywhere"),
    path("", include("courses.urls")),
    path("", include("glashelder.offices.urls")),
    path("", include("enrolment.urls")),
    path("", include("reimbursement.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving last: /, /cursussen/ and the course pages below it.
urlpatterns += [path("", include(wagtail_urls))]
