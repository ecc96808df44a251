"""Helpers of the reliability tests: a private Redis, an SMTP sink that can misbehave, workers.

Nothing here touches the machine's shared Redis: each test starts its own `redis-server` on a
free loopback port and points the Celery app at it for its duration only.
"""

import asyncio
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from urllib.parse import urlsplit

import kombu.pools
import redis
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

from citizen_crm.celery import app as celery_app
from notifications.models import Notification
from tests.conftest import skip_or_fail

WAIT_SECONDS = 20


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(predicate, *, seconds: float = WAIT_SECONDS, message: str = "condition"):
    """Poll until `predicate()` is true; fail the test after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {seconds} s waiting for {message}")


def status_of(notification: Notification) -> str:
    return Notification.objects.values_list("status", flat=True).get(pk=notification.pk)


# --- a private Redis -----------------------------------------------------------------------


class RedisServer:
    """A throw-away `redis-server` without persistence, restartable on the same port."""

    def __init__(self, port: int):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process = None

    def start(self):
        binary = shutil.which("redis-server")
        if binary is None:
            skip_or_fail("redis-server is not installed")
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self._answers, seconds=10, message=f"redis-server on port {self.port}")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None

    def client(self) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=2)

    def _answers(self) -> bool:
        try:
            with self.client() as client:
                return bool(client.ping())
        except redis.ConnectionError:
            return False


def _drop_broker_connections():
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    # kombu keeps producer pools in a process-wide registry keyed by connection: without a
    # reset, later publishes (eager ones too: Celery acquires a producer either way) would
    # draw from the pool closed above.
    kombu.pools.reset()


@contextlib.contextmanager
def celery_broker(url: str):
    """Point the Celery app at `url` with fresh connection pools; put everything back after."""
    saved = celery_app.conf.broker_url
    _drop_broker_connections()
    celery_app.conf.broker_url = url
    try:
        yield
    finally:
        _drop_broker_connections()
        celery_app.conf.broker_url = saved


# --- an SMTP sink --------------------------------------------------------------------------


class Sink:
    """An SMTP handler that keeps what it accepts and answers what the test tells it to.

    `rcpt_reply` / `data_replies`: replies to give instead of accepting (a list is consumed one
    reply per message, then the sink accepts). `hold_data`: the next DATA phase blocks until
    `release` is set, as a slow relay would, so that a test can kill the client meanwhile.
    """

    def __init__(self):
        self.accepted = []
        self.rcpt_reply = None
        self.data_replies = []
        self.hold_data = False
        self.in_data = threading.Event()
        self.release = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_reply:
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.hold_data:
            self.hold_data = False
            self.in_data.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            # The client never heard back: the message was not accepted.
            return "451 4.4.2 Timeout while the client was away"
        if self.data_replies:
            return self.data_replies.pop(0)
        self.accepted.append(envelope)
        return "250 Message accepted for delivery"


@contextlib.contextmanager
def smtp_sink():
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield sink, controller.port
    finally:
        sink.release.set()
        controller.stop()


def smtp_mailers(port: int) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }


# --- a worker in its own process ----------------------------------------------------------


class WorkerProcess:
    """`celery worker` in a subprocess, on the test database, a private broker and an SMTP port.

    A process of its own is what lets a test kill a worker with SIGKILL, as the OOM killer or a
    lost machine would, in the middle of a delivery.
    """

    def __init__(self, *, broker_url: str, smtp_port: int, name: str):
        database = urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{connection.settings_dict['NAME']}")
        inherited = {key: value for key, value in os.environ.items() if not key.startswith("CELERY_LOG")}
        self.env = {
            **inherited,
            "DATABASE_URL": database.geturl(),
            "REDIS_URL": broker_url,
            "EMAIL_BACKEND": "smtp",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_TIMEOUT": "5",
        }
        self.name = name
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "citizen_crm",
                "worker",
                "--pool=solo",
                "--loglevel=WARNING",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                f"--hostname={self.name}@%h",
            ],
            cwd=settings.BASE_DIR,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def kill(self):
        """SIGKILL: no shutdown handler runs, no message is acknowledged or requeued."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=5)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
