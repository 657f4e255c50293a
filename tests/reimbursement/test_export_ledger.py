"""The export ledger: immutable lines, reversals after export, exactly once, also when two exports race."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.contrib import admin
from django.db import IntegrityError, transaction
from django.test import RequestFactory
from django.utils import timezone

from glashelder.models import AuditEvent
from reimbursement import services
from reimbursement.models import (
    Claim,
    ClaimEvent,
    ClaimExport,
    ClaimStatus,
    ExportFile,
    ExportLine,
    ExportLineKind,
)
from tests.factories import OfficeFactory, amsterdam, griffie_user, utrecht
from tests.reimbursement.concurrency import race

from .builders import build_lines_for_old_exports, legacy_export
from .factories import make_policy, submitted_claim

Action = ClaimEvent.Action
CLAIM, REVERSAL = ExportLineKind.CLAIM, ExportLineKind.REVERSAL


def approved(griffie, amount="95.00"):
    return services.claim_approve(claim=submitted_claim(amount=amount), actor=griffie)


def this_month():
    today = timezone.localdate()
    return today.replace(day=1), today


def export_now(actor, *, period=None):
    start, end = period or this_month()
    return services.claims_export(authority=utrecht(), actor=actor, period_start=start, period_end=end)


def lines(export):
    return [(line.claim_id, line.kind, line.amount) for line in export.lines.order_by("pk")]


def assert_sums(export):
    """The export's figures are the sums of its lines."""
    all_lines = list(export.lines.all())
    assert export.total == sum((line.amount for line in all_lines), Decimal("0.00"))
    assert export.line_count == len(all_lines)
    assert export.reversal_count == sum(1 for line in all_lines if line.kind == REVERSAL)
    assert export.claim_count == sum(1 for line in all_lines if line.kind == CLAIM) == export.claims.count()


# ---------------------------------------------------------------- lines of an export


@pytest.mark.django_db
def test_each_claim_line_settles_the_approval_and_freezes_what_the_file_shows(griffie):
    make_policy()
    claim = services.claim_approve(
        claim=submitted_claim(amount="95.00"), actor=griffie, amount=Decimal("80.00"), reason="Deels", decision_reference="B&W 7"
    )
    export = export_now(griffie)
    [line] = export.lines.all()
    approval = claim.events.get(action=Action.PARTIALLY_APPROVED)
    assert (line.kind, line.amount, line.event, line.claim) == (CLAIM, Decimal("80.00"), approval, claim)
    assert (line.claim_number, line.member_name, line.authority_code, line.course_title) == (
        claim.number, claim.member_name, "GM0344", claim.course_title
    )
    assert line.office == "Raadslid, Gemeente Utrecht" and line.decision_reference == "B&W 7"
    assert line.approval_date == line.line_date == timezone.localdate()
    assert_sums(export)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.EXPORTED and claim.export == export
    exported = claim.events.get(action=Action.EXPORTED)
    assert (exported.from_status, exported.to_status, exported.amount) == (ClaimStatus.APPROVED, ClaimStatus.EXPORTED, Decimal("80.00"))


@pytest.mark.django_db
def test_a_reversal_before_the_export_goes_out_with_its_claim(griffie):
    make_policy()
    claim = approved(griffie)
    services.claim_reverse(claim=claim, amount=Decimal("15.00"), reason="Deels terugbetaald", actor=griffie)
    export = export_now(griffie)
    reversal = claim.events.get(action=Action.REVERSED)
    assert lines(export) == [(claim.pk, CLAIM, Decimal("95.00")), (claim.pk, REVERSAL, Decimal("-15.00"))]
    assert export.lines.get(kind=REVERSAL).event == reversal
    assert export.total == Decimal("80.00")
    assert claim.events.get(action=Action.EXPORTED).amount == Decimal("80.00")
    assert_sums(export)


