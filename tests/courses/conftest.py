"""Fixtures of the catalogue tests: provider editors, redactie, an index with the review workflow."""

import pytest

from courses import services
from glashelder.kernel.roles import redactie_group
from tests.factories import ProviderFactory, UserFactory, add_totp


def make_editor(provider, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(provider.editors_group)
    add_totp(user)
    return user


def make_redactie(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(redactie_group())
    add_totp(user)
    return user


@pytest.fixture
def workflow(db):
    return services.review_workflow_ensure()


@pytest.fixture
def provider(db):
    return ProviderFactory(name="Vereniging Raadswerk")


@pytest.fixture
def other_provider(db):
    return ProviderFactory(name="Andere Vereniging")


@pytest.fixture
def editor(provider):
    return make_editor(provider)


@pytest.fixture
def other_editor(other_provider):
    return make_editor(other_provider)


@pytest.fixture
def redactie(db, workflow):
    return make_redactie()
