"""A loopback SMTP server for tests that count connections, QUITs and what was accepted."""

import email
import email.policy
import socket
import time

from aiosmtpd.controller import Controller


class Sink:
    """An SMTP handler that keeps what it accepts and counts the QUITs it hears."""

    def __init__(self):
        self.accepted = []
        self.quits = 0
        self.data_replies = []

    async def handle_DATA(self, server, session, envelope):
        if self.data_replies:
            return self.data_replies.pop(0)
        self.accepted.append(envelope)
        return "250 Message accepted for delivery"

    async def handle_QUIT(self, server, session, envelope):
        self.quits += 1
        return "221 Bye"

    def message_ids(self) -> list[str]:
        return [
            email.message_from_bytes(envelope.content, policy=email.policy.default)["Message-ID"]
            for envelope in self.accepted
        ]


class CountingController(Controller):
    """One SMTP server object per client connection: keep them, to count and to hang up on them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.servers = []

    def factory(self):
        server = super().factory()
        self.servers.append(server)
        return server

    def hang_up(self):
        """Close every open connection from the server side, without a word (a restarted relay)."""
        for server in self.servers:
            if server.transport is not None:
                self.loop.call_soon_threadsafe(server.transport.close)
        time.sleep(0.2)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_smtp_server(settings, **smtp_options):
    sink = Sink()
    controller = CountingController(sink, hostname="127.0.0.1", port=free_port(), **smtp_options)
    controller.start()
    # Starting makes one connection of its own, to check that the server answers.
    controller.servers.clear()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": controller.hostname, "port": controller.port, "timeout": 5},
        }
    }
    return sink, controller
