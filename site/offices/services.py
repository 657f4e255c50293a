"""Offices and their verification by the griffie: the business rules.

Holding an office is never self-declared. Two ways in:

* the griffie invites a member (one by one or by CSV); accepting the invitation
  creates an office verified by the inviter;
* a person asks for an office and a griffie member of that authority confirms or
  declines it.

Every state change happens here, on the kernel's transition skeleton (the row
locked and its state checked, the change saved, the audit row written in the same
transaction, e-mails enqueued after commit), and raises `OfficeError` (with a Dutch
message) when it is not allowed: `OfficeStateError` when the record is not in a state
that allows the step. The steps a person takes from a page are `@durable`. Granting
and revoking the griffie role are not: the Django admin calls them inside its own
transaction. `offices_erase` runs inside the account deletion's transaction.
"""

import csv
import datetime
import io

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import ProtectedError, Q, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from glashelder.kernel import roles
from glashelder.kernel.choices import Role
from glashelder.kernel.errors import DomainError, InvalidTransition
from glashelder.kernel.transitions import durable, transition

from . import tasks
from .models import Authority, GriffieMember, Office, OfficeInvitation, OfficeStatus
from .selectors import is_griffie_of, pending_invitations

# A start date may lie this far in the future (a newly elected council is installed
# some weeks after the elections); further is almost certainly a typing error.
MAX_DAYS_AHEAD = 183
# The earliest start date accepted: office terms older than this are not relevant.
EARLIEST_START = datetime.date(1990, 1, 1)
# An invitation link works this long after it was (last) sent.
INVITATION_VALID_DAYS = 30
# CSV limits: enough for the largest council plus committees, small enough to stay fast.
CSV_MAX_ROWS = 500
CSV_MAX_BYTES = 512 * 1024
CSV_COLUMNS = ("naam", "e-mail", "rol", "startdatum")

OPEN_STATUSES = (OfficeStatus.REQUESTED, OfficeStatus.VERIFIED)


class OfficeError(DomainError):
    """A forbidden office or invitation action; `message` is shown to the user (Dutch)."""


class OfficeStateError(OfficeError, InvalidTransition):
    """The office, invitation or membership is not in a state that allows this step."""


class CSVImportError(OfficeError):
    """The CSV has bad rows; `errors` is a list of (row number, message). Nothing was imported."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__(_("Het bestand bevat fouten; er is niets geïmporteerd."))


# --- helpers ---------------------------------------------------------------------------------


def _require_griffie(by, authority):
    if not is_griffie_of(by, authority):
        raise OfficeError(_("Alleen de griffie van %(authority)s mag dit doen.") % {"authority": authority})


def _check_role(authority, role):
    if role not in Role.values:
        raise OfficeError(_("Onbekend ambt."))
    if role not in authority.allowed_roles():
        raise OfficeError(
            _("Het ambt %(role)s bestaat niet bij een %(kind)s.")
            % {"role": Role(role).label.lower(), "kind": authority.get_kind_display().lower()}
        )


def _check_start_date(start_date):
    if not isinstance(start_date, datetime.date):
        raise OfficeError(_("Geef een geldige ingangsdatum."))
    if start_date > timezone.localdate() + datetime.timedelta(days=MAX_DAYS_AHEAD):
        raise OfficeError(_("De ingangsdatum ligt te ver in de toekomst (hoogstens een half jaar vooruit)."))
    if start_date < EARLIEST_START:
        raise OfficeError(_("De ingangsdatum ligt te ver in het verleden."))


def _open_offices(person, authority, role):
    return Office.objects.filter(
        person=person, authority=authority, role=role, status__in=OPEN_STATUSES, end_date__isnull=True
    )


def invitation_is_expired(invitation):
    return invitation.created_at < timezone.now() - datetime.timedelta(days=INVITATION_VALID_DAYS)


def _lock_person(person):
    """Lock the person's row: two requests at the same moment cannot both pass a duplicate check."""
    return transition(get_user_model().objects, person.pk)


def _lock_authority(authority_id):
    """Lock the authority's row: its griffie members and invitations change one at a time."""
    return transition(Authority.objects, authority_id)


def _office_step(office, allowed, refusal):
    return transition(
        Office.objects, office.pk, allowed=allowed, refusal=refusal, error=OfficeStateError, select_related=("authority", "person")
    )


def _invitation_step(invitation):
    return transition(OfficeInvitation.objects, invitation.pk, select_related=("authority",))


# --- offices ---------------------------------------------------------------------------------


@durable
def office_request(*, person, authority, role, start_date):
    """A person asks for an office; the griffie of `authority` confirms or declines it."""

    _check_role(authority, role)
    _check_start_date(start_date)
    with _lock_person(person) as step:
        existing = _open_offices(person, authority, role).first()
        if existing is not None:
            if existing.status == OfficeStatus.VERIFIED:
                raise OfficeError(_("U bent al bevestigd als %(office)s.") % {"office": existing})
            raise OfficeError(_("U heeft dit ambt al aangevraagd; de griffie beoordeelt uw aanvraag."))
        office = Office.objects.create(
            person=person, authority=authority, role=role, start_date=start_date, status=OfficeStatus.REQUESTED
        )
        step.after_commit(tasks.send_office_request_notice, office.pk)
    return office


@durable
def office_withdraw(*, office, by):
    """The person withdraws their own request before the griffie decided; nothing refers to it yet."""
    refusal = _("De griffie heeft al over deze aanvraag beslist; intrekken kan niet meer.")
    with _office_step(office, (OfficeStatus.REQUESTED,), refusal) as step:
        office = step.obj
        if office.person_id != by.pk:
            raise OfficeError(_("U kunt alleen uw eigen aanvraag intrekken."))
        step.audit("office_request_withdrawn", actor=by, target=f"office:{office.pk}")
        office.delete()


def _decide(step, by, status, action, reason=""):
    """Requested → verified or declined, by a griffie colleague of the office's authority."""
    office = step.obj
    office.status = status
    office.verified_by = by
    office.verified_at = timezone.now()
    office.decline_reason = reason[:2000]
    step.save("status", "verified_by", "verified_at", "decline_reason")
    step.audit(action, actor=by, target=f"office:{office.pk}", authority=office.authority.cbs_code)
    step.after_commit(tasks.send_office_decision, office.pk)
    return office


@durable
def office_verify(*, office, by):
    """A griffie member of the office's authority confirms a requested office."""

    with _office_step(office, (OfficeStatus.REQUESTED,), _("Dit ambt is al beoordeeld (%(status)s).")) as step:
        if step.obj.person_id == by.pk:
            raise OfficeError(_("U kunt uw eigen ambt niet bevestigen; een collega van de griffie moet dat doen."))
        _require_griffie(by, step.obj.authority)
        office = _decide(step, by, OfficeStatus.VERIFIED, "office_verified")
    return office


@durable
def office_decline(*, office, by, reason):
    """A griffie member of the office's authority declines a requested office, with a reason."""

    reason = (reason or "").strip()
    if not reason:
        raise OfficeError(_("Geef een reden voor de afwijzing; de aanvrager krijgt die te zien."))
    with _office_step(office, (OfficeStatus.REQUESTED,), _("Dit ambt is al beoordeeld (%(status)s).")) as step:
        if step.obj.person_id == by.pk:
            raise OfficeError(_("U kunt niet over uw eigen ambt beslissen; een collega van de griffie moet dat doen."))
        _require_griffie(by, step.obj.authority)
        office = _decide(step, by, OfficeStatus.DECLINED, "office_declined", reason)
    return office


@durable
def office_end(*, office, by, end_date):
    """The term ends on `end_date`. The office stays in the history (and enrolments keep it)."""
    if not isinstance(end_date, datetime.date):
        raise OfficeError(_("Geef een geldige einddatum."))
    with _office_step(office, (OfficeStatus.VERIFIED,), _("Alleen een bevestigd ambt kan worden beëindigd.")) as step:
        office = step.obj
        _require_griffie(by, office.authority)
        if office.end_date is not None:
            raise OfficeStateError(_("Dit ambt is al beëindigd op %(date)s.") % {"date": office.end_date.strftime("%d-%m-%Y")})
        if end_date < office.start_date:
            raise OfficeError(_("De einddatum ligt vóór de ingangsdatum."))
        if end_date > timezone.localdate() + datetime.timedelta(days=MAX_DAYS_AHEAD):
            raise OfficeError(_("De einddatum ligt te ver in de toekomst (hoogstens een half jaar vooruit)."))
        office.end_date = end_date
        step.save("end_date")
        step.audit("office_ended", actor=by, target=f"office:{office.pk}", end_date=end_date.isoformat())
    return office


# --- invitations -----------------------------------------------------------------------------


def _normalise_email(email):
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise OfficeError(_("Ongeldig e-mailadres: %(email)s.") % {"email": email or "—"}) from None
    return email.lower()


def _check_invitation_fields(authority, name, email, role, start_date):
    name = (name or "").strip()
    if not name:
        raise OfficeError(_("Vul de naam in."))
    if len(name) > 200:
        raise OfficeError(_("De naam is te lang (hoogstens 200 tekens)."))
    email = _normalise_email(email)
    _check_role(authority, role)
    _check_start_date(start_date)
    if pending_invitations(authority).filter(email__iexact=email).exists():
        raise OfficeError(_("Er staat al een uitnodiging open voor %(email)s.") % {"email": email})
    return name, email


@durable
def invitation_create(*, authority, by, name, email, role, start_date):
    """The griffie invites one member by e-mail; the e-mail is sent after commit."""

    with _lock_authority(authority.pk) as step:
        _require_griffie(by, authority)
        name, email = _check_invitation_fields(authority, name, email, role, start_date)
        invitation = OfficeInvitation.objects.create(
            authority=authority, name=name, email=email, role=role, start_date=start_date, invited_by=by
        )
        step.audit("invitation_created", actor=by, target=f"invitation:{invitation.pk}", authority=authority.cbs_code)
        step.after_commit(tasks.send_invitation, invitation.pk)
    return invitation


ROLE_NAMES = {}
for _role in Role:
    ROLE_NAMES[_role.value] = _role.value
    ROLE_NAMES[str(_role.label).lower()] = _role.value
ROLE_NAMES.update({"burgerlid": Role.COMMISSIELID, "commissielid": Role.COMMISSIELID, "cdk": Role.CDK})
ROLE_NAMES.update({"commissaris van de koning": Role.CDK, "commissaris van de koningin": Role.CDK})


def parse_role(text):
    return ROLE_NAMES.get(" ".join((text or "").strip().lower().split()))


def parse_date(text):
    """A date written as YYYY-MM-DD or DD-MM-YYYY (also with slashes); None when it is neither."""
    text = (text or "").strip().replace("/", "-")
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _read_csv(file):
    raw = file.read(CSV_MAX_BYTES + 1)
    if len(raw) > CSV_MAX_BYTES:
        raise CSVImportError([(0, _("Het bestand is te groot (hoogstens 512 kB)."))])
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CSVImportError([(0, _("Het bestand is geen tekstbestand in UTF-8 (CSV)."))]) from None
    else:
        text = raw
    if "\x00" in text:
        raise CSVImportError([(0, _("Het bestand is geen CSV-bestand."))])
    first_line = text.split("\n", 1)[0]
    # Spreadsheets with Dutch settings write semicolons.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


@durable
def invitations_import_csv(*, authority, by, file):
    """Import invitations from a CSV with the columns naam,e-mail,rol,startdatum.

    Every row is checked first. If any row is wrong, `CSVImportError` lists each
    bad row by its number in the file (the header is row 1) and nothing is imported.
    """

    _require_griffie(by, authority)
    rows = _read_csv(file)
    if not rows or [cell.strip().lower() for cell in rows[0]] != list(CSV_COLUMNS):
        raise CSVImportError([(1, _("De eerste rij moet de kolomnamen bevatten: %(columns)s.") % {"columns": ",".join(CSV_COLUMNS)})])
    data = [(number, row) for number, row in enumerate(rows[1:], start=2) if any(cell.strip() for cell in row)]
    if not data:
        raise CSVImportError([(2, _("Het bestand bevat geen uitnodigingen."))])
    if len(data) > CSV_MAX_ROWS:
        raise CSVImportError([(0, _("Te veel rijen: hoogstens %(max)s per bestand.") % {"max": CSV_MAX_ROWS})])

    with _lock_authority(authority.pk) as step:
        errors, valid, seen = [], [], {}
        for number, row in data:
            if len(row) != len(CSV_COLUMNS):
                errors.append((number, _("Verwacht 4 kolommen (naam, e-mail, rol, startdatum), gevonden: %(n)s.") % {"n": len(row)}))
                continue
            name, email, role_text, date_text = (cell.strip() for cell in row)
            role = parse_role(role_text)
            if role is None:
                errors.append((number, _("Onbekende rol: %(role)s.") % {"role": role_text or "—"}))
                continue
            start_date = parse_date(date_text)
            if start_date is None:
                errors.append((number, _("Ongeldige startdatum %(date)s: gebruik JJJJ-MM-DD of DD-MM-JJJJ.") % {"date": date_text or "—"}))
                continue
            try:
                name, email = _check_invitation_fields(authority, name, email, role, start_date)
            except OfficeError as error:
                errors.append((number, error.message))
                continue
            if email in seen:
                errors.append((number, _("Het e-mailadres %(email)s staat ook in rij %(row)s.") % {"email": email, "row": seen[email]}))
                continue
            seen[email] = number
            valid.append(OfficeInvitation(authority=authority, name=name, email=email, role=role, start_date=start_date, invited_by=by))
        if errors:
            raise CSVImportError(errors)
        invitations = OfficeInvitation.objects.bulk_create(valid)
        step.audit("invitations_imported", actor=by, target=f"authority:{authority.cbs_code}", count=len(invitations))
        for invitation in invitations:
            step.after_commit(tasks.send_invitation, invitation.pk)
    return invitations


@durable
def invitation_resend(*, invitation, by):
    """Send the invitation again; the link is valid for another INVITATION_VALID_DAYS days."""

    with _invitation_step(invitation) as step:
        invitation = step.obj
        _require_griffie(by, invitation.authority)
        if invitation.accepted_at is not None:
            raise OfficeStateError(_("Deze uitnodiging is al geaccepteerd."))
        invitation.created_at = timezone.now()
        step.save("created_at")
        step.audit("invitation_resent", actor=by, target=f"invitation:{invitation.pk}")
        step.after_commit(tasks.send_invitation, invitation.pk)
    return invitation


@durable
def invitation_withdraw(*, invitation, by):
    """Withdraw a pending invitation: the link stops working."""
    with _invitation_step(invitation) as step:
        invitation = step.obj
        _require_griffie(by, invitation.authority)
        if invitation.accepted_at is not None:
            raise OfficeStateError(_("Deze uitnodiging is al geaccepteerd en kan niet meer worden ingetrokken."))
        step.audit("invitation_withdrawn", actor=by, target=f"invitation:{invitation.pk}", authority=invitation.authority.cbs_code)
        invitation.delete()


@durable
def invitation_accept(*, invitation, user):
    """The invited person accepts: a verified office (verified by the inviter) for `user`.

    The account's e-mail address must be the invited address (verified, case-insensitive),
    and an invitation is used once.
    """

    with _invitation_step(invitation) as step:
        invitation = step.obj
        if invitation.accepted_at is not None:
            raise OfficeStateError(_("Deze uitnodiging is al gebruikt."))
        if invitation_is_expired(invitation):
            raise OfficeError(_("Deze uitnodiging is verlopen. Vraag de griffie om een nieuwe uitnodiging."))
        if not EmailAddress.objects.filter(user=user, email__iexact=invitation.email, verified=True).exists():
            raise OfficeError(
                _("Deze uitnodiging is verstuurd naar een ander e-mailadres dan dat van uw account. Log in met het account van %(email)s.")
                % {"email": invitation.email}
            )
        if invitation.invited_by_id == user.pk:
            raise OfficeError(_("U kunt uw eigen uitnodiging niet accepteren; een collega van de griffie moet u uitnodigen."))
        inviter = invitation.invited_by
        if inviter is None or not is_griffie_of(inviter, invitation.authority):
            raise OfficeError(_("De uitnodiger werkt niet meer bij de griffie. Vraag de griffie om een nieuwe uitnodiging."))
        get_user_model().objects.select_for_update().get(pk=user.pk)
        now = timezone.now()
        office = _open_offices(user, invitation.authority, invitation.role).select_for_update().first()
        if office is None:
            office = Office.objects.create(
                person=user, authority=invitation.authority, role=invitation.role, start_date=invitation.start_date,
                status=OfficeStatus.VERIFIED, verified_by=inviter, verified_at=now,
            )
        elif office.status == OfficeStatus.REQUESTED:
            # The person had already asked for this office: the invitation confirms it.
            office.status = OfficeStatus.VERIFIED
            office.start_date = invitation.start_date
            office.verified_by = inviter
            office.verified_at = now
            office.save(update_fields=["status", "start_date", "verified_by", "verified_at"])
        invitation.accepted_at = now
        invitation.office = office
        step.save("accepted_at", "office")
        step.audit("invitation_accepted", actor=user, target=f"invitation:{invitation.pk}", office=office.pk)
    return office


# --- griffie members -------------------------------------------------------------------------


def _may_manage_griffie(by, authority):
    return roles.is_beheer(by) or is_griffie_of(by, authority)


def _audit_role(step, action, *, by, user_id, authority, **details):
    step.audit(
        action, actor=by, target=f"user:{user_id}", role="griffie", scope=str(authority), authority=authority.cbs_code,
        authority_id=authority.pk, user_id=user_id, **details,
    )


def griffie_member_grant(*, authority, user, by):
    """Give `user` the griffie role for `authority`. By beheer or a griffie member of that authority.

    Not durable: the Django admin (beheer) calls it inside its own transaction.
    """
    with _lock_authority(authority.pk) as step:
        authority = step.obj
        if not _may_manage_griffie(by, authority):
            raise OfficeError(_("Alleen de griffie van %(authority)s of beheer mag dit doen.") % {"authority": authority})
        if GriffieMember.objects.filter(user=user, authority=authority).exists():
            raise OfficeStateError(_("%(email)s werkt al bij de griffie van %(authority)s.") % {"email": user.email, "authority": authority})
        member = GriffieMember.objects.create(user=user, authority=authority, granted_by=by)
        _audit_role(step, "role_granted", by=by, user_id=user.pk, authority=authority)
    return member


def griffie_member_revoke(*, member, by):
    """Take the griffie role away. The last griffie member of an authority can only be removed by beheer.

    Not durable: the Django admin (beheer) calls it inside its own transaction.
    """
    with _lock_authority(member.authority_id) as step:
        authority = step.obj
        member = GriffieMember.objects.select_for_update().select_related("user").filter(pk=member.pk).first()
        if member is None:
            raise OfficeStateError(_("Deze persoon werkt niet meer bij de griffie van %(authority)s.") % {"authority": authority})
        if not _may_manage_griffie(by, authority):
            raise OfficeError(_("Alleen de griffie van %(authority)s of beheer mag dit doen.") % {"authority": authority})
        if not roles.is_beheer(by):
            others = GriffieMember.objects.filter(authority=authority).exclude(pk=member.pk)
            if not others.exists():
                raise OfficeError(_("U bent de laatste griffiemedewerker van %(authority)s; vraag beheer om dit te doen.") % {"authority": authority})
        _audit_role(step, "role_revoked", by=by, user_id=member.user_id, authority=authority)
        member.delete()


# --- erasure ---------------------------------------------------------------------------------


def _still_needed(office):
    """Whether any other record (of any app) still refers to this office. Asked of every
    reverse relation, so it holds whatever `on_delete` the referring model chose."""
    for relation in Office._meta.related_objects:
        if relation.related_model is OfficeInvitation:
            continue  # the invitations of the user are removed
        if relation.related_model._default_manager.filter(**{relation.field.name: office}).exists():
            return True
    return False


def offices_erase(*, user):
    """Erase the offices of a deleted account; runs inside the account deletion's transaction.

    Invitations addressed to the user are removed and open requests closed. An office that a
    kept record (an enrolment, a decided claim) still refers to stays, as part of that record;
    the others are deleted. The griffie role ends with the account (audited, without the address).
    """
    with transaction.atomic():
        OfficeInvitation.objects.filter(Q(email__iexact=user.email, accepted_at__isnull=True) | Q(office__person=user)).delete()
        for office in Office.objects.filter(person=user).order_by("pk"):
            with transition(Office.objects, office.pk) as step:
                office = step.obj
                if office.status == OfficeStatus.REQUESTED:
                    office.status = OfficeStatus.DECLINED
                    office.decline_reason = _("Account verwijderd")
                    step.save("status", "decline_reason")
                if _still_needed(office):
                    continue  # a kept record (an enrolment, a claim) still points to it
                try:
                    with transaction.atomic():
                        office.delete()
                except (ProtectedError, RestrictedError):
                    pass
        for member in GriffieMember.objects.filter(user=user).select_related("authority").order_by("pk"):
            with _lock_authority(member.authority_id) as step:
                _audit_role(step, "role_revoked", by=user, user_id=user.pk, authority=step.obj, reason="account_deleted")
                member.delete()
