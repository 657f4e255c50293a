"""Personal data hooks of the enrolment app: export and erasure."""

import json
from decimal import Decimal

import pytest

from enrolment import selectors, services
from enrolment.models import Certificate, Enrolment, EnrolmentStatus, ModuleProgress, Payment, PaymentStatus
from enrolment.wagtail_hooks import erase_personal_data, export_personal_data
from glashelder import privacy
from tests.enrolment.builders import free_course, member, paid_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def history():
    person, office = member()
    done = free_course(title="Afgerond")
    enrolment = services.enrolment_create(person=person, office=office, course=done)
    services.module_complete(enrolment=enrolment, module=selectors.course_modules(done).first().specific)
    paid = services.enrolment_create(person=person, office=office, course=paid_course(title="Betaald", modules=1))
    services.payment_mark_paid(payment=services.payment_open(enrolment=paid))
    paid.refresh_from_db()
    module = selectors.course_modules(paid.course).first().specific
    services.knowledge_check_submit(enrolment=paid, module=module, answers=[2, 2])
    return person, enrolment, paid


def test_export_has_enrolments_progress_scores_certificate_and_payments(history):
    person, done, paid = history
    data = export_personal_data(person)
    json.dumps(data)  # plain JSON data
    rows = {row["cursus"]: row for row in data["inschrijvingen"]}
    assert rows["Afgerond"]["status"] == "completed"
    assert rows["Afgerond"]["certificaat"]["code"] == done.certificate.code
    assert rows["Betaald"]["voortgang"][0]["score_kennischeck"] == 50
    assert rows["Betaald"]["betalingen"][0] == rows["Betaald"]["betalingen"][0] | {"bedrag": "95.00", "status": "paid"}


def test_export_through_the_site(history):
    person, *_ = history
    data = privacy.personal_data_export(user=person)
    assert "inschrijvingen" in json.dumps(data, default=str)


def test_erase_keeps_payments_without_the_person(history):
    person, done, paid = history
    code = done.certificate.code
    erase_personal_data(person)
    assert not ModuleProgress.objects.exists()
    assert not Certificate.objects.filter(code=code).exists()
    assert not Enrolment.objects.filter(person=person).exists()
    kept = Enrolment.objects.get(pk=paid.pk)
    assert kept.person is None and kept.office is None and kept.status == EnrolmentStatus.CANCELLED
    payment = Payment.objects.get(enrolment=kept)
    assert payment.status == PaymentStatus.PAID and payment.amount == Decimal("95.00")


def test_account_deletion_runs_the_hook(history, client):
    person, done, paid = history
    code = Certificate.objects.get(enrolment=done).code
    privacy.account_delete(user=person)
    assert Enrolment.objects.filter(person__isnull=True).count() == 2
    assert not Certificate.objects.exists()
    assert client.get(f"/certificaat/{code}/").status_code == 404
