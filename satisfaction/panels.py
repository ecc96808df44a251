"""What satisfaction shows on the ticket core's pages (registered in `SatisfactionConfig.ready`)."""

from requests_app.hooks import Panel

from . import surveys
from .models import Survey


def agent_ticket_panel(ticket, *, user) -> Panel:
    """The survey's answer on the agents' page of a request: one query, with its follow-up."""
    survey = Survey.objects.filter(ticket=ticket).select_related("follow_up__done_by").first()
    return Panel(
        "survey/_agent_block.html",
        {
            "survey": survey,
            "survey_criteria": surveys.criteria_answers(survey) if survey else [],
            "survey_follow_up": getattr(survey, "follow_up", None),
        },
    )
