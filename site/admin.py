"""Django admin (/django-admin/, beheer only): users, griffie roles and the
read-only audit log. Every grant or revocation of a role is audited."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from glashelder.offices.models import GriffieMember

from .kernel.audit import audit_log
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


@admin.register(GriffieMember)
class GriffieMemberAdmin(admin.ModelAdmin):
    """Granting the griffie role of an authority. Changing a grant is not
    possible (revoke and grant again), so the audit trail stays readable."""

    list_display = ["user", "authority", "granted_by", "granted_at"]
    list_filter = ["authority__kind"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "authority__name"]
    autocomplete_fields = ["user"]
    raw_id_fields = ["authority"]
    readonly_fields = ["granted_by", "granted_at"]

    def has_change_permission(self, request, obj=None):
        # Viewing the list and a grant is allowed; editing one is not.
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)
        if not change:
            audit_log(
                "role_granted",
                actor=request.user,
                request=request,
                target=f"user:{obj.user_id}",
                role="griffie",
                scope=str(obj.authority),
                authority_id=obj.authority_id,
                user_id=obj.user_id,
            )

    def _log_revoke(self, request, obj):
        audit_log(
            "role_revoked",
            actor=request.user,
            request=request,
            target=f"user:{obj.user_id}",
            role="griffie",
            scope=str(obj.authority),
            authority_id=obj.authority_id,
            user_id=obj.user_id,
        )

    def delete_model(self, request, obj):
        self._log_revoke(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset.select_related("authority"):
            self._log_revoke(request, obj)
        super().delete_queryset(request, queryset)


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