@pytest.mark.django_db
def test_a_reversal_after_export_is_one_negative_line_in_the_next_export_and_never_again(griffie):
    make_policy()
    claim, other = approved(griffie), approved(griffie, "50.00")
    first = export_now(griffie)
    assert lines(first) == [(claim.pk, CLAIM, Decimal("95.00")), (other.pk, CLAIM, Decimal("50.00"))]

    services.claim_reverse(claim=claim, amount=Decimal("20.00"), reason="Deels terugbetaald", actor=griffie)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.EXPORTED and claim.net_approved == Decimal("75.00")

    # Only the reversal goes out: an export of nothing but a reversal works.
    second = export_now(griffie)
    assert lines(second) == [(claim.pk, REVERSAL, Decimal("-20.00"))]
    assert (second.claim_count, second.reversal_count, second.line_count, second.total) == (0, 1, 1, Decimal("-20.00"))
    assert second.has_reversals and not first.has_reversals
    assert second.lines.get().event == claim.events.get(action=Action.REVERSED)
    assert second.lines.get().line_date == timezone.localdate()
    assert_sums(second)
    note = claim.events.filter(action=Action.EXPORTED).last()
    assert (note.from_status, note.to_status, note.amount) == (ClaimStatus.EXPORTED, ClaimStatus.EXPORTED, Decimal("-20.00"))
    assert "Terugdraaiing van € 20,00" in note.reason
    claim.refresh_from_db()
    assert claim.export == first  # the claim itself went out in the first export

    with pytest.raises(services.NothingToExportError):
        export_now(griffie)
    # A second reversal goes out once as well; never more than is still approved.
    with pytest.raises(services.InvalidInput, match="75,00"):
        services.claim_reverse(claim=claim, amount=Decimal("75.01"), reason="Te veel", actor=griffie)
    services.claim_reverse(claim=claim, amount=Decimal("75.00"), reason="Alles terugbetaald", actor=griffie)
    third = export_now(griffie)
    assert lines(third) == [(claim.pk, REVERSAL, Decimal("-75.00"))]
    assert ExportLine.objects.filter(claim=claim).count() == 3
    assert sum(line.amount for line in ExportLine.objects.filter(claim=claim)) == Decimal("0.00")


@pytest.mark.django_db
def test_a_reversal_waits_for_the_export_that_sends_its_claim(griffie):
    make_policy()
    claim = approved(griffie)
    last_month_end = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    decided = timezone.make_aware(datetime.datetime.combine(last_month_end, datetime.time(12)))
    Claim.objects.filter(pk=claim.pk).update(decided_at=decided)  # decided last month, not yet exported
    services.claim_reverse(claim=claim, amount=Decimal("15.00"), reason="Deels terugbetaald", actor=griffie)
    # This month has the reversal but not its claim: the salary administration never gets a correction first.
    with pytest.raises(services.NothingToExportError):
        export_now(griffie)
    first = export_now(griffie, period=(last_month_end.replace(day=1), last_month_end))
    assert lines(first) == [(claim.pk, CLAIM, Decimal("95.00"))]
    assert first.lines.get().approval_date == last_month_end
    assert lines(export_now(griffie)) == [(claim.pk, REVERSAL, Decimal("-15.00"))]


@pytest.mark.django_db
def test_a_reversal_dated_after_the_period_end_waits_for_a_later_period(griffie):
    make_policy()
    claim = approved(griffie)
    export_now(griffie)
    services.claim_reverse(claim=claim, amount=Decimal("15.00"), reason="Deels terugbetaald", actor=griffie)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(services.NothingToExportError):
        export_now(griffie, period=(yesterday, yesterday))
    assert lines(export_now(griffie)) == [(claim.pk, REVERSAL, Decimal("-15.00"))]


@pytest.mark.django_db
def test_reversals_of_another_authority_stay_out(griffie):
    make_policy()
    make_policy(amsterdam())
    other_griffie = griffie_user(amsterdam())
    theirs = services.claim_approve(claim=submitted_claim(office=OfficeFactory(authority=amsterdam())), actor=other_griffie)
    services.claims_export(authority=amsterdam(), actor=other_griffie, period_start=this_month()[0], period_end=this_month()[1])
    services.claim_reverse(claim=theirs, amount=Decimal("10.00"), reason="Terug", actor=other_griffie)
    ours = approved(griffie)
    export = export_now(griffie)
    assert lines(export) == [(ours.pk, CLAIM, Decimal("95.00"))]


