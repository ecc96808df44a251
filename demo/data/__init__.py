"""The fictional commune of the demo: its services, categories, people and the words they write.

Everything here is invented: Bourg-sur-Loire, its streets, its staff and its residents. E-mail
addresses use the reserved `.example` domain or `example.fr`, phone numbers come from the ranges
the ARCEP keeps for fiction (02 61 91 xx xx, 06 39 98 xx xx). `seed_demo` and `generate_data`
read this package; the README and the browser tests read `DEMO_LOGINS` and `DEMO_PASSWORD`.

One module per theme: `commune` (services, categories, staff, counters, the Open311 key),
`people` (names, streets, places), `texts` (what requests say and hear, one module per service,
`texts.generic` by kind), `surveys` (how citizens answer). Everything is re-exported here.

Texts may use these placeholders, filled per ticket: {street}, {num}, {place}, {of_place} (the
same place after "de": "du square…", "de la médiathèque"), {school}, {child}, and in answers
{where}: "devant le 12 rue…" when the request named a street, else "près du square…".
Public replies are written without greeting or signature: the demo adds both.
"""

from .commune import (
    CATEGORIES,
    CATEGORY_QUESTIONS,
    CITIZEN_DOMAIN,
    COUNTER_DAYS_AHEAD,
    COUNTER_SLOT_STARTS,
    COUNTERS,
    DEMO_CITIZEN,
    DEMO_LOGINS,
    DEMO_OPEN311_KEY,
    DEMO_OPEN311_KEY_NAME,
    DEMO_OPEN311_SERVICES,
    DEMO_PASSWORD,
    DEMO_STAFF,
    PUBLIC_CATEGORIES,
    SERVICES,
    STAFF,
    STAFF_DOMAIN,
    TOWN_CENTRE,
)
from .people import (
    CHILDREN,
    FIRST_NAMES,
    LAST_NAMES,
    PLACES,
    SCHOOLS,
    STREETS,
    after_de,
)
from .surveys import (
    DEMO_BAROMETER,
    FOLLOW_UP_NOTES,
    SURVEY_COMMENT_SHARE,
    SURVEY_COMMENTS,
    SURVEY_ONE_CLICK_ONLY,
    SURVEY_RESPONSE_RATE,
    SURVEY_SCORE_WEIGHTS,
)
from .texts import TEXTS
from .texts.generic import (
    CALLBACK_REOPEN_NOTES,
    COMPLAINT_FOLLOWUPS,
    GENERIC,
    SECOND_REPLIES,
    SECOND_RESOLUTIONS,
    SILENT_RESOLUTIONS,
    TRIAGE_NOTES,
)

__all__ = [
    "CALLBACK_REOPEN_NOTES",
    "CATEGORIES",
    "CATEGORY_QUESTIONS",
    "CHILDREN",
    "CITIZEN_DOMAIN",
    "COMPLAINT_FOLLOWUPS",
    "COUNTERS",
    "COUNTER_DAYS_AHEAD",
    "COUNTER_SLOT_STARTS",
    "DEMO_BAROMETER",
    "DEMO_CITIZEN",
    "DEMO_LOGINS",
    "DEMO_OPEN311_KEY",
    "DEMO_OPEN311_KEY_NAME",
    "DEMO_OPEN311_SERVICES",
    "DEMO_PASSWORD",
    "DEMO_STAFF",
    "FIRST_NAMES",
    "FOLLOW_UP_NOTES",
    "GENERIC",
    "LAST_NAMES",
    "PLACES",
    "PUBLIC_CATEGORIES",
    "SCHOOLS",
    "SECOND_REPLIES",
    "SECOND_RESOLUTIONS",
    "SERVICES",
    "SILENT_RESOLUTIONS",
    "STAFF",
    "STAFF_DOMAIN",
    "STREETS",
    "SURVEY_COMMENTS",
    "SURVEY_COMMENT_SHARE",
    "SURVEY_ONE_CLICK_ONLY",
    "SURVEY_RESPONSE_RATE",
    "SURVEY_SCORE_WEIGHTS",
    "TEXTS",
    "TOWN_CENTRE",
    "TRIAGE_NOTES",
    "after_de",
]
