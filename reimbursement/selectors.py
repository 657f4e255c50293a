"""Read-side queries of the reimbursement app. Every query is scoped by who asks."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, Sum, Value
from django.db.models.functions import Coalesce

from courses.models import CoursePage
from enrolment.models import Enrolment, EnrolmentStatus
from glashelder.offices.models import Office, OfficeStatus
from glashelder.offices.selectors import griffie_authorities

from .models import (
    SPENT_STATUSES,
    ZERO,
    Claim,
    ClaimExport,
    ClaimStatus,
    Reservation,
    ReservationStatus,
    TrainingPolicy,
)

MONEY = Value(Decimal("0.00"))


def claims_for_member(user):
    if not user.is_authenticated:
        return Claim.objects.none()
    return Claim.objects.filter(member=user)


def reservations_for_member(user):
    if not user.is_authenticated:
        return Reservation.objects.none()
    return Reservation.objects.filter(member=user)


@dataclass
class Budget:
    year: int
    budget: Decimal
    spent: Decimal
    reserved: Decimal
    pending: Decimal

    @property
    def left(self):
        return self.budget - self.spent - self.reserved

    @property
    def spent_percent(self):
        return _percent(self.spent, self.budget)

    @property
    def reserved_percent(self):
        return _percent(self.reserved, self.budget)

    @property
    def left_percent(self):
        return max(0, 100 - self.spent_percent - self.reserved_percent)


def _percent(part, whole):
    if not whole:
        return 0
    return max(0, min(100, int(round(part * 100 / whole))))


def spent_amount(*, authority_id, year, member_id=None):
    claims = Claim.objects.filter(authority_id=authority_id, budget_year=year, status__in=SPENT_STATUSES)
    if member_id is not None:
        claims = claims.filter(member_id=member_id)
    totals = claims.aggregate(
        approved=Coalesce(Sum("amount_approved"), MONEY), reversed=Coalesce(Sum("amount_reversed"), MONEY)
    )
    return totals["approved"] - totals["reversed"]


def reserved_amount(*, authority_id, year, member_id=None, exclude_pk=None):
    reservations = Reservation.objects.filter(authority_id=authority_id, budget_year=year, status=ReservationStatus.GRANTED)
    if member_id is not None:
        reservations = reservations.filter(member_id=member_id)
    if exclude_pk is not None:
        reservations = reservations.exclude(pk=exclude_pk)
    return reservations.aggregate(total=Coalesce(Sum("amount"), MONEY))["total"]


def budget_for(policy):
    if policy is None:
        return None
    pending = Claim.objects.filter(
        authority_id=policy.authority_id, budget_year=policy.year, status=ClaimStatus.SUBMITTED
    ).aggregate(total=Coalesce(Sum("amount_requested"), MONEY))["total"]
    return Budget(
        year=policy.year,
        budget=policy.budget,
        spent=spent_amount(authority_id=policy.authority_id, year=policy.year),
        reserved=reserved_amount(authority_id=policy.authority_id, year=policy.year),
        pending=pending,
    )


def budgets_by_year(authority):
    """{year: Budget} for every policy of the authority: a fixed number of queries per policy."""
    return {policy.year: budget_for(policy) for policy in TrainingPolicy.objects.filter(authority=authority)}


def budget_breakdown(policy):
    """Spent and reserved per role and per member for one year (two grouped queries each)."""
    spent_claims = Claim.objects.filter(authority_id=policy.authority_id, budget_year=policy.year, status__in=SPENT_STATUSES)
    reserved = Reservation.objects.filter(authority_id=policy.authority_id, budget_year=policy.year, status=ReservationStatus.GRANTED)
    per_role = {}
    for row in spent_claims.values("role").annotate(
        total=Coalesce(Sum(F("amount_approved") - F("amount_reversed")), MONEY), count=Count("pk")
    ):
        per_role.setdefault(row["role"], {"spent": ZERO, "reserved": ZERO, "count": 0})
        per_role[row["role"]]["spent"] = row["total"]
        per_role[row["role"]]["count"] = row["count"]
    for row in reserved.values("role").annotate(total=Coalesce(Sum("amount"), MONEY)):
        per_role.setdefault(row["role"], {"spent": ZERO, "reserved": ZERO, "count": 0})
        per_role[row["role"]]["reserved"] = row["total"]
    per_member = {}
    for row in spent_claims.values("member_id", "member_name").annotate(
        total=Coalesce(Sum(F("amount_approved") - F("amount_reversed")), MONEY), count=Count("pk")
    ):
        key = (row["member_id"], row["member_name"])
        per_member.setdefault(key, {"name": row["member_name"], "spent": ZERO, "reserved": ZERO, "count": 0})
        per_member[key]["spent"] += row["total"]
        per_member[key]["count"] += row["count"]
    for row in reserved.values("member_id", "member_name").annotate(total=Coalesce(Sum("amount"), MONEY)):
        key = (row["member_id"], row["member_name"])
        per_member.setdefault(key, {"name": row["member_name"], "spent": ZERO, "reserved": ZERO, "count": 0})
        per_member[key]["reserved"] += row["total"]
    return per_role, sorted(per_member.values(), key=lambda m: (-(m["spent"] + m["reserved"]), m["name"]))


def claim_queue(authority, *, status=None, role=None, member=None, course=None, period_start=None, period_end=None, sort="-submitted_at"):
    """The griffie's queue. Filters as given; the budget left is added by the view per year (one query per year)."""
    claims = Claim.objects.filter(authority=authority)
    if status:
        claims = claims.filter(status=status)
    else:
        claims = claims.exclude(status=ClaimStatus.DRAFT)
    if role:
        claims = claims.filter(role=role)
    if member:
        claims = claims.filter(member_name__icontains=member)
    if course:
        claims = claims.filter(Q(course_title__icontains=course) | Q(provider_name__icontains=course))
    if period_start:
        claims = claims.filter(end_date__gte=period_start)
    if period_end:
        claims = claims.filter(end_date__lte=period_end)
    allowed = {
        "submitted_at", "-submitted_at", "amount_requested", "-amount_requested", "member_name", "-member_name",
        "end_date", "-end_date", "number", "-number", "status", "-status",
    }
    if sort not in allowed:
        sort = "-submitted_at"
    nulls_last = F(sort.lstrip("-")).desc(nulls_last=True) if sort.startswith("-") else F(sort).asc(nulls_last=True)
    return claims.order_by(nulls_last, "-pk")


