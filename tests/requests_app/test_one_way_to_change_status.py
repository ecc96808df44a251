"""`requests_app/workflow.py` is the only code that assigns a ticket's status, in every app."""

import ast
from pathlib import Path

from tests.source_scan import BASE, product_modules, relative

WORKFLOW = "requests_app/workflow.py"


def _own_attributes_at_construction(tree: ast.AST) -> set[int]:
    """`self.status = ...` in an `__init__`: an object (an HTTP error...) naming its own status, not a ticket's."""
    nodes = set()
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef) and function.name == "__init__":
            for node in ast.walk(function):
                if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
                    nodes.add(id(node))
    return nodes


def _status_assignments(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(), filename=str(path))
    own = _own_attributes_at_construction(tree)
    lines = []
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        lines += [t.lineno for t in targets if isinstance(t, ast.Attribute) and t.attr == "status" and id(t) not in own]
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
    offenders = {}
    for path in product_modules():
        if relative(path) != WORKFLOW and (lines := _status_assignments(path)):
            offenders[relative(path)] = lines
    assert offenders == {}


def test_it_scans_every_app_of_the_project():
    scanned = {relative(path).split("/")[0] for path in product_modules()}
    apps = {"accounts", "bench", "citizen_crm", "email_intake", "interop", "notifications", "requests_app"}
    assert scanned >= apps | {"satisfaction"}
    assert (BASE / WORKFLOW).exists()


def test_it_would_see_a_status_written_elsewhere(tmp_path):
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("ticket.status = 'closed'\nTicket.objects.filter(pk=1).update(status='closed')\n")
    assert _status_assignments(sneaky) == [1, 2]


def test_it_lets_an_object_name_its_own_status_when_built(tmp_path):
    error = tmp_path / "error.py"
    error.write_text(
        "class Refused(Exception):\n"
        "    def __init__(self, status):\n"
        "        self.status = status\n"
        "    def close(self, ticket):\n"
        "        ticket.status = 'closed'\n"
        "        self.status = 'closed'\n"
    )
    assert _status_assignments(error) == [5, 6]
