"""Claims: preparing, the member's steps, the griffie's decisions, reversal after a refund, erasure.

Every step on an existing claim runs through the kernel's transition skeleton
(`_claim_step`): the claim locked and its status checked, the change saved, a
`ClaimEvent` recorded and the audit row written in the same transaction, mails
enqueued after commit. Steps a person takes from a page are `@durable` (they own
their transaction); `claim_prepare`, `claim_follow_refund` and `claims_anonymise`
are building blocks that reactions and the account deletion call inside their own.
"""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from enrolment.models import Enrolment, EnrolmentStatus, PaymentMethod, PaymentStatus
from glashelder.kernel.money import format_euro_text as euro
from glashelder.kernel.money import to_money
from glashelder.kernel.transitions import durable, transition
from glashelder.offices.models import Office

from .. import tasks
from ..models import (
    SPENT_STATUSES,
    ZERO,
    ApprovingGroup,
    Claim,
    ClaimEvent,
    ClaimKind,
    ClaimStatus,
    Reservation,
    ReservationKind,
    ReservationStatus,
    TrainingPolicy,
)
from .budget import budget_check
from .common import (
    Action,
    _after_commit,
    _check_course,
    _check_deadline,
    _check_office,
    _check_role,
    _claim_step,
    _create_numbered,
    _event,
    _legal_basis,
    _local_date,
    _lock_claim,
    _lock_policy_of,
    _name,
    _no_policy,
    _policy,
    _require_griffie,
    _require_member,
    _require_not_own,
    _today,
)
from .errors import (
    ClaimError,
    EligibilityError,
    FourEyesError,
    InvalidInput,
    NotAllowedError,
    StatementMissingError,
)
from .reservations import reservation_release, reservation_use

UNDECIDED = (ClaimStatus.DRAFT, ClaimStatus.SUBMITTED, ClaimStatus.RETURNED)

# ---------------------------------------------------------------- eligibility and preparing


def enrolment_claim_refusal(*, enrolment, today=None):
    """Why no claim can be made for this enrolment (Dutch), or None when it can."""
    try:
        _check_enrolment(enrolment, today=today)
    except EligibilityError as error:
        return error.message
    return None


def _paid_amount(enrolment):
    payments = list(enrolment.payments.filter(status__in=(PaymentStatus.PAID, PaymentStatus.REFUNDED)))
    if any(p.method == PaymentMethod.AUTHORITY for p in payments):
        return None, payments
    return sum((p.net_amount for p in payments), ZERO), payments


def _check_enrolment(enrolment, *, today=None):
    """Raise EligibilityError unless a claim may be prepared; return (policy, completed_on, amount, payments)."""
    if Claim.objects.filter(enrolment=enrolment).exists():
        raise EligibilityError(_("Voor deze inschrijving is al een declaratie gemaakt; per inschrijving kan één declaratie."))
    if enrolment.status != EnrolmentStatus.COMPLETED or enrolment.completed_at is None:
        raise EligibilityError(_("U kunt declareren nadat u de cursus heeft afgerond."))
    course = enrolment.course
    _check_course(course)
    completed_on = _local_date(enrolment.completed_at)
    _check_office(enrolment.office, completed_on)
    authority = enrolment.office.authority
    policy = _policy(authority.pk, completed_on.year)
    if policy is None:
        raise _no_policy(completed_on.year, authority)
    _check_role(policy, enrolment.office.role, enrolment.office.get_role_display())
    _check_deadline(policy, completed_on, today)
    amount, payments = _paid_amount(enrolment)
    if amount is not None and amount <= 0:
        raise EligibilityError(_("Er is geen betaling voor deze cursus gevonden; zonder betaalbewijs kunt u niet declareren."))
    return policy, completed_on, amount, payments


