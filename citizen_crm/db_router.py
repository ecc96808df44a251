"""Send the dashboards' reads of pre-aggregated facts to a read replica, when there is one.

What may read from the replica: the daily rollups (`DailyFact`, `AgentDailyFact`), which the
manager dashboards, the agents' own figures and the public indicators read. They are rebuilt
every quarter of an hour, so the seconds of lag of a replica change nothing a reader can see.

What stays on the primary: everything else, and all writes. Live ticket queries (the agent
queue, the workload counts of open requests, a ticket page) must show what was just done,
and a model-level router cannot tell a dashboard's count of open tickets from the queue's,
so tickets are never read from the replica. Inside a transaction on the primary the facts are
read there too, so a rebuild reads what it has just written.
"""

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA_DB_ALIAS = "replica"
REPLICA_MODELS = frozenset({("satisfaction", "dailyfact"), ("satisfaction", "agentdailyfact")})


def replica_configured() -> bool:
    return REPLICA_DB_ALIAS in connections.settings


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not replica_configured():
            return None
        if (model._meta.app_label, model._meta.model_name) not in REPLICA_MODELS:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS if replica_configured() else None

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data: objects read from one may point at objects of the other.
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA_DB_ALIAS}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica follows the primary by replication; migrations run on the primary only.
        return db == DEFAULT_DB_ALIAS
