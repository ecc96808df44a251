"""Dashboard figures, read from the daily facts: a period and filters in, plain rows out.

The period's facts are added up by the database in one query (`PeriodFacts`), per granularity
bucket and channel, histograms included, so the cost grows with the number of days shown, never
with the number of tickets; the result is cached until the rollups rewrite facts. The only
other reads are bounded: the top categories (one GROUP BY, cached too), the latest survey
comments (a LIMIT), and the live workload of agents (one GROUP BY over the open tickets).

Definitions (the rollups in `rollups.py` follow them):
- a ticket counts under its current service, category, channel and kind;
- the backlog is the one at the end of the period's last day;
- medians and the 90th percentile are the upper bound, in hours, of the histogram bucket that
  holds them (nearest rank). When a quantile falls in the open-ended last bucket, the figure is
  the last bound (2160 h, 90 days) and `beyond_last_bucket` is set: read it as "more than".

The package, by behaviour: `period` (what is asked), `facts` (the period's sums), `cache` (kept
until the facts change), `kpis`, `charts`, `workload` (the figures), `measures` (units and
labels), `warming`. Its public names are all importable from `satisfaction.stats`.
"""

from .cache import cached, facts_changed, facts_version
from .charts import (
    backlog_ageing,
    delays,
    latest_comments,
    pillars,
    satisfaction_trend,
    sla_trend,
    top_categories,
    volume_by_channel,
)
from .facts import PeriodFacts
from .kpis import Kpis, kpis
from .measures import age_bucket_labels, channel_label, duration_bucket_labels, kind_label
from .period import Filters, Period, local_bounds
from .warming import warm
from .workload import agent_figures, workload_by_agent

__all__ = [
    "Filters",
    "Kpis",
    "Period",
    "PeriodFacts",
    "age_bucket_labels",
    "agent_figures",
    "backlog_ageing",
    "cached",
    "channel_label",
    "delays",
    "duration_bucket_labels",
    "facts_changed",
    "facts_version",
    "kind_label",
    "kpis",
    "latest_comments",
    "local_bounds",
    "pillars",
    "satisfaction_trend",
    "sla_trend",
    "top_categories",
    "volume_by_channel",
    "warm",
    "workload_by_agent",
]
