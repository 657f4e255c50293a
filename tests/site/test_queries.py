"""The site's member pages run a number of queries that does not grow with the data."""

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test.utils import CaptureQueriesContext

from glashelder.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def grow(user, n):
    for index in range(n):
        EmailAddress.objects.create(user=user, email=f"extra{index}-{user.pk}@example.org", verified=False, primary=False)
        AuditEvent.objects.create(action="login", actor=user, actor_label=user.email)


@pytest.mark.parametrize("path", ["/mijn/gegevens/", "/mijn/gegevens/?formaat=json", "/account/email/", "/account/sessions/"])
def test_query_count_does_not_grow(client, path):
    counts = []
    for size in (1, 15):
        user = UserFactory()
        grow(user, size)
        client.force_login(user)
        client.get(path)  # warm-up (session, content types)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
