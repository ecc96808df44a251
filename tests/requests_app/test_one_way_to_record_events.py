"""Timeline events are appended only by the workflow and intake (and the data generator, in bulk).

Everything else (appointments, e-mail, the API...) records its events through them, so every
event is checked, stamped and handed to the feature apps (`hooks.event_recorded`) the same way.
"""

import ast
from pathlib import Path

from tests.source_scan import product_modules, relative

ALLOWED = {
    "requests_app/workflow.py",
    "requests_app/intake.py",
    # The data generator writes months of rows in bulk, beside the ORM, for the benchmarks.
    "demo/generator/writers.py",
}
WRITING_METHODS = {"create", "bulk_create", "get_or_create", "update_or_create"}


def _names_event_model(node: ast.AST) -> bool:
    return (isinstance(node, ast.Name) and node.id == "TicketEvent") or (
        isinstance(node, ast.Attribute) and node.attr == "TicketEvent"
    )


def _event_writes(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(), filename=str(path))
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        if _names_event_model(function):
            lines.append(node.lineno)  # TicketEvent(...), saved or bulk-created later
        elif isinstance(function, ast.Attribute) and function.attr in WRITING_METHODS:
            manager = function.value
            # TicketEvent.objects.create(...), or through a ticket: ticket.events.create(...)
            if (isinstance(manager, ast.Attribute) and _names_event_model(manager.value)) or (
                isinstance(manager, ast.Attribute) and manager.attr == "events"
            ):
                lines.append(node.lineno)
        elif any(_names_event_model(argument) for argument in node.args) and "write" in ast.unparse(function):
            lines.append(node.lineno)  # a raw bulk writer handed the model
    return lines


def test_it_finds_event_writes_only_in_the_workflow_and_intake():
    offenders = {}
    for path in product_modules():
        if relative(path) not in ALLOWED and (lines := _event_writes(path)):
            offenders[relative(path)] = lines
    assert offenders == {}


def test_it_would_see_an_event_written_elsewhere(tmp_path):
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text(
        "TicketEvent.objects.create(ticket=t, kind='x')\n"
        "models.TicketEvent.objects.bulk_create([])\n"
        "event = TicketEvent(ticket=t)\n"
        "ticket.events.create(kind='x')\n"
        "write_rows(TicketEvent, columns, rows)\n"
        "TicketEvent.objects.filter(ticket=t).exists()\n"
    )
    assert _event_writes(sneaky) == [1, 2, 3, 4, 5]
