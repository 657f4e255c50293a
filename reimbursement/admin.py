"""Django admin (beheer): legal bases are editable; claims, events and exports (with their lines and files) are read-only records."""

from django.contrib import admin

from .models import (
    Claim,
    ClaimEvent,
    ClaimExport,
    ExportFile,
    ExportLine,
    LegalBasis,
    Reservation,
    TrainingPolicy,
)


@admin.register(LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    list_display = ["articles", "regulation", "role", "level", "valid_from", "valid_until", "confirmed"]
    list_filter = ["level", "role", "confirmed"]
    search_fields = ["regulation", "articles", "explanation"]


@admin.register(TrainingPolicy)
class TrainingPolicyAdmin(admin.ModelAdmin):
    list_display = ["authority", "year", "budget", "cap_per_member", "cap_per_course", "prior_approval_required", "direct_payment_allowed"]
    list_filter = ["year", "prior_approval_required", "direct_payment_allowed"]
    search_fields = ["authority__name", "authority__cbs_code"]
    raw_id_fields = ["authority", "updated_by"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Claims change only through the services (one transaction, row locked, event written)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ClaimEventInline(admin.TabularInline):
    model = ClaimEvent
    extra = 0
    can_delete = False
    fields = ["at", "action", "actor_name", "from_status", "to_status", "amount", "reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Claim)
class ClaimAdmin(ReadOnlyAdmin):
    list_display = ["number", "member_name", "authority_name", "course_title", "amount_requested", "amount_approved", "status"]
    list_filter = ["status", "kind", "budget_year"]
    search_fields = ["number", "member_name", "course_title", "authority_name"]
    inlines = [ClaimEventInline]


class ReadOnlyInline(admin.TabularInline):
    """The export ledger is append-only: its lines and files are shown, never added, changed or deleted."""

    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ExportLineInline(ReadOnlyInline):
    model = ExportLine
    fields = ["kind", "claim_number", "member_name", "amount", "line_date", "event"]
    readonly_fields = fields


class ExportFileInline(ReadOnlyInline):
    model = ExportFile
    fields = ["format", "size", "sha256", "created_at"]
    readonly_fields = fields


@admin.register(ClaimExport)
class ClaimExportAdmin(ReadOnlyAdmin):
    list_display = ["authority", "period_start", "period_end", "line_count", "reversal_count", "total", "created_by_name", "created_at"]
    inlines = [ExportLineInline, ExportFileInline]


@admin.register(ExportLine)
class ExportLineAdmin(ReadOnlyAdmin):
    list_display = ["claim_number", "kind", "amount", "line_date", "member_name", "authority_name", "export"]
    list_filter = ["kind"]
    search_fields = ["claim_number", "member_name", "authority_name"]
    list_select_related = ["export__authority"]


@admin.register(Reservation)
class ReservationAdmin(ReadOnlyAdmin):
    list_display = ["number", "kind", "member_name", "course_title", "amount", "status", "order_number"]
    list_filter = ["kind", "status", "budget_year"]
    search_fields = ["number", "member_name", "course_title", "order_number"]
