"""Inviting members by CSV: every row checked first; a bad row is reported by number and nothing is imported."""

import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from glashelder.kernel.choices import Role
from glashelder.offices import services as offices
from glashelder.offices.models import OfficeInvitation
from tests.factories import amsterdam, griffie_user, utrecht

pytestmark = pytest.mark.django_db


def upload(text, encoding="utf-8"):
    return io.BytesIO(text.encode(encoding))


def do_import(text, by=None, **kwargs):
    return offices.invitations_import_csv(authority=utrecht(), by=by or griffie_user(), file=upload(text, **kwargs))


GOOD = (
    "naam,e-mail,rol,startdatum\n"
    "Jan de Boer,Jan.deBoer@example.org,raadslid,2026-03-26\n"
    "Fatima Yilmaz,f.yilmaz@example.org,Commissielid (burgerlid),26-03-2026\n"
    "Kees Wit,k.wit@example.org,Wethouder,2026-04-02\n"
)


def test_good_file_creates_invitations_and_sends_them(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        created = do_import(GOOD)
    assert len(created) == 3
    rows = {i.email: i for i in OfficeInvitation.objects.all()}
    assert set(rows) == {"jan.deboer@example.org", "f.yilmaz@example.org", "k.wit@example.org"}
    assert rows["f.yilmaz@example.org"].role == Role.COMMISSIELID
    assert rows["f.yilmaz@example.org"].start_date == datetime.date(2026, 3, 26)
    assert rows["k.wit@example.org"].role == Role.WETHOUDER
    assert sorted(m.to[0] for m in mail.outbox) == sorted(rows)
    assert all(f"/uitnodiging/{rows[m.to[0]].token}/" in m.body for m in mail.outbox)


def test_semicolons_a_byte_order_mark_and_blank_lines_are_accepted():
    text = "\ufeffNaam;E-mail;Rol;Startdatum\nJan de Boer;jan@example.org;burgerlid;26-03-2026\n\n;;;\n"
    created = do_import(text)
    assert [(i.email, i.role) for i in created] == [("jan@example.org", Role.COMMISSIELID)]


def test_bad_rows_are_reported_by_number_and_nothing_is_imported():
    text = (
        "naam,e-mail,rol,startdatum\n"
        "Jan de Boer,jan@example.org,raadslid,2026-03-26\n"  # row 2: fine
        "Piet,piet@example.org,statenlid,2026-03-26\n"  # row 3: role does not fit a gemeente
        "Klaas,geen-adres,raadslid,2026-03-26\n"  # row 4: bad e-mail
        "Anna,anna@example.org,voorzitter,2026-03-26\n"  # row 5: unknown role
        "Bram,bram@example.org,raadslid,31-02-2026\n"  # row 6: impossible date
        "Jan B.,JAN@example.org,wethouder,2026-03-26\n"  # row 7: duplicate e-mail in the file
        ",leeg@example.org,raadslid,2026-03-26\n"  # row 8: no name
        "Te veel,x@example.org,raadslid,2026-03-26,extra\n"  # row 9: five columns
    )
    with pytest.raises(offices.CSVImportError) as caught:
        do_import(text)
    errors = dict(caught.value.errors)
    assert sorted(errors) == [3, 4, 5, 6, 7, 8, 9]
    assert "statenlid bestaat niet bij een gemeente" in errors[3]
    assert "Ongeldig e-mailadres" in errors[4]
    assert "Onbekende rol: voorzitter" in errors[5]
    assert "Ongeldige startdatum 31-02-2026" in errors[6]
    assert "staat ook in rij 2" in errors[7]
    assert "naam" in errors[8]
    assert "4 kolommen" in errors[9]
    assert caught.value.message == "Het bestand bevat fouten; er is niets geïmporteerd."
    assert not OfficeInvitation.objects.exists()
    assert not mail.outbox


def test_one_bad_row_at_the_end_blocks_the_whole_file():
    text = GOOD + "Laatste,laatste@example.org,raadslid,volgende week\n"
    with pytest.raises(offices.CSVImportError) as caught:
        do_import(text)
    assert [number for number, _message in caught.value.errors] == [5]
    assert not OfficeInvitation.objects.exists()


def test_wrong_header_is_row_1():
    with pytest.raises(offices.CSVImportError) as caught:
        do_import("name,email,role,start\nJan,jan@example.org,raadslid,2026-03-26\n")
    assert caught.value.errors[0][0] == 1
    assert "naam,e-mail,rol,startdatum" in caught.value.errors[0][1]


def test_existing_open_invitation_is_a_bad_row():
    griffie = griffie_user()
    offices.invitation_create(
        authority=utrecht(), by=griffie, name="Jan", email="k.wit@example.org", role=Role.RAADSLID, start_date=datetime.date(2026, 3, 26)
    )
    with pytest.raises(offices.CSVImportError) as caught:
        do_import(GOOD, by=griffie)
    assert [number for number, _message in caught.value.errors] == [4]
    assert OfficeInvitation.objects.count() == 1


def test_not_utf8_and_wrong_griffie_are_refused():
    with pytest.raises(offices.CSVImportError, match="fouten"):
        do_import("naam,e-mail,rol,startdatum\nJosé,jose@example.org,raadslid,2026-03-26\n", encoding="latin-1")
    with pytest.raises(offices.OfficeError, match="Alleen de griffie"):
        offices.invitations_import_csv(authority=utrecht(), by=griffie_user(amsterdam()), file=upload(GOOD))
    assert not OfficeInvitation.objects.exists()


def test_csv_upload_page_shows_row_errors_and_imports_nothing(client):
    griffie = griffie_user()
    client.force_login(griffie)
    bad = SimpleUploadedFile("leden.csv", (GOOD + "Piet,piet@example.org,statenlid,2026-03-26\n").encode(), content_type="text/csv")
    response = client.post("/griffie/GM0344/leden/uitnodigen/csv/", {"file": bad})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Rij 5:" in content
    assert "er is niets geïmporteerd" in content
    assert not OfficeInvitation.objects.exists()

    good = SimpleUploadedFile("leden.csv", GOOD.encode(), content_type="text/csv")
    response = client.post("/griffie/GM0344/leden/uitnodigen/csv/", {"file": good})
    assert response.status_code == 302
    assert response["Location"] == "/griffie/GM0344/leden/uitnodigingen/"
    assert OfficeInvitation.objects.filter(authority=utrecht()).count() == 3


def test_csv_upload_page_refuses_a_binary_file(client):
    client.force_login(griffie_user())
    pdf = SimpleUploadedFile("leden.csv", b"%PDF-1.4\x00\x01\x02", content_type="text/csv")
    response = client.post("/griffie/GM0344/leden/uitnodigen/csv/", {"file": pdf})
    assert response.status_code == 200
    assert "Dit bestandstype is niet toegestaan" in response.content.decode()
    assert not OfficeInvitation.objects.exists()
