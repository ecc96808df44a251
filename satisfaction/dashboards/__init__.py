"""The dashboards: the town's overview (managers), a service's (supervisors), an agent's own.

Each page reads `stats` (daily facts, so its cost grows with the days shown, not with the
requests), turns every figure into a `Table` shown beside its chart, and links every number to
the workbench filtered on the requests behind it. The same URL with `?format=csv|xlsx&table=…`
downloads one table with the same period and filters.

One module per page (`overview`, `service`, `mine`), with what they share: `access` (who sees
which page), `builders` (the period and filters read, the facts loaded once, the page of
figures), `figures` (each table and its chart), `drill` (links to the requests behind a
number), `downloads` (a table as CSV or XLSX), `formatting` (numbers, scores, delays, tiles).
"""
