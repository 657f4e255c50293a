"""Django admin (beheer) for enrolments, progress, certificates, payments and Stripe events.

Read-mostly: state changes go through the services, so payments and Stripe
events are read-only here. GriffieMember is registered by the security
engineer (with audit logging), not here.
"""

from django.contrib import admin

from .models import Certificate, Enrolment, ModuleProgress, Payment, StripeEvent


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
    list_display = ["event_id", "type", "created", "received_at", "processed_at"]
    list_filter = ["type"]
    search_fields = ["event_id"]
    readonly_fields = [f.name for f in StripeEvent._meta.fields]

    def has_add_permission(self, request):
        return False
