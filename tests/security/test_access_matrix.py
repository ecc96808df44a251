"""Who gets what: every URL that names a request, a file, an appointment or a signed link, asked
by every kind of caller, against the answer written down once in the table below.

Columns (callers):
- anon: a visitor who is not signed in;
- cit: the citizen whose request it is; oth: another citizen;
- link: a visitor holding the tracking link of ANOTHER request (its token replaces `{track}`);
- agt: an agent of the request's service; agto: an agent of another service;
- sup: a supervisor (of both services); mgr: a manager; adm: an administrator (2FA passed);
- o311 / read / write: API keys of the request's service with the scope `open311:file`,
  `api:read`, `api:read` + `api:write`; keyo: an `api:read` + `api:write` key of another service.

Answers: a status code, or `L` for a redirect to a sign-in page. A refused caller must not find
the request's private details (the citizen's e-mail, phone and description) in the response;
neither must the holder of another request's link, nor anyone reading Open311's public data.
Actions are sent what they need to succeed, and each caller's attempt is rolled back, so every
caller meets the same request.

Signed links (`{feed}`, `{unsub}`, `{survey}`) are credentials in themselves: whoever holds one
gets what it opens, and the rows with `{forged}` check that a made-up one opens nothing.
"""

import base64
import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from appointments import booking
from appointments.models import Counter, Slot
from email_intake.models import InboundEmail
from email_intake.processing import process_message
from interop.models import ApiKey, sync_key_user
from notifications.models import Notification
from notifications.preferences import unsubscribe_token
from requests_app import workflow
from requests_app.attachments import check_uploads
from satisfaction import surveys
from satisfaction.models import FollowUp
from tests.accounts.helpers import log_in_with_second_factor
from tests.conftest import close_download
from tests.email_intake.conftest import mail
from tests.factories import CategoryFactory, TicketFactory

PERSONAS = ["anon", "cit", "oth", "link", "agt", "agto", "sup", "mgr", "adm", "o311", "read", "write", "keyo"]

MATRIX = """
# method url                                                         anon   cit   oth  link   agt  agto   sup   mgr   adm  o311  read write  keyo
# The citizen's own pages (staff have no personal space: 403 whatever the request).
GET  /mes-demandes/{ref}/                                               L   200   404     L   403   403   403   403   403     L     L     L     L
GET  /mes-demandes/{ref}/pieces/{att}/                                  L   200   404     L   403   403   403   403   403     L     L     L     L
POST /mes-demandes/{ref}/repondre/                                      L   302   404     L   403   403   403   403   403     L     L     L     L
POST /mes-demandes/{ref}/confirmer/                                     L   409   404     L   403   403   403   403   403     L     L     L     L
POST /mes-demandes/{ref}/rouvrir/                                       L   400   404     L   403   403   403   403   403     L     L     L     L
# The tracking link: its holder sees the request; another request's link opens nothing of it.
GET  /suivi/{track}/                                                  200   200   200   200   200   200   200   200   200   200   200   200   200
GET  /suivi/{track}/pieces/{att}/                                     200   200   200   404   200   200   200   200   200   200   200   200   200
GET  /suivi/{track}/pieces/{note_att}/                                404   404   404   404   404   404   404   404   404   404   404   404   404
POST /suivi/{track}/repondre/                                         302   302   302   302   302   302   302   302   302   302   302   302   302
POST /suivi/{track}/confirmer/                                        409   409   409   409   409   409   409   409   409   409   409   409   409
POST /suivi/{track}/rouvrir/                                          400   400   400   400   400   400   400   400   400   400   400   400   400
GET  /suivi/{forged}/                                                 404   404   404   404   404   404   404   404   404   404   404   404   404
# The workbench: agents and supervisors of the service act; managers and administrators read.
GET  /agent/demandes/{ref}/                                             L   403   403     L   200   404   200   200   200     L     L     L     L
GET  /agent/demandes/{ref}/pieces/{att}/                                L   403   403     L   200   404   200   200   200     L     L     L     L
GET  /agent/demandes/{ref}/pieces/{note_att}/                           L   403   403     L   200   404   200   200   200     L     L     L     L
POST /agent/demandes/{ref}/note/                                        L   403   403     L   302   404   302   409   302     L     L     L     L
POST /agent/demandes/{ref}/take/                                        L   403   403     L   409   404   302   409   302     L     L     L     L
POST /agent/demandes/{ref}/reply/                                       L   403   403     L   302   404   302   409   302     L     L     L     L
POST /agent/demandes/{ref}/notifications/{notification}/relancer/       L   403   403     L   302   404   302   302   302     L     L     L     L
# Appointments and the calendar feed.
POST /agent/demandes/{ref}/assign/                                       L   403   403     L   400   404   400   400   400     L     L     L     L
POST /agent/demandes/{ref}/reroute/                                      L   403   403     L   400   404   400   400   400     L     L     L     L
POST /agent/demandes/{ref}/request_info/                                 L   403   403     L   400   404   400   400   400     L     L     L     L
POST /agent/demandes/{ref}/resolve/                                      L   403   403     L   400   404   400   400   400     L     L     L     L
POST /agent/demandes/{ref}/reject/                                       L   403   403     L   400   404   400   400   400     L     L     L     L
POST /agent/demandes/{ref}/merge/                                        L   403   403     L   400   404   400   400   400     L     L     L     L
POST /agent/demandes/{ref}/reopen/                                       L   403   403     L   400   404   400   400   400     L     L     L     L
POST /agent/demandes/{ref}/close/                                        L   403   403     L   409   404   409   409   409     L     L     L     L
GET  /rendez-vous/{appt}/deplacer/                                      L   200   404     L   200   404   200   404   404     L     L     L     L
POST /rendez-vous/{appt}/annuler/                                       L   302   404     L   302   404   302   404   404     L     L     L     L
POST /rendez-vous/agent/{appt}/absent/                                  L   403   403     L   302   404   302   403   403     L     L     L     L
POST /rendez-vous/agent/{appt}/venu/                                    L   403   403     L   302   404   302   403   403     L     L     L     L
GET  /rendez-vous/calendrier/{feed}/                                  200   200   200   200   200   200   200   200   200   200   200   200   200
GET  /rendez-vous/calendrier/{forged}/                                404   404   404   404   404   404   404   404   404   404   404   404   404
# Signed links of accounts, notifications and surveys.
GET  /compte/verifier/{uid}/{forged}/                                 400   302   400   400   400   400   400   400   400   400   400   400   400
GET  /compte/mot-de-passe/{uid}/{forged}/                             400   400   400   400   400   400   400   400   400   400   400   400   400
GET  /notifications/desabonnement/{unsub}/                            200   200   200   200   200   200   200   200   200   200   200   200   200
GET  /notifications/desabonnement/{forged}/                           400   400   400   400   400   400   400   400   400   400   400   400   400
GET  /enquete/{survey}/                                               200   200   200   200   200   200   200   200   200   200   200   200   200
GET  /enquete/{survey}/note/1/                                        200   200   200   200   200   200   200   200   200   200   200   200   200
GET  /enquete/{survey}/merci/                                         200   200   200   200   200   200   200   200   200   200   200   200   200
GET  /enquete/{forged}/                                               404   404   404   404   404   404   404   404   404   404   404   404   404
POST /enquete/suivis/{follow}/traite/                                   L   403   403     L   403   403   302   403   302     L     L     L     L
# Held e-mail about the request.
GET  /courriel/en-attente/{held}/                                       L   403   403     L   200   404   200   403   200     L     L     L     L
POST /courriel/en-attente/{held}/rattacher/                             L   403   403     L   302   404   302   403   302     L     L     L     L
POST /courriel/en-attente/{held}/nouvelle-demande/                      L   403   403     L   409   404   409   403   409     L     L     L     L
POST /courriel/en-attente/{held}/ecarter/                               L   403   403     L   302   404   302   403   302     L     L     L     L
# Dashboards and their downloads (the comments table quotes citizens).
GET  /tableau-de-bord/pilotage/?format=csv&table=comments               L   403   403     L   403   403   403   200   200     L     L     L     L
GET  /tableau-de-bord/service/?format=csv&table=comments                L   403   403     L   403   403   200   200   200     L     L     L     L
# Administration.
GET  /admin/requests_app/ticket/{pk}/change/                            L     L     L     L     L     L     L     L   200     L     L     L     L
GET  /admin/accounts/user/{citizen_pk}/change/                          L     L     L     L     L     L     L     L   200     L     L     L     L
# The REST API: staff and keys with an `api:` scope, within their services; writing needs `api:write`.
GET  /api/v1/tickets/                                                 401   403   403   401   200   200   200   200   200   403   200   200   200
GET  /api/v1/tickets/{ref}/                                           401   403   403   401   200   404   200   200   200   403   200   200   404
GET  /api/v1/tickets/{ref}/messages/                                  401   403   403   401   200   404   200   200   200   403   200   200   404
GET  /api/v1/tickets/{ref}/events/                                    401   403   403   401   200   404   200   200   200   403   200   200   404
GET  /api/v1/tickets/{ref}/attachments/                               401   403   403   401   200   404   200   200   200   403   200   200   404
GET  /api/v1/tickets/{ref}/attachments/{att}/download/                401   403   403   401   200   404   200   200   200   403   200   200   404
POST /api/v1/tickets/{ref}/note/                                      401   403   403   401   200   404   200   403   200   403   403   200   404
POST /api/v1/tickets/{ref}/reply/                                     401   403   403   401   200   404   200   403   200   403   403   200   404
POST /api/v1/tickets/{ref}/take/                                      401   403   403   401   409   404   200   403   200   403   403   200   404
POST /api/v1/tickets/{ref}/assign/                                    401   403   403   401   400   404   400   403   400   403   403   400   404
POST /api/v1/tickets/{ref}/reroute/                                   401   403   403   401   400   404   400   403   400   403   403   400   404
POST /api/v1/tickets/{ref}/request-info/                              401   403   403   401   200   404   200   403   200   403   403   200   404
POST /api/v1/tickets/{ref}/resolve/                                   401   403   403   401   200   404   200   403   200   403   403   200   404
POST /api/v1/tickets/{ref}/reject/                                    401   403   403   401   400   404   400   403   400   403   403   400   404
POST /api/v1/tickets/{ref}/merge/                                     401   403   403   401   400   404   400   403   400   403   403   400   404
POST /api/v1/tickets/{ref}/reopen/                                    401   403   403   401   400   404   400   403   400   403   403   400   404
POST /api/v1/tickets/{ref}/close/                                     401   403   403   401   409   404   409   403   409   403   403   409   404
GET  /api/v1/appointments/                                            401   403   403   401   200   200   200   200   200   403   200   200   200
POST /api/v1/appointments/{appt}/cancel/                              401   403   403   401   200   404   200   403   200   403   403   200   404
# Open311: public data only, whoever asks (every answer is checked for private details).
GET  /open311/v2/discovery.json                                       200   200   200   200   200   200   200   200   200   200   200   200   200
GET  /open311/v2/services.json                                        200   200   200   200   200   200   200   200   200   200   200   200   200
GET  /open311/v2/services/{code}.json                                 200   200   200   200   200   200   200   200   200   200   200   200   200
GET  /open311/v2/requests.json                                        200   200   200   200   200   200   200   200   200   200   200   200   200
GET  /open311/v2/requests/{ref}.json                                  404   404   404   404   404   404   404   404   404   404   404   404   404
GET  /open311/v2/requests/{public_ref}.json                           200   200   200   200   200   200   200   200   200   200   200   200   200
GET  /open311/v2/tokens/{forged}.json                                 404   404   404   404   404   404   404   404   404   404   404   404   404
GET  /open311/v2/servicerequestupdates.json                           200   200   200   200   200   200   200   200   200   200   200   200   200
"""

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
SECRET_DESCRIPTION = "Description confidentielle : mon voisin du 14 bis me harcèle."
SECRET_EMAIL = "camille@example.fr"
SECRET_PHONE = "+33612345678"


def _rows():
    for line in MATRIX.strip().splitlines():
        if line.startswith("#"):
            continue
        method, url, *answers = line.split()
        assert len(answers) == len(PERSONAS), f"a row needs one answer per caller: {line}"
        yield method, url, dict(zip(PERSONAS, answers, strict=True))


ROWS = list(_rows())


def png(name):
    return check_uploads([SimpleUploadedFile(name, PNG)])


def api_key(name, *, services, scopes):
    key = ApiKey(name=name, scopes=scopes)
    secret = key.set_key()
    key.save()
    key.services.set(services)
    sync_key_user(key)
    return secret


@pytest.fixture
def world(db, service, other_service, category, other_category, citizen, other_citizen, agent, supervisor):
    """One request of `citizen` with everything that hangs from it, and one request of someone else."""
    citizen.phone = SECRET_PHONE
    citizen.save(update_fields=["phone"])
    ticket = TicketFactory(
        category=category,
        citizen=citizen,
        contact_email=SECRET_EMAIL,
        contact_phone=SECRET_PHONE,
        description=SECRET_DESCRIPTION,
    )
    workflow.take_ticket(ticket.pk, by=agent)
    reply = workflow.reply_to_ticket(ticket.pk, by=agent, body="Voici le plan.", attachments=png("plan.png"))
    note = workflow.add_internal_note(ticket.pk, by=agent, body="Photo interne", attachments=png("interne.png"))
    another = TicketFactory(category=category, citizen=other_citizen, contact_email="")
    published = CategoryFactory(service=service, name="Éclairage public", is_public=True)
    public = TicketFactory(category=published, contact_email="voisin@example.fr", description="Lampadaire éteint.")

    counter = Counter.objects.create(service=service, name="Guichet 1", location="Hôtel de ville")
    starts_at = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    slot = Slot.objects.create(
        counter=counter, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(minutes=20), capacity=2
    )
    appointment = booking.book_appointment(slot_id=slot.pk, by=citizen, reason="Dépôt de dossier")

    resolved = TicketFactory(category=category, citizen=citizen, contact_email="", agent=agent, resolved=True)
    surveys.record_answer(resolved.survey.pk, satisfaction=1, comment="Personne ne m'a rappelé.")
    held = process_message(
        mail(subject=f"Re: {ticket.reference}", sender="voisin@example.fr", message_id="<held@example.fr>"),
        source=InboundEmail.Source.IMAP,
    )
    assert held.outcome == InboundEmail.Outcome.HELD

    return {
        "ref": ticket.reference,
        "pk": ticket.pk,
        "citizen_pk": citizen.pk,
        "track": ticket.token,
        "other_track": another.token,
        "att": reply.attachments.get().pk,
        "note_att": note.attachments.get().pk,
        "appt": appointment.pk,
        "feed": booking.feed_token(citizen),
        "unsub": unsubscribe_token(user=citizen),
        "survey": surveys.survey_token(resolved.survey),
        "follow": FollowUp.objects.get(survey=resolved.survey).pk,
        "held": held.pk,
        "public_ref": public.reference,
        "uid": urlsafe_base64_encode(force_bytes(citizen.pk)),
        "code": category.service_code,
        "notification": Notification.objects.filter(ticket=ticket).first().pk,
        "forged": "Zm9yZ2Vk:1vAbCd:forged-signature-0000000000",
    }


@pytest.fixture
def callers(world, request, service, other_service, citizen, other_citizen, agent, agent_of_other_service):
    """A test client for each column of the table."""
    people = {
        "cit": citizen,
        "oth": other_citizen,
        "agt": agent,
        "agto": agent_of_other_service,
        "sup": request.getfixturevalue("supervisor"),
        "mgr": request.getfixturevalue("manager"),
    }
    clients = {}
    for name in PERSONAS:
        clients[name] = Client()
    for name, user in people.items():
        clients[name].force_login(user)
    log_in_with_second_factor(clients["adm"], request.getfixturevalue("administrator"))
    keys = {
        "o311": api_key("Application de signalement", services=[service], scopes=["open311:file"]),
        "read": api_key("Tableau de bord externe", services=[service], scopes=["api:read"]),
        "write": api_key("Logiciel métier", services=[service], scopes=["api:read", "api:write"]),
        "keyo": api_key("Logiciel de l'état civil", services=[other_service], scopes=["api:read", "api:write"]),
    }
    for name, secret in keys.items():
        clients[name] = Client(headers={"Authorization": f"Bearer {secret}"})
    return clients


def fill(url: str, world: dict, caller: str) -> str:
    values = dict(world)
    if caller == "link":
        values["track"] = world["other_track"]
    return url.format(**values)