def claim_prepare(*, enrolment, actor=None, today=None):
    """Prepare a draft claim for a completed enrolment (or an approved one, for direct payment).

    The enrolment row is locked, so two preparations at the same moment make one claim.
    """
    related = ("office__authority", "course__provider", "session", "person")
    with transition(Enrolment.objects, enrolment.pk, select_related=related) as step:
        enrolment = step.obj
        policy, completed_on, amount, payments = _check_enrolment(enrolment, today=today)
        office = enrolment.office
        course = enrolment.course
        reservation = (
            Reservation.objects.select_for_update()
            .filter(Q(enrolment=enrolment) | Q(enrolment__isnull=True, member=enrolment.person, course=course))
            .filter(status=ReservationStatus.GRANTED)
            .order_by("pk")
            .first()
        )
        if amount is None:
            kind = ClaimKind.DIRECT_PAYMENT
            amount = reservation.amount if reservation else sum((p.net_amount for p in payments), ZERO)
        elif reservation is not None:
            kind = ClaimKind.PRIOR_APPROVAL
        else:
            kind = ClaimKind.COURSE
        start = enrolment.session.starts_at if enrolment.session_id else (enrolment.activated_at or enrolment.created_at)
        basis, basis_text, basis_confirmed = _legal_basis(office.role, office.authority.kind, completed_on)
        outcomes = course.learning_outcome_list
        functional = ""
        if outcomes:
            functional = _("De cursus versterkt mijn kennis en vaardigheden voor het ambt van %(role)s:") % {
                "role": office.get_role_display().lower()
            } + "\n" + "\n".join(f"- {line}" for line in outcomes)
        receipt = next((p.receipt_url for p in payments if p.receipt_url), "")
        try:
            with transaction.atomic():
                claim = _create_numbered(
                    Claim,
                    "GH",
                    completed_on.year,
                    kind=kind,
                    status=ClaimStatus.DRAFT,
                    authority=office.authority,
                    budget_year=completed_on.year,
                    member=enrolment.person,
                    office=office,
                    member_name=_name(enrolment.person),
                    role=office.role,
                    authority_name=str(office.authority),
                    authority_code=office.authority.cbs_code,
                    enrolment=enrolment,
                    reservation=reservation,
                    course=course,
                    course_title=course.title,
                    provider_name=course.provider.name,
                    course_format=course.get_format_display(),
                    start_date=min(_local_date(start), completed_on),
                    end_date=completed_on,
                    study_load_hours=course.study_load_hours,
                    receipt_url=receipt,
                    amount_requested=to_money(amount),
                    legal_basis=basis,
                    legal_basis_text=basis_text,
                    legal_basis_confirmed=basis_confirmed,
                    functional_reason=functional,
                )
        except IntegrityError as error:
            raise EligibilityError(_("Voor deze inschrijving is al een declaratie gemaakt; per inschrijving kan één declaratie.")) from error
        _event(claim, Action.PREPARED, actor=actor, amount=claim.amount_requested)
        if kind == ClaimKind.DIRECT_PAYMENT and reservation is not None:
            # The authority paid the provider: the griffie decided when it granted the request.
            claim.status = ClaimStatus.APPROVED
            claim.amount_approved = claim.amount_requested
            claim.decided_at = timezone.now()
            claim.decided_by_id = reservation.decided_by_id
            claim.decided_by_name = reservation.decided_by_name
            claim.non_partisan_statement = True
            claim.submitted_at = claim.decided_at
            claim.save()
            reservation_use(reservation=reservation)
            _event(
                claim, Action.APPROVED, actor=None, from_status=ClaimStatus.DRAFT, amount=claim.amount_approved,
                reason=_("Rechtstreeks betaald door de overheid (inkooporder %(order)s, toestemming %(number)s).")
                % {"order": reservation.order_number, "number": reservation.number},
            )
    return claim


