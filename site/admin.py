"""Django admin (/django-admin/, beheer only): users, griffie roles and the
read-only audit log. Every grant or revocation of a role is audited (griffie roles
by the offices services the admin calls)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from glashelder.offices.models import GriffieMember
from glashelder.offices.services import OfficeError, griffie_member_grant, griffie_member_revoke

from .models import AuditEvent, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff", "is_superuser", "last_login"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Persoonlijke gegevens"), {"fields": ("first_name", "last_name")}),
        (_("Rechten"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Belangrijke datums"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


class GriffieMemberForm(forms.ModelForm):
    """The add form checks the input only. Whether the person already works at that griffie is
    the grant service's rule, refused with its own message (the database constraint stays as
    the last guard), so the form does not run the model's constraint checks."""

    class Meta:
        model = GriffieMember
        fields = ["user", "authority"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.validate_constraints = lambda exclude=None: None

    def validate_unique(self):
        pass


@admin.register(GriffieMember)
class GriffieMemberAdmin(admin.ModelAdmin):
    """Granting the griffie role of an authority. Changing a grant is not
    possible (revoke and grant again), so the audit trail stays readable.

    Adding and deleting go through `griffie_member_grant` and `griffie_member_revoke`,
    which check the rules and write the audit entry; a refusal is shown as a message
    and changes nothing (it rolls back the admin's transaction)."""

    form = GriffieMemberForm
    list_display = ["user", "authority", "granted_by", "granted_at"]
    list_filter = ["authority__kind"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "authority__name"]
    autocomplete_fields = ["user"]
    raw_id_fields = ["authority"]
    readonly_fields = ["granted_by", "granted_at"]

    def has_change_permission(self, request, obj=None):
        # Viewing the list and a grant is allowed; editing one is not.
        return obj is None and super().has_change_permission(request, obj)

    def _refusals_as_messages(self, request, view, *, back):
        """Run the admin view; a refusal of the service rolls it all back and is shown as a message at `back`."""
        try:
            with transaction.atomic():
                return view()
        except OfficeError as error:
            self.message_user(request, error.message, messages.ERROR)
            return HttpResponseRedirect(back)

    def _changelist_url(self):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist", current_app=self.admin_site.name)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        parent = super().changeform_view
        if request.method != "POST":
            return parent(request, object_id, form_url, extra_context)
        return self._refusals_as_messages(
            request, lambda: parent(request, object_id, form_url, extra_context), back=request.get_full_path()
        )

    def delete_view(self, request, object_id, extra_context=None):
        parent = super().delete_view
        if request.method != "POST":
            return parent(request, object_id, extra_context)
        return self._refusals_as_messages(request, lambda: parent(request, object_id, extra_context), back=self._changelist_url())

    def changelist_view(self, request, extra_context=None):
        # The bulk action "delete selected" revokes every selected grant, or none.
        parent = super().changelist_view
        if request.method != "POST":
            return parent(request, extra_context)
        return self._refusals_as_messages(request, lambda: parent(request, extra_context), back=request.get_full_path())

    def save_model(self, request, obj, form, change):
        member = griffie_member_grant(authority=obj.authority, user=obj.user, by=request.user)
        obj.pk, obj.granted_by, obj.granted_at = member.pk, member.granted_by, member.granted_at

    def delete_model(self, request, obj):
        griffie_member_revoke(member=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for member in queryset.order_by("pk"):
            griffie_member_revoke(member=member, by=request.user)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit log: beheer can read it; nobody can add, change or delete."""

    list_display = ["at", "action", "actor_label", "target", "ip_address"]
    list_filter = ["action"]
    search_fields = ["actor_label", "target", "action"]
    date_hierarchy = "at"
    readonly_fields = ["at", "actor", "actor_label", "action", "target", "ip_address", "details"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser
