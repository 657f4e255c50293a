"""`manage.py load_demo` (what `make run` loads): every app's demo, no e-mail sent, twice is once."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from courses.models import CoursePage
from enrolment.models import Enrolment
from glashelder.offices.models import Office
from reimbursement.models import Claim, ClaimEvent
from tests.factories import utrecht

pytestmark = pytest.mark.django_db


def counts():
    return (CoursePage.objects.count(), Office.objects.count(), Enrolment.objects.count(),
            Claim.objects.count(), ClaimEvent.objects.count(), len(mail.outbox))


def test_load_demo_sends_no_mail_and_duplicates_nothing(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    utrecht()  # the authorities
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "e-mails of the demo were not sent" in out.getvalue()
    assert mail.outbox == []  # the messages the services sent were kept back
    first = counts()
    assert all(first[:5])
    call_command("load_demo", stdout=StringIO())
    assert counts() == first


def test_load_demo_refuses_without_demo_payments(settings):
    settings.DEMO_PAYMENTS = False
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=StringIO())
    assert not CoursePage.objects.exists()
