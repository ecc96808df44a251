"""The load scenarios: one locust user class each, doing one kind of request in a loop.

`CONTEXT` is filled by the driver from what `bench.prepare` wrote (sessions, keys, references).
"""

import datetime
import random
import re
import uuid

from locust import HttpUser, constant, task

CONTEXT: dict = {}
FLOOR_IDS: list[int] = []
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Scenario(HttpUser):
    abstract = True
    wait_time = constant(0)
    session_of = ""

    def on_start(self):
        if self.session_of:
            self.client.cookies.set("sessionid", CONTEXT["sessions"][self.session_of])

    def category(self) -> dict:
        return random.choice(CONTEXT["categories"])

    def text(self) -> tuple[str, str]:
        token = uuid.uuid4().hex[:8]
        return f"Benchmark request {token}", f"A request filed by the benchmark ({token}), long enough to be real."


class WebForm(Scenario):
    """Anonymous web form: the page itself."""

    @task
    def form(self):
        self.client.get("/demande/nouvelle/", name="web form (GET)")


class WebSubmission(Scenario):
    """Anonymous web form: GET it once (CSRF cookie and token, as a browser keeps them), then POST
    requests with them, so the throughput is that of filing."""

    def on_start(self):
        page = self.client.get("/demande/nouvelle/", name="web form (GET, once per user)")
        match = CSRF.search(page.text)
        self.token = match.group(1) if match else ""

    @task
    def submit(self):
        subject, description = self.text()
        data = {
            "csrfmiddlewaretoken": self.token,
            "kind": "report",
            "category": self.category()["pk"],
            "subject": subject,
            "description": description,
            "address": "3 rue de la Gare",
            "contact_name": "Camille Banc",
            "contact_email": "camille.banc@bench.invalid",
            "contact_phone": "",
            "consent": "on",
        }
        with self.client.post(
            "/demande/nouvelle/", data=data, name="web_submission", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"status {response.status_code}")


class ApiCreation(Scenario):
    @task
    def create(self):
        subject, description = self.text()
        with self.client.post(
            "/api/v1/tickets/",
            json={
                "category": self.category()["pk"],
                "kind": "report",
                "subject": subject,
                "description": description,
                "contact_name": "Camille Banc",
                "contact_email": "camille.banc@bench.invalid",
            },
            headers={"Authorization": f"Bearer {CONTEXT['api_key']}"},
            name="api_create",
            catch_response=True,
        ) as response:
            if response.status_code != 201:
                response.failure(f"status {response.status_code}: {response.text[:200]}")


class Open311Post(Scenario):
    @task
    def create(self):
        _subject, description = self.text()
        with self.client.post(
            "/open311/v2/requests.json",
            data={
                "api_key": CONTEXT["api_key"],
                "service_code": random.choice(CONTEXT["open311_codes"]),
                "description": description,
                "address_string": "3 rue de la Gare",
                "lat": "47.9",
                "long": "1.9",
            },
            name="open311_post",
            catch_response=True,
        ) as response:
            if response.status_code not in (200, 201):
                response.failure(f"status {response.status_code}: {response.text[:200]}")


class AgentQueue(Scenario):
    session_of = "agent"

    @task
    def queue(self):
        self.client.get("/agent/", name="agent_queue")


class AgentQueueFiltered(Scenario):
    session_of = "agent"

    @task
    def queue(self):
        service = random.choice(CONTEXT["agent_services"])
        self.client.get(f"/agent/?status=in_progress&service={service}&priority=", name="agent_queue_filtered")


class TextSearch(Scenario):
    session_of = "agent"

    @task
    def search(self):
        self.client.get("/agent/", params={"q": random.choice(CONTEXT["search_words"])}, name="text_search")


class TicketPage(Scenario):
    session_of = "agent"

    @task
    def page(self):
        self.client.get(f"/agent/demandes/{random.choice(CONTEXT['agent_refs'])}/", name="ticket_page")


class CitizenSpace(Scenario):
    session_of = "citizen"

    @task
    def space(self):
        self.client.get("/mon-espace/", name="citizen_space")


class CitizenTickets(Scenario):
    session_of = "citizen"

    @task
    def tickets(self):
        self.client.get("/mes-demandes/", name="citizen_tickets")


class Dashboard90(Scenario):
    session_of = "manager"

    @task
    def dashboard(self):
        self.client.get("/tableau-de-bord/pilotage/?period=90", name="dashboard_90")


class Dashboard365(Scenario):
    session_of = "manager"

    @task
    def dashboard(self):
        self.client.get("/tableau-de-bord/pilotage/?period=365", name="dashboard_365")


class DashboardUncached(Scenario):
    """The manager dashboard over a period nobody looked at yet: a window of `days` days ending on
    a random day of the last two years, so the figures are computed, not read from the cache."""

    abstract = True
    session_of = "manager"
    days = 90

    @task
    def dashboard(self):
        end = datetime.date.today() - datetime.timedelta(days=random.randrange(1, 730))
        start = end - datetime.timedelta(days=self.days - 1)
        self.client.get(
            "/tableau-de-bord/pilotage/",
            params={"period": "custom", "start": start.isoformat(), "end": end.isoformat()},
            name=f"dashboard_{self.days}_uncached",
        )


class Dashboard90Uncached(DashboardUncached):
    days = 90


class Dashboard365Uncached(DashboardUncached):
    days = 365


class Open311Get(Scenario):
    @task(3)
    def one(self):
        reference = random.choice(CONTEXT["open311_refs"])
        self.client.get(f"/open311/v2/requests/{reference}.json", name="open311_get_one")

    @task(1)
    def recent(self):
        self.client.get("/open311/v2/requests.json", name="open311_get_list")


class FloorInsert(Scenario):
    @task
    def insert(self):
        response = self.client.post("/bench/floors/insert/", data={"label": "floor"}, name="floor_insert")
        if response.status_code == 201:
            FLOOR_IDS.append(response.json()["id"])


class FloorRead(Scenario):
    @task
    def read(self):
        self.client.get(f"/bench/floors/read/{random.choice(FLOOR_IDS)}/", name="floor_read")
