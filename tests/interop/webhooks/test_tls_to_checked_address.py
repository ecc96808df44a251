"""HTTPS to the checked address still verifies the receiver's certificate against the host name."""

import datetime
import ipaddress
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from interop import network, webhooks
from interop.models import WebhookDelivery, WebhookEndpoint
from tests.factories import TicketFactory

HOST = "hooks.bourg-sur-loire.example"


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        self.server.hits += 1
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):
        pass


def _self_signed(tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(HOST)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_file, key_file


@pytest.fixture
def tls_receiver(tmp_path):
    cert_file, key_file = _self_signed(tmp_path)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.hits = 0
    server.cert_file = cert_file
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_it_refuses_a_certificate_no_authority_vouches_for(tls_receiver, category, monkeypatch):
    monkeypatch.setattr(network, "resolve", lambda host, port: [ipaddress.ip_address("127.0.0.1")])
    port = tls_receiver.server_address[1]
    endpoint = WebhookEndpoint.objects.create(name="TLS", url=f"https://{HOST}:{port}/hook")
    TicketFactory(category=category)
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)

    assert webhooks.deliver(delivery.pk) is False

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.PENDING  # retried: the certificate may be fixed
    assert "CERTIFICATE_VERIFY_FAILED" in delivery.last_error
    assert tls_receiver.hits == 0


def test_it_delivers_over_tls_to_the_checked_address_under_the_host_name(tls_receiver, category, monkeypatch):
    # The town's authority is trusted here as a public one would be: the name is what is verified.
    trusted = ssl.create_default_context(cafile=str(tls_receiver.cert_file))
    monkeypatch.setattr(ssl, "create_default_context", lambda: trusted)
    monkeypatch.setattr(network, "resolve", lambda host, port: [ipaddress.ip_address("127.0.0.1")])
    port = tls_receiver.server_address[1]
    endpoint = WebhookEndpoint.objects.create(name="TLS", url=f"https://{HOST}:{port}/hook")
    TicketFactory(category=category)
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)

    assert webhooks.deliver(delivery.pk) is True

    assert tls_receiver.hits == 1
