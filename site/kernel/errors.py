"""The one family of domain errors. Every refusal of a service is one of three kinds:

* `InvalidTransition` — the record is not in a state that allows this step;
* `NotAllowed` — this person may not do this;
* `Invalid` — the input or the rules of the law/policy refuse it.

`message` is the Dutch sentence shown to the person who asked; a refusal changes
nothing (services raise before or inside their transaction, which then rolls back).
Apps subclass these for refusals a caller wants to tell apart (a full session, a
missing statement), never to add another root.
"""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    default_message = _("Dit kan niet.")

    def __init__(self, message=None):
        self.message = str(message) if message else str(self.default_message)
        super().__init__(self.message)


class InvalidTransition(DomainError):
    default_message = _("Deze stap kan niet in de huidige status.")


class NotAllowed(DomainError):
    default_message = _("U mag dit niet doen.")


class Invalid(DomainError):
    default_message = _("Deze invoer is niet geldig.")
