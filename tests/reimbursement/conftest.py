import pytest

from tests.factories import amsterdam, griffie_user, utrecht

from .factories import make_policy


@pytest.fixture
def policy(db):
    return make_policy(utrecht())


@pytest.fixture
def griffie(db):
    return griffie_user(utrecht())


@pytest.fixture
def griffie2(db):
    return griffie_user(utrecht())


@pytest.fixture
def griffie_amsterdam(db):
    return griffie_user(amsterdam())
