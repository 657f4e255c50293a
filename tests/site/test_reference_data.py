import re

import pytest
from django.core.management import CommandError, call_command

from glashelder.kernel.choices import AuthorityKind
from glashelder.offices.models import Authority
from glashelder.offices.reference_data import DATA_DIR, ReferenceDataError, load_authorities

pytestmark = pytest.mark.django_db


def test_loads_all_gemeenten_and_provincies():
    counts = load_authorities()
    assert counts == {"created": 354, "updated": 0, "unchanged": 0}
    assert Authority.objects.filter(kind=AuthorityKind.GEMEENTE).count() == 342
    assert Authority.objects.filter(kind=AuthorityKind.PROVINCIE).count() == 12
    utrecht = Authority.objects.get(cbs_code="GM0344")
    assert utrecht.name == "Utrecht"
    assert utrecht.province.cbs_code == "PV26"
    assert Authority.objects.get(cbs_code="PV21").name == "Fryslân"
    assert Authority.objects.get(cbs_code="GM0820").name == "Nuenen, Gerwen en Nederwetten"


def test_second_run_changes_nothing():
    load_authorities()
    before = list(Authority.objects.order_by("pk").values_list("pk", "cbs_code", "name", "province_id"))
    assert load_authorities() == {"created": 0, "updated": 0, "unchanged": 354}
    after = list(Authority.objects.order_by("pk").values_list("pk", "cbs_code", "name", "province_id"))
    assert before == after


def test_command_reports_counts(capsys):
    call_command("load_authorities")
    call_command("load_authorities")
    assert "0 created, 0 updated, 354 unchanged" in capsys.readouterr().out


def _bad_copy(tmp_path, line_number, replacement):
    lines = (DATA_DIR / "gemeenten.csv").read_text(encoding="utf-8").splitlines()
    original = lines[line_number - 1]
    lines[line_number - 1] = replacement(original) if callable(replacement) else replacement
    path = tmp_path / "gemeenten.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("line", "replacement", "message"),
    [
        (5, "GMX037,Veendam,PV20,Groningen,27520,2024,21", "ongeldige CBS-code"),
        (7, "GM0014,Dubbel,PV20,Groningen,1,2024,9", "komt twee keer voor"),
        (9, "GM0080,Leeuwarden,PV20", "kolommen gevonden"),
        (12, lambda original: re.sub(r",PV\d\d,", ",PV99,", original, count=1), "onbekende provincie"),
        (4, "GM0037,,PV20,Groningen,32013,2024,23", "naam ontbreekt"),
    ],
)
def test_malformed_file_is_refused_with_line_number_and_loads_nothing(tmp_path, line, replacement, message):
    path = _bad_copy(tmp_path, line, replacement)
    with pytest.raises(ReferenceDataError) as excinfo:
        load_authorities(gemeenten_path=path)
    assert excinfo.value.line == line
    assert message in str(excinfo.value)
    assert f"regel {line}" in str(excinfo.value)
    assert Authority.objects.count() == 0


def test_command_refuses_bad_file_without_loading(tmp_path):
    path = _bad_copy(tmp_path, 3, "GM0034,Almere,XX24,Flevoland,226500,2024,45")
    with pytest.raises(CommandError, match="regel 3"):
        call_command("load_authorities", gemeenten=str(path))
    assert Authority.objects.count() == 0


def test_bad_file_does_not_change_existing_data(tmp_path):
    load_authorities()
    path = _bad_copy(tmp_path, 2, "GM0014,Groningen-Nieuw,PV20,Groningen,1,2024,9")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = "kapot"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError):
        load_authorities(gemeenten_path=path)
    assert Authority.objects.get(cbs_code="GM0014").name == "Groningen"
