import os

from celery import Celery, bootsteps, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citizen_crm.settings")

app = Celery("citizen_crm")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.task_prerun.connect
@signals.task_postrun.connect
def close_old_database_connections(task=None, **kwargs) -> None:
    """Around each task, what Django does around each request: keep the connection to the
    database unless it broke or outlived CONN_MAX_AGE.

    Celery's own Django support would otherwise reconnect for every task (see
    CELERY_DB_REUSE_MAX), which costs more than most tasks do.
    """
    if task is not None and not task.request.is_eager:
        from django.db import close_old_connections

        close_old_connections()


def close_connections(**kwargs) -> None:
    """A worker that stops hangs up on the database and on the mail server (QUIT) rather than
    leave them to notice."""
    from django.db import connections

    from notifications.emails import close_held_mailer

    connections.close_all()
    close_held_mailer()


# Prefork children run the tasks, so they hold the connections; a solo worker holds them in the
# thread that runs it, where its bootsteps stop (a signal would not always reach it there).
signals.worker_process_shutdown.connect(close_connections, weak=False)


class CloseConnections(bootsteps.StartStopStep):
    def stop(self, worker):
        close_connections()

    terminate = stop


app.steps["worker"].add(CloseConnections)