@pytest.mark.django_db
def test_total_is_the_sum_of_the_lines(griffie):
    make_policy(budget="5000.00")
    claims = [approved(griffie, amount) for amount in ("95.00", "120.50", "1234.56")]
    services.claim_reverse(claim=claims[1], amount=Decimal("0.50"), reason="Afronding", actor=griffie)
    first = export_now(griffie)
    services.claim_reverse(claim=claims[0], amount=Decimal("95.00"), reason="Terug", actor=griffie)
    services.claim_reverse(claim=claims[2], amount=Decimal("34.56"), reason="Deels", actor=griffie)
    late = approved(griffie, "10.00")
    second = export_now(griffie)
    for export in (first, second):
        assert_sums(export)
    assert first.total == Decimal("1449.56") and second.total == Decimal("-119.56")
    assert [kind for _, kind, _ in lines(second)] == [CLAIM, REVERSAL, REVERSAL]
    assert second.lines.first().claim == late
    # Over all exports the salary administration received exactly what is approved now.
    received = sum((line.amount for line in ExportLine.objects.all()), Decimal("0.00"))
    assert received == sum((c.net_approved for c in Claim.objects.all()), Decimal("0.00")) == Decimal("1330.00")


# ---------------------------------------------------------------- refusals and immutability


@pytest.mark.django_db
def test_nothing_to_export_gives_the_dutch_error_and_changes_nothing(griffie):
    make_policy()
    claim = submitted_claim()
    before = (ClaimEvent.objects.count(), AuditEvent.objects.count())
    with pytest.raises(services.NothingToExportError) as error:
        export_now(griffie)
    assert error.value.message == (
        "Er zijn geen goedgekeurde declaraties in deze periode en geen terugdraaiingen die nog niet zijn geëxporteerd."
    )
    assert not ClaimExport.objects.exists() and not ExportLine.objects.exists() and not ExportFile.objects.exists()
    assert (ClaimEvent.objects.count(), AuditEvent.objects.count()) == before
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


@pytest.mark.django_db
def test_a_claim_line_goes_out_once_even_when_the_status_says_otherwise(griffie):
    """The database refuses a second line for the same claim; the service says so in Dutch and changes nothing."""
    make_policy()
    claim = approved(griffie)
    first = export_now(griffie)
    Claim.objects.filter(pk=claim.pk).update(status=ClaimStatus.APPROVED)  # a claim wrongly back to approved
    with pytest.raises(services.TransitionError) as error:
        export_now(griffie)
    assert error.value.message == "Een declaratie of terugdraaiing uit deze export is intussen al geëxporteerd. Probeer het opnieuw."
    assert list(ClaimExport.objects.all()) == [first]
    assert ClaimEvent.objects.filter(action=Action.EXPORTED).count() == 1


@pytest.mark.django_db
def test_the_database_lets_a_claim_line_and_an_event_go_out_once(griffie):
    make_policy()
    claim = approved(griffie)
    services.claim_reverse(claim=claim, amount=Decimal("15.00"), reason="Deels", actor=griffie)
    export = export_now(griffie)
    claim_line, reversal_line = export.lines.order_by("pk")
    for original, changes in ((claim_line, {"event": claim.events.get(action=Action.EXPORTED)}), (reversal_line, {})):
        copy = ExportLine(**{f.attname: getattr(original, f.attname) for f in ExportLine._meta.concrete_fields if f.attname != "id"})
        for name, value in changes.items():
            setattr(copy, name, value)
        with pytest.raises(IntegrityError), transaction.atomic():
            copy.save()
    # A claim line is never negative, a reversal line never positive.
    wrong = ExportLine(**{f.attname: getattr(reversal_line, f.attname) for f in ExportLine._meta.concrete_fields if f.attname != "id"})
    wrong.event = claim.events.get(action=Action.PREPARED)
    wrong.amount = Decimal("15.00")
    with pytest.raises(IntegrityError), transaction.atomic():
        wrong.save()


