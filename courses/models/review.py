"""The redactie's onpartijdigheidstoets as a Wagtail workflow task."""


from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    AbstractGroupApprovalTask,
)

from ..forms import ReviewCommentForm, ReviewRejectForm


class NonPartisanshipTask(AbstractGroupApprovalTask):
    """The redactie's onpartijdigheidstoets: a group approval task that records
    the outcome on the course (who approved which revision, when; or the reason
    for rejection) and notifies provider editors and redactie by e-mail."""

    # The outcome is recorded on the course by courses.signals (Wagtail's task_approved and
    # task_rejected), inside the same transaction as the action.
    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", _("Afwijzen (met toelichting)"), True),
                ("approve", _("Goedkeuren en publiceren"), False),
                ("approve", _("Goedkeuren met opmerking"), True),
            ]
        return []

    def get_form_for_action(self, action):
        return ReviewRejectForm if action == "reject" else ReviewCommentForm

    @classmethod
    def get_description(cls):
        return _("De redactie toetst of de cursus niet-partijpolitiek is, en keurt goed (publiceert) of wijst af.")

    class Meta:
        verbose_name = _("onpartijdigheidstoets")
        verbose_name_plural = _("onpartijdigheidstoetsen")
