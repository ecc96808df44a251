"""A real HTTP server on the loopback that records webhook POSTs and answers as told."""

import contextlib
import hashlib
import hmac
import json
import threading
from dataclasses import dataclass
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from interop.models import WebhookEndpoint


@dataclass
class Received:
    path: str
    headers: Message  # case-insensitive, as HTTP header names are
    body: bytes

    @property
    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class Reply:
    status: int = 200
    body: bytes = b'{"ok": true}'
    headers: tuple = ()
    hang: bool = False  # wait (up to the server's patience) before answering, as a stuck receiver would


class Receiver:
    """Answers the queued replies in order, then `default`; keeps every request it got."""

    def __init__(self):
        self.received: list[Received] = []
        self.replies: list[Reply] = []
        self.default = Reply()
        self.release = threading.Event()
        self.url = ""

    def answer(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def next_reply(self) -> Reply:
        return self.replies.pop(0) if self.replies else self.default


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        receiver = self.server.receiver
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        receiver.received.append(Received(self.path, self.headers, body))
        reply = receiver.next_reply()
        if reply.hang:
            receiver.release.wait(10)
        try:
            self.send_response(reply.status)
            for name, value in reply.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
        except OSError:
            pass  # the client gave up waiting: nobody is left to answer

    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def running_receiver():
    receiver = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.receiver = receiver
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/relation-citoyen"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        receiver.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def endpoint_for(receiver: Receiver, **fields) -> WebhookEndpoint:
    services = fields.pop("services", [])
    fields.setdefault("name", "Logiciel des services techniques")
    endpoint = WebhookEndpoint.objects.create(url=receiver.url, **fields)
    endpoint.services.set(services)
    return endpoint


def signature_is_valid(secret: str, received: Received) -> bool:
    """What a receiver does: HMAC-SHA256 of "{timestamp}.{body}" with the secret, compared in constant time."""
    timestamp = received.headers["X-RC-Timestamp"]
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + received.body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(f"sha256={expected}", received.headers["X-RC-Signature"])
