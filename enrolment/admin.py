"""Django admin (beheer) for enrolments, progress, certificates, payments, Stripe events and
the reaction outbox.

Read-mostly: state changes go through the services, so payments, Stripe events and
the outbox are read-only here. GriffieMember is registered by the security
engineer (with audit logging), not here.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Certificate, Enrolment, ModuleProgress, OutboxDelivery, OutboxEvent, Payment, StripeEvent


class ModuleProgressInline(admin.TabularInline):
    model = ModuleProgress
    extra = 0
    readonly_fields = ["module", "started_at", "last_lesson", "check_score", "check_attempts", "completed_at"]
    can_delete = False


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0
    fields = ["method", "status", "amount", "amount_refunded", "paid_at", "receipt_url"]
    readonly_fields = fields
    can_delete = False


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["person", "course", "session", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["person__email", "person__last_name", "course__title"]
    raw_id_fields = ["person", "office", "course", "session", "last_module", "attendance_registered_by"]
    readonly_fields = ["status", "created_at", "activated_at", "completed_at", "cancelled_at"]
    inlines = [ModuleProgressInline, PaymentInline]
    list_select_related = ["person", "course", "session"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "holder_name", "course_title", "completed_on", "valid_until"]
    search_fields = ["code", "holder_name", "course_title"]
    readonly_fields = [f.name for f in Certificate._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ["enrolment", "method", "status", "amount", "amount_refunded", "created_at"]
    list_filter = ["status", "method"]
    search_fields = ["stripe_checkout_session_id", "stripe_payment_intent_id", "enrolment__person__email"]
    readonly_fields = [f.name for f in Payment._meta.fields]
    list_select_related = ["enrolment__person", "enrolment__course"]

    def has_add_permission(self, request):
        return False


@admin.register(StripeEvent)
class StripeEventAdmin(admin.ModelAdmin):
    list_display = ["event_id", "type", "created", "received_at", "processed_at", "error"]
    list_filter = ["type", ("processed_at", admin.EmptyFieldListFilter)]
    search_fields = ["event_id"]
    readonly_fields = [f.name for f in StripeEvent._meta.fields]

    def has_add_permission(self, request):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OutboxDeliveryInline(admin.TabularInline):
    model = OutboxDelivery
    extra = 0
    fields = ["handler", "delivered_at", "attempts", "next_attempt_at", "last_error"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(OutboxEvent)
class OutboxEventAdmin(ReadOnlyAdmin):
    """What happened, and which app's reactions to it are done or still pending."""

    list_display = ["pk", "kind", "enrolment", "payment", "created_at"]
    list_filter = ["kind"]
    search_fields = ["=enrolment__pk", "=payment__pk"]
    readonly_fields = ["kind", "enrolment", "payment", "created_at"]
    inlines = [OutboxDeliveryInline]
    list_select_related = ["enrolment__person", "enrolment__course", "payment"]


class PendingFilter(admin.SimpleListFilter):
    title = _("afgehandeld")
    parameter_name = "afgehandeld"

    def lookups(self, request, model_admin):
        return [("nee", _("Nog niet (wacht op een nieuwe poging)")), ("ja", _("Ja"))]

    def queryset(self, request, queryset):
        if self.value() == "nee":
            return queryset.filter(delivered_at__isnull=True)
        if self.value() == "ja":
            return queryset.filter(delivered_at__isnull=False)
        return queryset


@admin.register(OutboxDelivery)
class OutboxDeliveryAdmin(ReadOnlyAdmin):
    """Reactions of other apps: a pending one with an error is retried by `manage.py deliver_reactions`."""

    list_display = ["pk", "handler", "event", "attempts", "next_attempt_at", "delivered_at", "short_error"]
    list_filter = [PendingFilter, "handler", "event__kind"]
    search_fields = ["handler", "last_error", "=event__enrolment__pk"]
    readonly_fields = ["event", "handler", "attempts", "next_attempt_at", "delivered_at", "last_error"]
    list_select_related = ["event"]

    @admin.display(description=_("laatste fout"))
    def short_error(self, delivery):
        return delivery.last_error[:120]
