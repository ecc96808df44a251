"""Text search over tickets for the workbench.

On PostgreSQL the subject and description are matched with French full-text search
(stemming: "lampadaires" finds "lampadaire en panne"), on SQLite by substring; on both,
a reference matches exactly and the citizen's contact details by substring.

On PostgreSQL every branch of the search is answered by an index (migration
0005_search_indexes): trigram indexes on the `UPPER(column::text)` expressions that
`icontains` compares, a full-text index on `DOCUMENT`, the very expression the query
filters on, and a smaller index holding all of them for open requests, the workbench's
default. The planner combines them only when each branch of the OR can use an index, so
the citizen's e-mail and last name are matched in the users' table first and the ticket
kept when its citizen is one of them (`citizen_id = ANY(ARRAY(...))`, which the index on
`citizen_id` answers), rather than through a join the OR would have to filter row by row.
A change of these expressions must go with a migration changing the indexes
(tests/requests_app/test_search_indexes.py checks that the planner uses them).
"""

import re

from django.contrib.auth import get_user_model
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import F, Lookup, Q, QuerySet

REFERENCE = re.compile(r"\d{4}-\d{6}")
SEARCH_CONFIG = "french"
# The full-text document; migration 0005_search_indexes indexes this exact expression.
DOCUMENT = SearchVector("subject", "description", config=SEARCH_CONFIG)


class _IsAnyOf(Lookup):
    """`lhs = ANY(array)`: with an array subquery, an index on the left-hand side answers it."""

    lookup_name = "is_any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


def search_tickets(tickets: QuerySet, query: str) -> QuerySet:
    query = " ".join(query.split())
    if not query:
        return tickets
    if REFERENCE.fullmatch(query):
        return tickets.filter(reference=query)
    contact = Q(contact_name__icontains=query) | Q(contact_email__icontains=query) | Q(contact_phone__icontains=query)
    citizens = (
        get_user_model()
        .objects.filter(Q(email__icontains=query) | Q(last_name__icontains=query))
        .order_by()
        .values("pk")
    )
    # Substrings still match (a street name typed in part, a word cut short).
    text = Q(subject__icontains=query) | Q(description__icontains=query)
    if connection.vendor == "postgresql":
        # An alias, not an annotation: the document is filtered on, never selected.
        tickets = tickets.alias(document=DOCUMENT)
        text |= Q(document=SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch"))
        people = Q(_IsAnyOf(F("citizen_id"), ArraySubquery(citizens)))
    else:
        people = Q(citizen__in=citizens)
    return tickets.filter(text | contact | people)
