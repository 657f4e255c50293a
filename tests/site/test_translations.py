"""The Dutch and English catalogues are complete: no untranslated or fuzzy entries."""

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(ROOT.glob("*/locale/*/LC_MESSAGES/django.po"))


def test_every_app_has_dutch_and_english_catalogues():
    found = {(po.parts[-5], po.parts[-3]) for po in CATALOGUES}
    for app in ("site", "courses", "enrolment", "reimbursement"):
        assert (app, "nl") in found
        assert (app, "en") in found


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: "/".join(p.parts[-5:-2]))
def test_catalogue_is_complete(po):
    result = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr
