"""Several web nodes and two Celery workers on one database and one broker, under load, lose nothing.

Fifty citizens file requests for SCALE_OUT_SECONDS (two minutes by default) through the web form
and Open311, spread over two gunicorn masters of several workers and threads each; two Celery
workers deliver the acknowledgements to a real SMTP server on loopback. Afterwards:

- no lost ticket: every accepted response matches exactly one row, with the reference it showed,
  and no row exists that no response accepted;
- no duplicate reference, and no gap in each year's sequence (the counter is incremented inside
  the ticket's transaction, so a gap can only come from a rolled-back filing: it may not exceed
  the refused ones);
- no notification sent twice: every outbox row is `sent`, and the SMTP server received each
  Message-ID exactly once, none that the outbox does not know.
"""

import collections
import email
import email.policy
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from interop.models import ApiKey, Scope, sync_key_user
from notifications.models import Notification
from requests_app.models import ReferenceCounter, Ticket
from tests.factories import CategoryFactory, ServiceFactory
from tests.notifications.reliability import RedisServer, WorkerProcess, free_port, smtp_sink, wait_for

from .nodes import WebNode

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.scaleout,
    pytest.mark.django_db(transaction=True),
]

USERS = 50
SECONDS = int(os.environ.get("SCALE_OUT_SECONDS", "120"))
NODES = 2
WORKERS = 2


@pytest.fixture
def open311_key():
    service = ServiceFactory(name="Voirie", slug="voirie")
    category = CategoryFactory(service=service, name="Nid-de-poule", service_code="nid-de-poule", sla_days=5)
    key = ApiKey(name="Application de signalement", scopes=[Scope.OPEN311_FILE])
    secret = key.set_key()
    key.save()
    key.services.set([service])
    sync_key_user(key)
    return secret, category.service_code


@pytest.fixture
def broker():
    server = RedisServer(free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def sink():
    with smtp_sink() as (server, port):
        yield server, port


@pytest.fixture
def cluster(broker, sink, tmp_path):
    """Two Celery workers and NODES gunicorn masters, all on the test database and the private broker."""
    _server, smtp_port = sink
    workers = [
        WorkerProcess(broker_url=broker.url, smtp_port=smtp_port, name=f"scale-{number}")
        for number in range(1, WORKERS + 1)
    ]
    nodes = [WebNode(port=free_port(), env=workers[0].env, log_path=tmp_path / f"node-{n}.log") for n in range(NODES)]
    try:
        for process in [*workers, *nodes]:
            process.start()
        for node in nodes:
            node.wait_until_ready()
        yield nodes
    finally:
        for node in nodes:
            node.begin_stop()
        for process in [*nodes, *workers]:
            process.stop()


def drive(nodes, open311_key, output) -> dict:
    secret, service_code = open311_key
    urls = [argument for node in nodes for argument in ("--url", node.url)]
    command = [
        sys.executable,
        str(settings.BASE_DIR / "bench" / "scale_out.py"),
        *urls,
        f"--users={USERS}",
        f"--seconds={SECONDS}",
        f"--open311-key={secret}",
        f"--service-code={service_code}",
        f"--output={output}",
    ]
    subprocess.run(command, check=True, timeout=SECONDS + 120, cwd=settings.BASE_DIR)
    return json.loads(output.read_text(encoding="utf-8"))


def message_ids(envelopes) -> collections.Counter:
    parsed = (
        email.message_from_bytes(envelope.original_content, policy=email.policy.default) for envelope in envelopes
    )
    return collections.Counter(message["Message-ID"] for message in parsed)


def test_it_loses_nothing_and_duplicates_nothing_under_load(cluster, open311_key, sink, tmp_path):
    smtp, _port = sink

    result = drive(cluster, open311_key, tmp_path / "scale_out.json")

    accepted, failed = result["accepted"], result["failed"]
    logs = "\n".join(node.log() for node in cluster)
    assert not failed, f"{len(failed)} refused, e.g. {failed[:3]}\n{logs}"
    assert len(accepted) >= USERS, "the load was too light to prove anything"
    assert {row["channel"] for row in accepted} == {"web", "open311"}

    # No lost ticket, and no ticket that no response accepted.
    tickets = {ticket.reference: ticket for ticket in Ticket.objects.all()}
    assert len(tickets) == len(accepted)
    for row in accepted:
        ticket = tickets[row["reference"]]
        assert row["marker"] in ticket.description
        assert ticket.contact_email == row["email"]

    # No duplicate reference, no gap in any year's sequence.
    references = [row["reference"] for row in accepted]
    assert len(set(references)) == len(references)
    by_year = collections.defaultdict(list)
    for reference in references:
        year, number = reference.split("-")
        by_year[int(year)].append(int(number))
    for year, numbers in by_year.items():
        numbers.sort()
        gaps = numbers[-1] - numbers[0] + 1 - len(numbers)
        assert gaps <= len(failed), f"{gaps} numbers of {year} were used by no request"
        assert ReferenceCounter.objects.get(year=year).last == numbers[-1]

    # Every acknowledgement delivered, each exactly once.
    outbox = Notification.objects.filter(channel=Notification.Channel.EMAIL)
    wait_for(
        lambda: not outbox.exclude(status=Notification.Status.SENT).exists(),
        seconds=90,
        message="the workers to deliver the whole outbox",
    )
    acknowledgements = collections.Counter(outbox.filter(template="acknowledgement").values_list("ticket", flat=True))
    assert len(acknowledgements) == len(tickets)
    assert set(acknowledgements.values()) == {1}
    known = set(outbox.values_list("message_id", flat=True))
    wait_for(lambda: len(smtp.accepted) >= len(known), seconds=10, message="the SMTP server to receive every mail")
    received = message_ids(smtp.accepted)
    assert set(received) == known
    assert max(received.values()) == 1, [mid for mid, count in received.items() if count > 1][:5]
