"""One dispatcher from an action's name to the workflow function behind it.

The agents' pages and the REST API parse their input each in their own way (a form, a
serializer), then both call `perform`: the same action runs the same function with the same
arguments, whichever door it came through.
"""

from collections.abc import Callable

from . import workflow
from .models import Message, Ticket
from .workflow import Action

# Each entry takes the ticket's id, the person acting and the parsed input.
_DISPATCH: dict[Action, Callable[..., Ticket | Message]] = {
    Action.TAKE: lambda pk, by, data: workflow.take_ticket(pk, by=by),
    Action.ASSIGN: lambda pk, by, data: workflow.assign_ticket(pk, by=by, assignee=data["assignee"]),
    Action.REROUTE: lambda pk, by, data: workflow.reroute_ticket(
        pk, by=by, category=data.get("category"), service=data.get("service"), note=data.get("note", "")
    ),
    Action.REPLY: lambda pk, by, data: workflow.reply_to_ticket(
        pk, by=by, body=data["body"], attachments=data.get("attachments", ())
    ),
    Action.NOTE: lambda pk, by, data: workflow.add_internal_note(
        pk, by=by, body=data["body"], attachments=data.get("attachments", ())
    ),
    Action.REQUEST_INFO: lambda pk, by, data: workflow.request_information(pk, by=by, body=data["body"]),
    Action.RESOLVE: lambda pk, by, data: workflow.resolve_ticket(
        pk, by=by, body=data["body"], attachments=data.get("attachments", ())
    ),
    Action.REJECT: lambda pk, by, data: workflow.reject_ticket(pk, by=by, reason=data["reason"]),
    # `into` is the ticket to keep, already found among those the person may see.
    Action.MERGE: lambda pk, by, data: workflow.merge_tickets(pk, into_id=data["into"].pk, by=by),
    Action.REOPEN: lambda pk, by, data: workflow.reopen_ticket(pk, by=by, reason=data["reason"]),
    Action.CLOSE: lambda pk, by, data: workflow.close_ticket(pk, by=by),
}

# The actions an agent takes on a request's page or through the API (the citizen's own go
# through the tracking link and their space).
AGENT_ACTIONS = tuple(_DISPATCH)


def perform(action: Action, ticket_id: int, *, by, **data) -> Ticket | Message:
    """Run `action` on the ticket as `by`; returns what the workflow function returns.

    Raises `workflow.InvalidTransition` when the move is not possible now, as the function does.
    """
    return _DISPATCH[Action(action)](ticket_id, by, data)
