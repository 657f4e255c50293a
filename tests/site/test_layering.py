"""The layering contract (.importlinter) holds, and it really fails on an arrow pointing backwards.

The contract runs in `make test` too; this test proves the tool would catch a new backward
import, by running it on a copy of the code with one added.
"""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = {"glashelder": "site", "courses": "courses", "enrolment": "enrolment", "reimbursement": "reimbursement"}


def _copy_code(target):
    for name, folder in PACKAGES.items():
        shutil.copytree(ROOT / folder, target / name, ignore=shutil.ignore_patterns("*.pyc", "__pycache__", "locale", "templates", "static", "data"))
    shutil.copy(ROOT / ".importlinter", target / ".importlinter")


def _lint(cwd):
    lint = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(lint), "--no-cache"], cwd=cwd, capture_output=True, text=True, env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )


def test_the_layering_contract_is_kept(tmp_path):
    _copy_code(tmp_path)
    result = _lint(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def test_a_backward_import_breaks_the_contract(tmp_path):
    _copy_code(tmp_path)
    # courses is below enrolment: this import points the wrong way.
    with open(tmp_path / "courses" / "models.py", "a") as module:
        module.write("\nimport enrolment.models  # noqa: E402,F401\n")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "courses.models -> enrolment.models" in result.stdout


def test_the_kernel_may_not_import_an_app(tmp_path):
    _copy_code(tmp_path)
    with open(tmp_path / "glashelder" / "kernel" / "money.py", "a") as module:
        module.write("\nimport courses.models  # noqa: E402,F401\n")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "glashelder.kernel.money -> courses.models" in result.stdout
