"""`training_policy_save`: the only writer of a training policy; audited; a refusal changes nothing."""

from decimal import Decimal

import pytest
from django.utils import timezone

from glashelder.kernel.errors import Invalid, NotAllowed
from glashelder.models import AuditEvent
from reimbursement import services
from reimbursement.models import TrainingPolicy
from tests.factories import amsterdam, griffie_user, utrecht

from .factories import make_policy

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
FIELDS = {"budget": Decimal("2500"), "eligible_roles": ["raadslid", "commissielid"], "claim_deadline_days": 60}


def test_the_griffie_creates_and_changes_the_policy_of_a_year(griffie):
    policy = services.training_policy_save(authority=utrecht(), year=YEAR, actor=griffie, **FIELDS)
    assert policy.pk and policy.budget == Decimal("2500.00") and policy.updated_by == griffie
    assert policy.eligible_roles == ["raadslid", "commissielid"]
    services.training_policy_save(authority=utrecht(), year=YEAR, actor=griffie, budget="3000", prior_approval_required=True)
    policy.refresh_from_db()
    assert policy.budget == Decimal("3000.00") and policy.prior_approval_required
    assert policy.eligible_roles == ["raadslid", "commissielid"]  # fields not given stay as they were
    assert TrainingPolicy.objects.count() == 1
    events = list(AuditEvent.objects.filter(action="training_policy_saved").order_by("pk"))
    assert [e.details["created"] for e in events] == [True, False]
    assert events[-1].actor == griffie and events[-1].details["budget"] == "3000.00"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"budget": Decimal("-1")}, "negatief"),
        ({"cap_per_member": Decimal("-5")}, "negatief"),
        ({"eligible_roles": ["statenlid"]}, "die bij Gemeente Utrecht bestaan"),
        ({"eligible_roles": []}, "ten minste één ambt"),
        ({"claim_deadline_days": 0}, "ten minste één dag"),
        ({"executive_approver": "raad"}, "bestuurders beslist"),
    ],
)
def test_a_refused_change_says_why_in_dutch_and_changes_nothing(griffie, changes, message):
    policy = make_policy(utrecht(), budget="1000.00")
    with pytest.raises(Invalid, match=message):
        services.training_policy_save(authority=utrecht(), year=YEAR, actor=griffie, **changes)
    policy.refresh_from_db()
    assert policy.budget == Decimal("1000.00") and policy.claim_deadline_days == 90
    assert not AuditEvent.objects.filter(action="training_policy_saved").exists()


def test_only_the_griffie_of_the_authority_may(griffie):
    with pytest.raises(NotAllowed, match="Alleen de griffie"):
        services.training_policy_save(authority=utrecht(), year=YEAR, actor=griffie_user(amsterdam()), **FIELDS)
    with pytest.raises(NotAllowed):
        services.training_policy_save(authority=utrecht(), year=YEAR, actor=None, **FIELDS)
    assert not TrainingPolicy.objects.exists()


def test_years_outside_the_range_and_incomplete_new_policies_are_refused(griffie):
    for year in (2018, YEAR + 6):
        with pytest.raises(Invalid, match="alleen worden vastgelegd voor de jaren 2019"):
            services.training_policy_save(authority=utrecht(), year=year, actor=griffie, **FIELDS)
    with pytest.raises(Invalid, match="budget en de ambten"):
        services.training_policy_save(authority=utrecht(), year=YEAR, actor=griffie, budget=Decimal("10"))
    assert not TrainingPolicy.objects.exists()


def test_unknown_fields_are_a_programming_error(griffie):
    with pytest.raises(TypeError, match="updated_at"):
        services.training_policy_save(authority=utrecht(), year=YEAR, actor=griffie, updated_at=None, **FIELDS)


def test_the_policy_page_only_calls_the_service(client, griffie):
    client.force_login(griffie)
    response = client.post(
        f"/griffie/GM0344/regeling/{YEAR}/",
        {"budget": "1200.00", "eligible_roles": ["raadslid"], "claim_deadline_days": "30", "executive_approver": "griffie"},
    )
    assert response.status_code == 302 and response["Location"] == "/griffie/GM0344/regeling/"
    assert TrainingPolicy.objects.get(authority=utrecht(), year=YEAR).budget == Decimal("1200.00")
    assert AuditEvent.objects.filter(action="training_policy_saved", target=f"Gemeente Utrecht {YEAR}").exists()
    assert client.get(f"/griffie/GM0344/regeling/{YEAR + 6}/").status_code == 404