@durable
def claim_prepare_external(*, member, office, title, provider_name, start_date, end_date, amount, description,
                           invoice, functional_reason="", study_load_hours=ZERO, today=None):
    """A claim for a non-partisan training outside the catalogue; always judged by the griffie."""
    today = today or _today()
    if end_date < start_date:
        raise InvalidInput(_("De einddatum ligt voor de begindatum."))
    if end_date > today:
        raise EligibilityError(_("U kunt een scholing declareren nadat u die heeft gevolgd."))
    if amount is None or amount <= 0:
        raise InvalidInput(_("Vul het bedrag van de factuur in."))
    if not invoice:
        raise InvalidInput(_("Voeg de factuur toe als bewijsstuk."))
    # The office is locked and read again: its verification is checked as it is now.
    with transition(Office.objects, office.pk, select_related=("authority",)) as step:
        office = step.obj
        if office.person_id != member.pk:
            raise NotAllowedError(_("Dit is niet uw ambt."))
        _check_office(office, end_date)
        policy = _policy(office.authority_id, end_date.year)
        if policy is None:
            raise _no_policy(end_date.year, office.authority)
        _check_role(policy, office.role, office.get_role_display())
        _check_deadline(policy, end_date, today)
        basis, basis_text, basis_confirmed = _legal_basis(office.role, office.authority.kind, end_date)
        claim = _create_numbered(
            Claim,
            "GH",
            end_date.year,
            kind=ClaimKind.EXTERNAL,
            authority=office.authority,
            budget_year=end_date.year,
            member=member,
            office=office,
            member_name=_name(member),
            role=office.role,
            authority_name=str(office.authority),
            authority_code=office.authority.cbs_code,
            course_title=title,
            provider_name=provider_name,
            start_date=start_date,
            end_date=end_date,
            study_load_hours=study_load_hours or ZERO,
            description=description,
            amount_requested=to_money(amount),
            legal_basis=basis,
            legal_basis_text=basis_text,
            legal_basis_confirmed=basis_confirmed,
            functional_reason=functional_reason,
        )
        claim.invoice.save(invoice.name.rsplit("/", 1)[-1][:80] or "factuur", invoice, save=True)
        _event(claim, Action.PREPARED, actor=member, amount=claim.amount_requested)
    return claim


# ---------------------------------------------------------------- member transitions


@durable
def claim_update(*, claim, member, functional_reason, member_remark, non_partisan_statement):
    """The member edits the texts of a draft or returned claim (amounts come from the payment)."""
    refusal = _("Een declaratie met status %(status)s kunt u niet meer wijzigen.")
    with _claim_step(claim, (ClaimStatus.DRAFT, ClaimStatus.RETURNED), refusal) as step:
        claim = step.obj
        _require_member(claim, member)
        claim.functional_reason = functional_reason
        claim.member_remark = member_remark
        claim.non_partisan_statement = bool(non_partisan_statement)
        step.save("functional_reason", "member_remark", "non_partisan_statement")
        step.record(_event, Action.UPDATED, actor=member, from_status=step.from_status)
    return claim


def _check_ready_to_submit(claim):
    if not claim.non_partisan_statement:
        raise StatementMissingError(_("Verklaar dat de scholing niet partijpolitiek was; zonder die verklaring kunt u niet indienen."))
    if not claim.functional_reason.strip():
        raise EligibilityError(_("Leg uit waarom de scholing uw ambt dient (functiegericht)."))
    if claim.kind == ClaimKind.EXTERNAL and not claim.invoice:
        raise EligibilityError(_("Voeg de factuur toe als bewijsstuk."))


@durable
def claim_submit(*, claim, member, today=None):
    """Draft → submitted."""
    with _claim_step(claim, (ClaimStatus.DRAFT,), _("Een declaratie met status %(status)s kan niet worden ingediend.")) as step:
        claim = step.obj
        _require_member(claim, member)
        _check_ready_to_submit(claim)
        policy = _policy(claim.authority_id, claim.budget_year)
        if policy is None:
            raise _no_policy(claim.budget_year, claim.authority_name)
        _check_deadline(policy, claim.end_date, today)
        claim.status = ClaimStatus.SUBMITTED
        claim.submitted_at = timezone.now()
        step.save("status", "submitted_at")
        step.record(_event, Action.SUBMITTED, actor=member, from_status=step.from_status, amount=claim.amount_requested)
    return claim


def _undo_first_approval(claim):
    claim.first_approved_by = None
    claim.first_approved_by_name = ""
    claim.first_approved_amount = None
    return ("first_approved_by", "first_approved_by_name", "first_approved_amount")


@durable
def claim_withdraw(*, claim, member):
    """Submitted or returned → draft, until the griffie decided. A first (four-eyes) approval is undone."""
    refusal = _("Een declaratie met status %(status)s kunt u niet intrekken.")
    with _claim_step(claim, (ClaimStatus.SUBMITTED, ClaimStatus.RETURNED), refusal) as step:
        claim = step.obj
        _require_member(claim, member)
        claim.status = ClaimStatus.DRAFT
        claim.submitted_at = None
        step.save("status", "submitted_at", *_undo_first_approval(claim))
        step.record(_event, Action.WITHDRAWN, actor=member, from_status=step.from_status)
    return claim


