"""Services are the only writers: no module outside the services writes domain rows.

A static check over the apps: a call of `save`, `delete`, `update`, `create`, `bulk_create`,
`bulk_update`, `get_or_create` or `update_or_create` may appear only in a service module (a
`services.py` or `services/` package, or a module listed below with the reason it writes),
in migrations, and in tests. Adding a write to a view, hook, admin, task or command fails here:
call (or add) a service instead.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("site", "courses", "enrolment", "reimbursement")
WRITES = {"save", "delete", "update", "create", "bulk_create", "bulk_update", "get_or_create", "update_or_create"}

# Modules that write by their role, each with its reason.
WRITERS = {
    "site/privacy.py": "the account services: name change, personal-data export and account deletion",
    "site/tree.py": "creates Wagtail's page tree and default site after migrate",
    "site/models.py": "model methods (the user manager, save overrides)",
    "site/demo.py": "demo accounts for `make run`; refuses production",
    "site/kernel/audit.py": "the audit log helper: appends one audit row",
    "site/kernel/roles.py": "ensures the redactie group exists",
    "site/kernel/transitions.py": "the transition skeleton: saves the row its service changed",
    "site/offices/reference_data.py": "loads the reference list of authorities",
    "site/offices/demo.py": "demo content for `make run`",
    "courses/importer.py": "the course importer service (pages through Wagtail's tree API)",
    "courses/demo.py": "demo content for `make run`",
    "enrolment/reactions.py": "the reaction outbox service: writes events and deliveries",
    "enrolment/demo.py": "demo content for `make run`",
    "reimbursement/models.py": "model methods (the immutable export line refuses updates)",
    "reimbursement/legal_bases.py": "seeds the legal bases after migrate",
    "reimbursement/demo.py": "demo content for `make run`",
}
# Calls that look like writes but write nothing of ours.
NOT_WRITES = {"context.update", "data.update", "ctx.update", "params.update", "workbook.save", "defaults.update"}


def _writes(path):
    source = path.read_text()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRITES:
            target = ast.get_source_segment(source, node.func) or ""
            if target in NOT_WRITES or target.endswith(("sessions.create", "refunds.create")):  # Stripe API calls
                continue
            if target.startswith("super()."):  # a model's own save/delete override calling its parent
                continue
            yield node.lineno, target


def test_only_services_write():
    offenders = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            if "/migrations/" in rel or rel.endswith("/services.py") or "/services/" in rel or rel in WRITERS:
                continue
            offenders += [f"{rel}:{line}: {call}(" for line, call in _writes(path)]
    assert offenders == [], "Writes outside the services:\n" + "\n".join(offenders)


def test_the_check_sees_a_write(tmp_path):
    """The scanner itself: a view that saves a row, or updates a queryset, would be caught."""
    sample = tmp_path / "views.py"
    sample.write_text("def view(request, claim):\n    claim.status = 'x'\n    claim.save()\n    Claim.objects.filter(pk=1).update(status='y')\n")
    assert [call for _line, call in _writes(sample)] == ["claim.save", "Claim.objects.filter(pk=1).update"]
