from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReimbursementConfig(AppConfig):
    name = "reimbursement"
    verbose_name = _("Declaraties")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from enrolment import signals

        from . import receivers

        signals.enrolment_completed.connect(receivers.on_enrolment_completed, dispatch_uid="reimbursement_enrolment_completed")
        signals.enrolment_cancelled.connect(receivers.on_enrolment_cancelled, dispatch_uid="reimbursement_enrolment_cancelled")
        signals.payment_paid.connect(receivers.on_payment_paid, dispatch_uid="reimbursement_payment_paid")
        signals.payment_refunded.connect(receivers.on_payment_refunded, dispatch_uid="reimbursement_payment_refunded")