@durable
def claim_resubmit(*, claim, member):
    """Returned → submitted, after the member answered the griffie's question."""
    refusal = _("Alleen een teruggestuurde declaratie kan opnieuw worden ingediend; deze is %(status)s.")
    with _claim_step(claim, (ClaimStatus.RETURNED,), refusal) as step:
        claim = step.obj
        _require_member(claim, member)
        _check_ready_to_submit(claim)
        claim.status = ClaimStatus.SUBMITTED
        claim.submitted_at = timezone.now()
        step.save("status", "submitted_at")
        step.record(_event, Action.RESUBMITTED, actor=member, from_status=step.from_status, reason=claim.member_remark)
    return claim


# ---------------------------------------------------------------- griffie decisions


@durable
def claim_return(*, claim, actor, question):
    """Submitted → returned, with a question to the member."""
    question = (question or "").strip()
    if not question:
        raise InvalidInput(_("Stel een vraag of noem wat er moet worden aangepast."))
    refusal = _("Een declaratie met status %(status)s kan niet worden teruggestuurd.")
    with _claim_step(claim, (ClaimStatus.SUBMITTED,), refusal) as step:
        claim = step.obj
        _require_griffie(actor, claim.authority_id)
        claim.status = ClaimStatus.RETURNED
        claim.decision_reason = question
        step.save("status", "decision_reason", *_undo_first_approval(claim))
        step.record(_event, Action.RETURNED, actor=actor, from_status=step.from_status, reason=question)
        step.audit("claim_returned", actor=actor, target=claim.number)
        step.after_commit(tasks.send_claim_decision, claim.pk)
    return claim


def _decide(claim, actor, status):
    claim.status = status
    claim.decided_at = timezone.now()
    claim.decided_by = actor
    claim.decided_by_name = _name(actor)
    return ("status", "decided_at", "decided_by", "decided_by_name")