@pytest.mark.django_db
def test_a_line_or_file_cannot_be_changed_or_deleted(griffie):
    make_policy()
    approved(griffie)
    export = export_now(griffie)
    line = export.lines.get()
    file = export.files.first()
    line.amount = Decimal("1.00")
    for obj in (line, file):
        with pytest.raises(RuntimeError, match="append-only"):
            obj.save()
        with pytest.raises(RuntimeError, match="append-only"):
            obj.delete()
    with pytest.raises(RuntimeError, match="append-only"):
        ExportLine.objects.filter(pk=line.pk).update(amount=Decimal("1.00"))
    with pytest.raises(RuntimeError, match="append-only"):
        ExportFile.objects.filter(export=export).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimExport.objects.filter(pk=export.pk).delete()  # protected by its lines
    assert export.lines.get().amount == Decimal("95.00")
    # Beheer sees the lines and files in the admin but cannot add, change or delete them.
    request = RequestFactory().get("/")
    request.user = griffie_user(is_superuser=True, is_staff=True)
    for model in (ExportLine, ClaimExport):
        model_admin = admin.site._registry[model]
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request, line)
        assert not model_admin.has_delete_permission(request, line)
    inlines = admin.site._registry[ClaimExport].get_inline_instances(request, export)
    assert inlines and all(not i.has_add_permission(request, export) and not i.has_delete_permission(request, export) for i in inlines)


# ---------------------------------------------------------------- exports made before the ledger


@pytest.mark.django_db
def test_old_exports_get_lines_from_their_claims_and_later_reversals_go_out_next(griffie):
    make_policy()
    reversed_before, reversed_after = approved(griffie), approved(griffie, "50.00")
    services.claim_reverse(claim=reversed_before, amount=Decimal("15.00"), reason="Deels", actor=griffie)
    old = legacy_export([reversed_before, reversed_after], actor=griffie)
    assert old.total == Decimal("130.00")
    services.claim_reverse(claim=reversed_after, amount=Decimal("10.00"), reason="Na de export", actor=griffie)
    assert reversed_after.events.get(action=Action.REVERSED).at > old.created_at

    build_lines_for_old_exports(django_apps, None)
    old.refresh_from_db()
    assert lines(old) == [
        (reversed_before.pk, CLAIM, Decimal("95.00")), (reversed_after.pk, CLAIM, Decimal("50.00")),
        (reversed_before.pk, REVERSAL, Decimal("-15.00")),
    ]
    assert old.total == Decimal("130.00")  # what the old file said
    assert_sums(old)
    assert old.lines.first().event == reversed_before.events.get(action=Action.APPROVED)
    assert old.lines.first().member_name == reversed_before.member_name

    # Running it again changes nothing.
    build_lines_for_old_exports(django_apps, None)
    assert ExportLine.objects.count() == 3
    # The reversal made after the old export was never sent: it goes out now, once.
    new = export_now(griffie)
    assert lines(new) == [(reversed_after.pk, REVERSAL, Decimal("-10.00"))]
    with pytest.raises(services.NothingToExportError):
        export_now(griffie)


# ---------------------------------------------------------------- two exports at the same moment


@pytest.mark.django_db(transaction=True)
def test_two_exports_at_the_same_moment_never_share_a_claim():
    make_policy()
    one, two = griffie_user(utrecht()), griffie_user(utrecht())
    claims = [approved(one), approved(one, "50.00"), approved(one, "20.00")]
    results, errors = race([lambda: export_now(one), lambda: export_now(two)])
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], services.NothingToExportError)
    assert ClaimExport.objects.count() == 1
    assert sorted(ExportLine.objects.values_list("claim_id", flat=True)) == sorted(c.pk for c in claims)
    assert ClaimEvent.objects.filter(action=Action.EXPORTED).count() == 3
    assert_sums(results[0])


@pytest.mark.django_db(transaction=True)
def test_two_exports_at_the_same_moment_send_a_reversal_once():
    make_policy()
    one, two = griffie_user(utrecht()), griffie_user(utrecht())
    claim = approved(one)
    export_now(one)
    services.claim_reverse(claim=claim, amount=Decimal("15.00"), reason="Deels", actor=one)
    results, errors = race([lambda: export_now(one), lambda: export_now(two)])
    assert len(results) == 1 and len(errors) == 1
    assert ExportLine.objects.filter(kind=REVERSAL).count() == 1
    assert lines(results[0]) == [(claim.pk, REVERSAL, Decimal("-15.00"))]
