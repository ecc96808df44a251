"""Text search over tickets for the workbench.

On PostgreSQL the subject and description are matched with French full-text search
(stemming: "lampadaires" finds "lampadaire en panne"), on SQLite by substring; on both,
a reference matches exactly and the citizen's contact details by substring.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

REFERENCE = re.compile(r"\d{4}-\d{6}")


def search_tickets(tickets: QuerySet, query: str) -> QuerySet:
    query = " ".join(query.split())
    if not query:
        return tickets
    if REFERENCE.fullmatch(query):
        return tickets.filter(reference=query)
    people = (
        Q(contact_name__icontains=query)
        | Q(contact_email__icontains=query)
        | Q(contact_phone__icontains=query)
        | Q(citizen__email__icontains=query)
        | Q(citizen__last_name__icontains=query)
    )
    # Substrings still match (a street name typed in part, a word cut short).
    text = Q(subject__icontains=query) | Q(description__icontains=query)
    if connection.vendor == "postgresql":
        tickets = tickets.annotate(document=SearchVector("subject", "description", config="french"))
        text |= Q(document=SearchQuery(query, config="french", search_type="websearch"))
    return tickets.filter(text | people)