@durable
def claim_reject(*, claim, actor, reason):
    """Submitted → rejected, with the reason. A prior approval it used is released."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Geef de reden van de afwijzing."))
    with _claim_step(claim, (ClaimStatus.SUBMITTED,), _("Een declaratie met status %(status)s kan niet worden afgewezen.")) as step:
        claim = step.obj
        _require_griffie(actor, claim.authority_id)
        _require_not_own(claim, actor, _("U kunt niet beslissen over uw eigen declaratie."))
        claim.decision_reason = reason
        step.save("decision_reason", *_decide(claim, actor, ClaimStatus.REJECTED))
        if claim.reservation_id:
            reservation_release(
                reservation=claim.reservation, actor=actor,
                reason=_("Declaratie %(number)s afgewezen.") % {"number": claim.number},
            )
        step.record(_event, Action.REJECTED, actor=actor, from_status=step.from_status, reason=reason)
        step.audit("claim_rejected", actor=actor, target=claim.number)
        step.after_commit(tasks.send_claim_decision, claim.pk)
    return claim


def _approval_amount(claim, amount, reason):
    """The amount to approve (what was asked, or the first approval's): InvalidInput when it cannot be."""
    if amount is None:
        amount = claim.first_approved_amount if claim.first_approved_amount is not None else claim.amount_requested
    amount = to_money(amount)
    if amount <= 0:
        raise InvalidInput(_("Een goedkeuring is meer dan € 0,00; wijs de declaratie anders af met een reden."))
    if amount > claim.amount_requested:
        raise InvalidInput(
            _("U kunt niet meer goedkeuren dan gevraagd (%(requested)s).") % {"requested": euro(claim.amount_requested)}
        )
    if amount < claim.amount_requested and not reason:
        raise InvalidInput(_("Geef een reden waarom niet het hele bedrag wordt vergoed."))
    return amount


@durable
def claim_approve(*, claim, actor, amount=None, reason="", decision_reference=""):
    """Submitted → approved, in full or in part (a reason for the rest is required).

    Above the policy's four-eyes threshold the first call records a first
    approval and a second person completes it. The budget rule is `budget_check`,
    the same one a prior approval or direct payment is granted by.
    """
    reason = (reason or "").strip()
    decision_reference = (decision_reference or "").strip()
    policy = _lock_policy_of(claim)  # lock order: policy, then claim — the same in every budget decision
    with _claim_step(claim, (ClaimStatus.SUBMITTED,), _("Een declaratie met status %(status)s kan niet worden goedgekeurd.")) as step:
        claim = step.obj
        _require_griffie(actor, claim.authority_id)
        _require_not_own(claim, actor, _("U kunt niet beslissen over uw eigen declaratie."))
        amount = _approval_amount(claim, amount, reason)
        partial = amount < claim.amount_requested
        if policy.approver_for(claim.role) == ApprovingGroup.COLLEGE and not decision_reference:
            raise InvalidInput(_("Over declaraties van bestuurders beslist het college; vul het kenmerk van het besluit in."))
        budget_check(policy=policy, amount=amount, member_id=claim.member_id, own_reservation_id=claim.reservation_id)
        threshold = policy.four_eyes_threshold
        if threshold is not None and amount > threshold:
            if not claim.first_approved_by_name:
                claim.first_approved_by = actor
                claim.first_approved_by_name = _name(actor)
                claim.first_approved_amount = amount
                step.save("first_approved_by", "first_approved_by_name", "first_approved_amount")
                step.record(_event, Action.FIRST_APPROVAL, actor=actor, from_status=step.from_status, amount=amount, reason=reason)
                step.audit("claim_first_approval", actor=actor, target=claim.number, amount=str(amount))
                return claim
            if claim.first_approved_by_id == actor.pk:
                raise FourEyesError(
                    _("Boven %(threshold)s keurt een tweede persoon goed. U gaf de eerste goedkeuring; een collega moet de tweede geven.")
                    % {"threshold": euro(threshold)}
                )
        claim.amount_approved = amount
        claim.decision_reason = reason
        claim.decision_reference = decision_reference
        step.save("amount_approved", "decision_reason", "decision_reference", *_decide(claim, actor, ClaimStatus.APPROVED))
        if claim.reservation_id:
            reservation_use(reservation=claim.reservation)
        step.record(
            _event, Action.PARTIALLY_APPROVED if partial else Action.APPROVED, actor=actor, from_status=step.from_status,
            amount=amount, reason=reason,
        )
        step.audit("claim_approved", actor=actor, target=claim.number, amount=str(amount), partial=partial)
        step.after_commit(tasks.send_claim_decision, claim.pk)
    return claim


def claims_approve_bulk(*, claims, actor):
    """Approve each selected claim in full, each in its own transaction. Returns (approved, [(claim, message)])."""
    approved, refused = [], []
    for claim in sorted(claims, key=lambda c: c.pk):
        try:
            result = claim_approve(claim=claim, actor=actor)
        except ClaimError as error:
            refused.append((claim, error.message))
        else:
            approved.append(result)
    return approved, refused


def claim_reverse(*, claim, amount, reason, actor=None):
    """Reverse (part of) an approved or exported claim by a new REVERSED event; the decision itself is kept.

    Never more than is still approved (`net_approved`). The reversal goes to the salary
    administration as one negative line of the export that sends the claim, or, when the
    claim already went out, of the next export (`claims_export`), exactly once.
    """
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Geef de reden van het terugdraaien."))
    refusal = _("Een declaratie met status %(status)s kan niet worden teruggedraaid.")
    with transaction.atomic():
        # Lock order: policy (also the authority's export lock), then claim.
        unlocked = Claim.objects.only("authority_id", "budget_year").get(pk=claim.pk)
        TrainingPolicy.objects.select_for_update().filter(authority_id=unlocked.authority_id, year=unlocked.budget_year).first()
        with _claim_step(claim, SPENT_STATUSES, refusal) as step:
            claim = step.obj
            if actor is not None:
                _require_griffie(actor, claim.authority_id)
            amount = to_money(amount)
            if amount <= 0 or amount > claim.net_approved:
                raise InvalidInput(
                    _("Terug te draaien bedrag moet tussen € 0,00 en %(max)s liggen.") % {"max": euro(claim.net_approved)}
                )
            claim.amount_reversed = claim.amount_reversed + amount
            step.save("amount_reversed")
            step.record(_event, Action.REVERSED, actor=actor, from_status=step.from_status, amount=amount, reason=reason)
            step.audit("claim_reversed", actor=actor, target=claim.number, amount=str(amount))
            step.after_commit(tasks.send_claim_decision, claim.pk)
    return claim


def claim_follow_refund(*, enrolment):
    """A payment was refunded: reverse the part of an approved claim no longer paid; adjust an open one.

    Idempotent (it runs as a retried reaction): decided under the policy and claim locks from
    what is paid now, so a second run, or a run for an older refund, changes nothing.
    """
    with transaction.atomic():
        claim = Claim.objects.filter(enrolment=enrolment).only("pk", "authority_id", "budget_year").first()
        if claim is None:
            return None
        # The locks claim_reverse takes, in its order: the policy row, then the claim.
        TrainingPolicy.objects.select_for_update().filter(authority_id=claim.authority_id, year=claim.budget_year).first()
        claim = _lock_claim(claim)
        paid = sum(
            (p.net_amount for p in enrolment.payments.filter(status__in=(PaymentStatus.PAID, PaymentStatus.REFUNDED))), ZERO
        )
        if claim.status in SPENT_STATUSES:
            excess = claim.net_approved - paid
            if excess > 0:
                return claim_reverse(
                    claim=claim, amount=excess,
                    reason=_("Betaling (deels) terugbetaald door de aanbieder; nog betaald: %(paid)s.") % {"paid": euro(paid)},
                )
            return claim
        if claim.status in UNDECIDED and paid < claim.amount_requested:
            refusal = _("Een declaratie met status %(status)s kan niet meer worden aangepast.")
            with _claim_step(claim, UNDECIDED, refusal) as step:
                claim = step.obj
                claim.amount_requested = to_money(max(paid, ZERO))
                step.save("amount_requested")
                step.record(
                    _event, Action.UPDATED, from_status=step.from_status, amount=claim.amount_requested,
                    reason=_("Gevraagd bedrag aangepast na terugbetaling door de aanbieder."),
                )
    return claim


# ---------------------------------------------------------------- erasure


def claims_anonymise(*, member, reason):
    """Erase the member's personal data from claims and requests; runs inside the account deletion's transaction.

    Undecided claims (draft, submitted, returned) are withdrawn: deleted with their history,
    their invoices removed after commit. Decided claims (approved, rejected, exported) are
    financial records kept for 7 years: they keep the snapshot of name, role and authority,
    lose the link to the account and office and the member's remark, keep their invoice as
    bewijsstuk, and each gets an `anonymised` event. Open requests and unused prior
    approvals are released (their budget is free again); a granted direct payment stays
    (the purchase order was sent). Every request loses the link to the account, and the
    member's own events keep their name snapshot without the link.
    """
    with transaction.atomic():
        undecided = list(Claim.objects.select_for_update().filter(member=member, status__in=UNDECIDED).order_by("pk"))
        invoices = [(claim.invoice.storage, claim.invoice.name) for claim in undecided if claim.invoice]
        Claim.objects.filter(pk__in=[claim.pk for claim in undecided]).delete()
        for storage, name in invoices:
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
        for claim in Claim.objects.filter(member=member).order_by("pk"):
            with _claim_step(claim, None, None) as step:
                claim = step.obj
                claim.member = None
                claim.office = None
                claim.member_remark = ""
                step.save("member", "office", "member_remark")
                step.record(_event, Action.ANONYMISED, from_status=step.from_status, reason=reason)
        open_requests = Q(status=ReservationStatus.REQUESTED) | Q(status=ReservationStatus.GRANTED, kind=ReservationKind.PRIOR_APPROVAL)
        for reservation in Reservation.objects.filter(open_requests, member=member).order_by("pk"):
            reservation_release(reservation=reservation, reason=reason)
        Reservation.objects.filter(member=member).update(member=None, office=None, member_remark="")
        ClaimEvent.objects.filter(actor=member).update(actor=None)


def claims_digest_take(*, authority_id, day):
    """Mark the claims submitted since the last digest as in today's digest, and send it after commit.

    The rows are locked and marked in one transaction, so a claim is in one digest only, even when
    two runs meet. Returns the claims taken.
    """
    with transaction.atomic():
        claims = list(
            Claim.objects.select_for_update()
            .filter(authority_id=authority_id, status=ClaimStatus.SUBMITTED, digest_sent_on__isnull=True)
            .order_by("submitted_at", "pk")
        )
        if claims:
            Claim.objects.filter(pk__in=[c.pk for c in claims]).update(digest_sent_on=day)
            _after_commit(tasks.send_claim_digest, authority_id, day.isoformat(), [c.pk for c in claims])
    return claims
