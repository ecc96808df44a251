"""Notification throughput: queue K e-mails through the outbox, time until the worker sent them all.

`python -m bench.notify_burst K SINK_COUNT_FILE` prints one JSON object: how many were queued,
sent, failed, the seconds it took and the deliveries per second, and what the SMTP sink counted.
"""

import datetime
import json
import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citizen_crm.settings")
django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from notifications import outbox  # noqa: E402
from notifications.models import Notification  # noqa: E402
from requests_app.models import Ticket  # noqa: E402

TIMEOUT_SECONDS = 300
BACKLOG_SECONDS = 120
SINK_LAG_SECONDS = 2


def sink_count(path: str) -> int:
    try:
        with open(path) as handle:
            return int(handle.read() or 0)
    except FileNotFoundError:
        return 0


def wait_for_backlog() -> None:
    """Let the worker finish what earlier scenarios queued (acknowledgements), so it is not timed."""
    deadline = time.monotonic() + BACKLOG_SECONDS
    recent = Notification.objects.filter(
        status__in=[Notification.Status.PENDING, Notification.Status.SENDING],
        channel=Notification.Channel.EMAIL,
        created_at__gte=timezone.now() - datetime.timedelta(minutes=15),
        attempts=0,
    )
    while time.monotonic() < deadline and recent.exists():
        time.sleep(0.5)


def main(count: int, sink_file: str) -> None:
    wait_for_backlog()
    ticket = Ticket.objects.order_by("-pk").first()
    before = sink_count(sink_file)
    started = time.monotonic()
    # Committed 100 at a time so that the worker starts while the rest is still being queued; each
    # hundred is handed to the workers as the product's producers of many do (batched dispatch).
    ids = []
    for start in range(0, count, 100):
        with transaction.atomic(), outbox.batched_dispatch():
            for i in range(start, min(start + 100, count)):
                ids.append(
                    outbox.queue_email(
                        template="tracking_link", to=f"bench-{i}@bench.invalid", ticket=ticket, language="fr"
                    ).pk
                )
    queued = time.monotonic() - started
    rows = Notification.objects.filter(pk__in=ids)
    done = 0
    while time.monotonic() - started < TIMEOUT_SECONDS:
        done = rows.filter(status__in=[Notification.Status.SENT, Notification.Status.FAILED]).count()
        if done >= count:
            break
        time.sleep(0.1)
    elapsed = time.monotonic() - started
    sent = rows.filter(status=Notification.Status.SENT).count()
    # The sink rewrites its count at most ten times a second: give it time to catch up.
    deadline = time.monotonic() + SINK_LAG_SECONDS
    while sink_count(sink_file) - before < sent and time.monotonic() < deadline:
        time.sleep(0.05)
    print(
        json.dumps(
            {
                "queued": count,
                "queue_seconds": round(queued, 2),
                "sent": sent,
                "failed": rows.filter(status=Notification.Status.FAILED).count(),
                "seconds": round(elapsed, 2),
                "per_second": round(sent / elapsed, 1) if elapsed else 0,
                "sink_accepted": sink_count(sink_file) - before,
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
