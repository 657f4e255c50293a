"""The world of the authorisation matrix: one user per role and a few base objects.

`tests/site/test_authorisation_matrix.py` builds a World, hands it to the
`setup(world)` of every `tests/*/authz*.py` module (which may add its own
objects as attributes, e.g. `world.claim`), and then requests every path of
that module's `CASES` as every role in `ROLES`.

A case is `(url_name, path_builder, method, expected)` with an optional fifth
element, the POST data:

- `url_name`: the URL pattern's name with its namespace ("courses:catalogue",
  "healthz"); the matrix fails when a named pattern of the project has no case;
- `path_builder`: `fn(world) -> str`, the path to request;
- `method`: "GET" or "POST" (the test client does not enforce CSRF: the check is
  about authorisation, not CSRF, which has its own tests);
- `expected`: `{role: status or tuple of statuses}` for **every** role in
  ROLES. Someone without access to an object gets 404, not 403. A role's
  expectation may also be `Hides(status, *texts)`: that status, and a body that
  contains none of `texts` (a listing that must not show another provider's
  draft titles).
"""

from decimal import Decimal

from glashelder.kernel.choices import Role
from tests.factories import (
    OfficeFactory,
    ProviderFactory,
    UserFactory,
    add_totp,
    amsterdam,
    griffie_user,
    make_course,
    make_module,
    utrecht,
)


class Hides:
    """An expected status (or tuple of statuses) whose body holds none of `texts`."""

    def __init__(self, statuses, *texts):
        self.statuses = tuple(statuses) if isinstance(statuses, tuple | list | set) else (statuses,)
        self.texts = texts

    def __repr__(self):
        return f"Hides({self.statuses}, {', '.join(map(repr, self.texts))})"


ROLES = (
    "anonymous",
    "participant",
    "other_participant",
    "griffie",
    "griffie_other",
    "provider",
    "other_provider",
    "redactie",
    "beheer",
)

QUESTIONS = [
    {
        "question": "Wie stelt de begroting vast?",
        "options": ["De raad", "Het college"],
        "correct_option": 1,
        "feedback": "De raad heeft het budgetrecht (art. 189 Gemeentewet).",
    }
]


def _editor(provider):
    user = UserFactory()
    user.groups.add(provider.editors_group)
    add_totp(user)
    return user


class World:
    """Users per role (`world.users[role]`, also as attributes) and base objects."""

    def __init__(self):
        from glashelder.kernel import roles

        self.utrecht = utrecht()
        self.amsterdam = amsterdam()

        self.provider = ProviderFactory(name="Vereniging Wereld")
        self.other_provider = ProviderFactory(name="Andere Vereniging")

        self.participant = UserFactory(email="deelnemer@wereld.example")
        self.office = OfficeFactory(person=self.participant, authority=self.utrecht, role=Role.RAADSLID)
        self.other_participant = UserFactory(email="ander@wereld.example")
        self.other_office = OfficeFactory(person=self.other_participant, authority=self.utrecht, role=Role.RAADSLID)

        self.griffie = griffie_user(self.utrecht, email="griffie@wereld.example")
        self.griffie_other = griffie_user(self.amsterdam, email="griffie.amsterdam@wereld.example")

        self.provider_editor = _editor(self.provider)
        self.other_provider_editor = _editor(self.other_provider)

        self.redactie = UserFactory(email="redactie@wereld.example")
        self.redactie.groups.add(roles.redactie_group())
        add_totp(self.redactie)

        self.beheer = UserFactory(email="beheer@wereld.example", is_superuser=True, is_staff=True)
        add_totp(self.beheer)

        self.course = make_course(
            provider=self.provider, title="Cursus begroting en rekening", price=Decimal("95.00")
        )
        self.free_course = make_course(provider=self.provider, title="Gratis cursus raadsvragen", price=Decimal("0"))
        self.other_course = make_course(provider=self.other_provider, title="Cursus rekenkamer", price=Decimal("0"))
        self.module = make_module(self.course, title="De begrotingscyclus", questions=QUESTIONS)

        self.users = {
            "anonymous": None,
            "participant": self.participant,
            "other_participant": self.other_participant,
            "griffie": self.griffie,
            "griffie_other": self.griffie_other,
            "provider": self.provider_editor,
            "other_provider": self.other_provider_editor,
            "redactie": self.redactie,
            "beheer": self.beheer,
        }


def build_world():
    return World()
