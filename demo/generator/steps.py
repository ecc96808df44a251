"""The moves the generator plays, declared once.

The generator writes its rows straight into the tables, without the workflow, so nothing at run
time stops it from drifting away from the workflow's rules. Its stories take their status
changes from this table only (`Story.step` refuses a move it does not declare), and a test holds
every move here to the workflow's transition table (`requests_app.workflow.TRANSITIONS`).
"""

from dataclasses import dataclass

from requests_app.models import Ticket, TicketEvent
from requests_app.workflow import Action, Actor

S, E = Ticket.Status, TicketEvent.Kind


@dataclass(frozen=True)
class Step:
    action: Action
    actor: Actor  # who plays it in the generated stories
    event: str  # the TicketEvent kind it leaves
    moves: dict  # status before → status after, for every status the generator plays it from


def _to(status, *froms) -> dict:
    return dict.fromkeys(froms, status)


WORKED_ON = (S.QUALIFIED, S.IN_PROGRESS)  # taken or assigned, and not waiting for the citizen

STEPS = {
    "take": Step(Action.TAKE, Actor.AGENT, E.ASSIGNED, {S.RECEIVED: S.IN_PROGRESS}),
    "assign": Step(Action.ASSIGN, Actor.AGENT, E.ASSIGNED, {S.RECEIVED: S.QUALIFIED}),
    "note": Step(Action.NOTE, Actor.AGENT, E.INTERNAL_NOTE, {status: status for status in WORKED_ON}),
    "reply": Step(Action.REPLY, Actor.AGENT, E.PUBLIC_REPLY, _to(S.IN_PROGRESS, *WORKED_ON)),
    "ask": Step(Action.REQUEST_INFO, Actor.AGENT, E.INFO_REQUESTED, _to(S.AWAITING_CITIZEN, *WORKED_ON)),
    "answer": Step(Action.CITIZEN_REPLY, Actor.CITIZEN, E.CITIZEN_MESSAGE, {S.AWAITING_CITIZEN: S.IN_PROGRESS}),
    "resolve": Step(Action.RESOLVE, Actor.AGENT, E.RESOLVED, _to(S.RESOLVED, *WORKED_ON, S.AWAITING_CITIZEN)),
    "reject": Step(Action.REJECT, Actor.AGENT, E.REJECTED, _to(S.REJECTED, *WORKED_ON, S.AWAITING_CITIZEN)),
    "reopen": Step(Action.REOPEN, Actor.CITIZEN, E.REOPENED, {S.RESOLVED: S.IN_PROGRESS}),
    "confirm": Step(Action.CONFIRM, Actor.CITIZEN, E.CONFIRMED, {S.RESOLVED: S.CLOSED}),
    "close": Step(Action.CLOSE, Actor.SYSTEM, E.CLOSED, {S.RESOLVED: S.CLOSED}),
}


class UndeclaredStep(Exception):
    """The generator tried a move its `STEPS` do not declare."""