def answer_of(response) -> str:
    if response.status_code in (301, 302) and re.search(r"/(compte/connexion|admin/login)/", response["Location"]):
        return "L"
    return str(response.status_code)


def body_of(response) -> str:
    if response.streaming:
        content = b"".join(response.streaming_content)
        close_download(response)
    else:
        content = response.content
    return content.decode("utf-8", errors="replace")


# Answers that refuse: the response must not show the request's private details.
DENIED = {"L", "401", "403", "404", "405"}


def ask(client, method: str, url: str, world: dict):
    """GET, or POST what the action needs to succeed where it is allowed."""
    if method == "GET":
        return client.get(url)
    if url.startswith("/api/"):
        return client.post(url, {"body": "Merci, c'est noté."}, content_type="application/json")
    return client.post(
        url,
        {
            "reply-body": "Voici la précision demandée.",
            "note-body": "Appelé l'usager ce matin.",
            f"follow-up-{world['follow']}-note": "Rappel fait, excuses présentées.",
            "reason": "Message sans rapport avec la demande.",
            "reference": world["ref"],
        },
    )


def test_it_answers_each_caller_as_the_table_says(world, callers):
    wrong = []
    for method, url, expected in ROWS:
        for caller in PERSONAS:
            target = fill(url, world, caller)
            with transaction.atomic():
                # Each caller finds the world as it was: what an earlier one did is undone.
                response = ask(callers[caller], method, target, world)
                transaction.set_rollback(True)
            answer, body = answer_of(response), body_of(response)
            if answer != expected[caller]:
                wrong.append(f"{method} {url} — {caller}: {answer} instead of {expected[caller]}")
            elif answer in DENIED or caller == "link" or url.startswith("/open311/"):
                leaked = [secret for secret in (SECRET_DESCRIPTION, SECRET_EMAIL, SECRET_PHONE) if secret in body]
                if leaked:
                    wrong.append(f"{method} {url} — {caller}: the answer ({answer}) shows {leaked}")
    assert not wrong, "\n".join(wrong)


def test_it_leaves_no_url_with_an_id_or_a_token_out_of_the_table():
    """Every URL pattern that takes an id or a token has a row: a new one must be added here."""
    from django.urls import URLPattern, URLResolver, get_resolver, resolve

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern) and pattern.pattern.regex.groups:
                yield prefix + str(pattern.pattern), namespace + (pattern.name or "")

    sample = dict.fromkeys(("pk", "citizen_pk", "att", "note_att", "appt", "follow", "held", "notification"), "1")
    sample |= dict.fromkeys(("ref", "public_ref"), "2026-000001")
    sample |= dict.fromkeys(("track", "other_track", "feed", "unsub", "survey", "forged", "uid", "code"), "token")
    covered = {resolve(url.format(**sample).split("?")[0]).view_name for _, url, _ in ROWS}
    missing = sorted(
        f"{name} ({route})"
        for route, name in walk(get_resolver().url_patterns)
        if not route.startswith("admin/") and name not in covered and name not in UNCOVERED_ON_PURPOSE
    )
    assert not missing, "URLs with an id or a token and no row in the table:\n" + "\n".join(missing)


# URL names with parameters that have no row, and why.
UNCOVERED_ON_PURPOSE = {
    "open311:not_found": "the catch-all answers 404 to everyone",
    "api:not_found": "the catch-all answers 404 to everyone",
    "accounts:oidc_start": "names a sign-in provider, not a record (tests/oidc)",
    "accounts:oidc_callback": "answers only the browser that started the sign-in, by state and nonce (tests/oidc)",
    "accounts:oidc_link": "answers only the browser that started the sign-in (tests/oidc)",
    "accounts:oidc_link_from_email": "a signed link bound to the browser that started the sign-in (tests/oidc)",
    "accounts:oidc_logout_done": "names a sign-in provider, not a record (tests/oidc)",
    "email_intake:anymail:mailgun_inbound_webhook": "a provider's webhook, behind its shared secret (tests/email_intake)",
}
