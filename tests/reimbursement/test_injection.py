"""Free text from members and the griffie is shown escaped on every reimbursement page and in the PDF."""

import pytest

from reimbursement import services
from reimbursement.documents import claim_form_html
from reimbursement.models import Claim
from tests.site.injection import PAYLOADS, assert_escaped

from .factories import submitted_claim

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("payload", PAYLOADS)
def test_member_and_griffie_texts_are_escaped(client, policy, griffie, payload):
    claim = submitted_claim()
    Claim.objects.filter(pk=claim.pk).update(member_remark=payload, functional_reason=payload, course_title=payload)
    services.claim_return(claim=claim, actor=griffie, question=payload)
    claim.refresh_from_db()
    client.force_login(griffie)
    assert_escaped(client.get(f"/griffie/GM0344/declaraties/{claim.number}/").content.decode(), payload)
    assert_escaped(client.get("/griffie/GM0344/").content.decode(), payload)
    client.force_login(claim.member)
    assert_escaped(client.get(f"/mijn/declaraties/{claim.number}/").content.decode(), payload)
    assert_escaped(client.get("/mijn/declaraties/").content.decode(), payload)
    assert_escaped(claim_form_html(claim), payload)
