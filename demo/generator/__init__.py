"""A large, realistic data set for load tests: citizens, years of requests, their timelines and surveys.

Unlike `seed_demo`, which replays every step through `intake` and `workflow` (a few hundred
requests a minute), this writes rows directly, in batches: at a million requests the workflow
path would take days. Each request's story is decided in Python, in the order the workflow
would play it, so the rows obey the same rules the workflow and the check constraints keep:
the status is the `to_status` of the last event, timestamps follow the status, references are
sequential per year in creation order, and the reference counters end at the last number used.

Memory stays bounded: requests are generated day by day and written every `batch` requests;
only the directory (services, categories, agents) and the citizens' ids and contacts stay in
memory. On PostgreSQL rows go in with COPY and ids come from the tables' own sequences (so a
concurrent insert never collides); on SQLite they go in with `executemany`.

Times are worked out in naive local time (Europe/Paris): every generated moment falls between
7:00 and 23:00, away from daylight-saving changes, so each day's UTC offset converts it exactly.

Its parts: `run` (the whole run, day by day), `story` (one request's story and rows), `steps`
(the moves it plays, checked against the workflow's transition table by a test), `directory`
(services, agents, citizens), `timing` (arrivals, working hours, local time) and `writers`
(ids, COPY or `executemany`, batches).
"""

from .run import Progress, format_seconds, generate
from .writers import Result, analyze

__all__ = ["Progress", "Result", "analyze", "format_seconds", "generate"]