# ---------------------------------------------------------------- the griffie workspace of one authority
# Every page under /griffie/<code>/ first finds its authority with
# `glashelder.offices.selectors.griffie_authority(user, code)` (404 for a code the user does not
# serve); everything it shows comes from these querysets, limited to that authority.


def griffie_claims(authority):
    return Claim.objects.filter(authority=authority)


def griffie_reservations(authority):
    return Reservation.objects.filter(authority=authority)


def griffie_exports(authority):
    return ClaimExport.objects.filter(authority=authority)


def griffie_policies(authority):
    return TrainingPolicy.objects.filter(authority=authority)


def policy_for(authority_id, year):
    """The training policy of one authority and year, or None."""
    return TrainingPolicy.objects.filter(authority_id=authority_id, year=year).first()


def budgets_for_years(authority, years):
    """{year: Budget} for those of `years` that have a policy."""
    return {policy.year: budget_for(policy) for policy in griffie_policies(authority).filter(year__in=years)}


def griffie_counts(authority):
    """What waits for the griffie: submitted claims and open requests."""
    return {
        "submitted": griffie_claims(authority).filter(status=ClaimStatus.SUBMITTED).count(),
        "requests": griffie_reservations(authority).filter(status=ReservationStatus.REQUESTED).count(),
    }


def approved_not_exported(authority):
    """Approved claims of `authority` that no export holds yet."""
    return griffie_claims(authority).filter(status=ClaimStatus.APPROVED)


def _authority_code(queryset, user):
    return queryset.filter(authority__in=griffie_authorities(user)).values_list("authority__cbs_code", flat=True).first()


def claim_authority_code(user, number):
    """The CBS code of the claim's authority, if `user` is on its griffie; None otherwise."""
    return _authority_code(Claim.objects.filter(number=number), user)


def reservation_authority_code(user, number):
    return _authority_code(Reservation.objects.filter(number=number), user)


def export_authority_code(user, pk):
    return _authority_code(ClaimExport.objects.filter(pk=pk), user)


# ---------------------------------------------------------------- the member's pages


def claimable_enrolments(user):
    """The member's completed enrolments that have no claim yet, newest first."""
    return (
        Enrolment.objects.filter(person=user, status=EnrolmentStatus.COMPLETED, claim__isnull=True)
        .select_related("course", "office__authority")
        .order_by("-completed_at")
    )


def enrolments_of(user):
    return Enrolment.objects.filter(person=user)


def verified_offices(user):
    return Office.objects.filter(person=user, status=OfficeStatus.VERIFIED).select_related("authority")


def policies_by_authority(authority_ids, year):
    """{authority id: policy} for one year."""
    return {p.authority_id: p for p in TrainingPolicy.objects.filter(authority__in=authority_ids, year=year)}


def live_courses():
    return CoursePage.objects.live().select_related("provider")
