"""`requests_app/workflow.py` is the only code that assigns a ticket's status."""

import ast
from pathlib import Path

from django.conf import settings

PRODUCT_PACKAGES = ["accounts", "citizen_crm", "notifications", "requests_app", "satisfaction"]


def _status_assignments(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(), filename=str(path))
    lines = []
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        lines += [t.lineno for t in targets if isinstance(t, ast.Attribute) and t.attr == "status"]
        # QuerySet.update(status=...) on tickets is the other way to write it.
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "update"
            and any(k.arg == "status" for k in node.keywords)
            and "Ticket" in ast.unparse(node.func.value)
        ):
            lines.append(node.lineno)
    return lines


def test_it_finds_status_writes_only_in_the_workflow_module():
    base = Path(settings.BASE_DIR)
    offenders = {}
    for package in PRODUCT_PACKAGES:
        for path in (base / package).rglob("*.py"):
            if "migrations" in path.parts or path == base / "requests_app" / "workflow.py":
                continue
            if lines := _status_assignments(path):
                offenders[str(path.relative_to(base))] = lines
    assert offenders == {}


def test_it_would_see_a_status_written_elsewhere(tmp_path):
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("ticket.status = 'closed'\nTicket.objects.filter(pk=1).update(status='closed')\n")
    assert _status_assignments(sneaky) == [1, 2]
