"""Load driver of the scale-out test: many citizens filing requests at once on several web nodes.

Each simulated user loops until the time is up, filing requests alternately through the web
form (GET the form for its CSRF token, POST it, then read the confirmation page, on the *next*
node: the session lives in the database, not in a node) and through Open311 (POST
requests.json with an API key). Users start on different nodes and move to the next node at
every request, as a round-robin load balancer would send them.

Every request carries a unique marker in its description, so that the accepted ones can be
matched to the database rows afterwards. The result is a JSON document:

    {"accepted": [{"marker", "channel", "reference", "email"}...],
     "failed": [{"marker", "channel", "status", "error"}...],
     "requests": <HTTP requests made>, "seconds": <duration>, "latency_ms": {"p50", "p95", "p99"}}

Usage (the nodes must already serve the application):

    python bench/scale_out.py --url http://127.0.0.1:8001 --url http://127.0.0.1:8002 \\
        --users 50 --seconds 120 --open311-key rc_... --service-code nid-de-poule --output result.json
"""

import argparse
import http.cookiejar
import json
import re
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

FORM_PATH = "/demande/nouvelle/"
CREATED_PATH = "/demande/envoyee/"
OPEN311_PATH = "/open311/v2/requests.json"
TIMEOUT_SECONDS = 60

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CATEGORY_OPTION = re.compile(r'<option value="(\d+)"')
REFERENCE = re.compile(r"\b(\d{4}-\d{6})\b")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Report redirects as they are: a 302 to the confirmation page is the proof of acceptance."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Rejected(Exception):
    def __init__(self, status: int, error: str):
        super().__init__(f"{status} {error}")
        self.status = status
        self.error = error


class User(threading.Thread):
    def __init__(self, number: int, options, results: "Results"):
        super().__init__(name=f"user-{number}", daemon=True)
        self.number = number
        self.options = options
        self.results = results
        self.node = number % len(options.url)
        self.opener = urllib.request.build_opener(
            NoRedirect, urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def next_node(self) -> str:
        url = self.options.url[self.node]
        self.node = (self.node + 1) % len(self.options.url)
        return url.rstrip("/")

    def call(self, url: str, data: dict | None = None) -> tuple[int, dict, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        # Only http(s) node addresses get here: main() refuses any other scheme.
        request = urllib.request.Request(url, data=body, headers={"Accept-Language": "en"})  # noqa: S310
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=TIMEOUT_SECONDS) as response:
                status, headers, text = response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            status, headers, text = error.code, dict(error.headers), error.read().decode(errors="replace")
        except OSError as error:
            self.results.timed(time.monotonic() - started)
            raise Rejected(0, f"{type(error).__name__}: {error}") from None
        self.results.timed(time.monotonic() - started)
        return status, headers, text

    def file_on_the_web(self, marker: str, email: str) -> str:
        status, _headers, page = self.call(self.next_node() + FORM_PATH)
        token, category = CSRF_INPUT.search(page), CATEGORY_OPTION.search(page)
        if status != 200 or token is None or category is None:
            raise Rejected(status, "the form has no CSRF token or no category")
        status, headers, page = self.call(
            self.next_node() + FORM_PATH,
            {
                "csrfmiddlewaretoken": token.group(1),
                "kind": "report",
                "category": category.group(1),
                "subject": f"Lampadaire éteint {marker}",
                "description": f"Le lampadaire ne s'allume plus depuis trois jours. {marker}",
                "address": "12 rue Pasteur",
                "contact_name": f"Usager {self.number}",
                "contact_email": email,
                "consent": "on",
            },
        )
        if status != 302 or not headers.get("Location", "").endswith(CREATED_PATH):
            raise Rejected(status, page[:300])
        # Accepted. The confirmation page is read on another node: the session is shared.
        status, _headers, page = self.call(self.next_node() + CREATED_PATH)
        reference = REFERENCE.search(page) if status == 200 else None
        if reference is None:
            raise Rejected(status, "accepted, but the confirmation page shows no reference")
        return reference.group(1)

    def file_with_open311(self, marker: str, email: str) -> str:
        status, _headers, body = self.call(
            self.next_node() + OPEN311_PATH,
            {
                "api_key": self.options.open311_key,
                "service_code": self.options.service_code,
                "description": f"Nid-de-poule dangereux devant l'école. {marker}",
                "address_string": "3 avenue Jean Jaurès",
                "email": email,
                "first_name": "Usager",
                "last_name": str(self.number),
            },
        )
        if status != 200:
            raise Rejected(status, body[:300])
        return json.loads(body)[0]["service_request_id"]

    def run(self):
        count = 0
        while time.monotonic() < self.results.deadline:
            count += 1
            marker = f"[scale-{self.number}-{count}]"
            email = f"usager.{self.number}.{count}@scale.example"
            channel = "open311" if self.options.open311_key and count % 2 == 0 else "web"
            try:
                if channel == "web":
                    reference = self.file_on_the_web(marker, email)
                else:
                    reference = self.file_with_open311(marker, email)
            except Rejected as rejected:
                self.results.failed(
                    {"marker": marker, "channel": channel, "status": rejected.status, "error": rejected.error}
                )
            else:
                self.results.accepted({"marker": marker, "channel": channel, "reference": reference, "email": email})


class Results:
    def __init__(self, seconds: float):
        self.deadline = time.monotonic() + seconds
        self.lock = threading.Lock()
        self.accepted_requests: list[dict] = []
        self.failed_requests: list[dict] = []
        self.latencies: list[float] = []

    def timed(self, seconds: float):
        with self.lock:
            self.latencies.append(seconds)

    def accepted(self, row: dict):
        with self.lock:
            self.accepted_requests.append(row)

    def failed(self, row: dict):
        with self.lock:
            self.failed_requests.append(row)

    def as_dict(self, seconds: float) -> dict:
        cuts = statistics.quantiles(self.latencies, n=100) if len(self.latencies) > 1 else [0.0] * 99
        return {
            "accepted": self.accepted_requests,
            "failed": self.failed_requests,
            "requests": len(self.latencies),
            "seconds": round(seconds, 1),
            "latency_ms": {name: round(cuts[index] * 1000) for name, index in (("p50", 49), ("p95", 94), ("p99", 98))},
        }


def run(options) -> dict:
    started = time.monotonic()
    results = Results(options.seconds)
    users = [User(number, options, results) for number in range(1, options.users + 1)]
    for user in users:
        user.start()
    for user in users:
        user.join()
    return results.as_dict(time.monotonic() - started)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", action="append", required=True, help="a web node; repeat for each node")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--open311-key", default="", help="API key for Open311 filings; none: web form only")
    parser.add_argument("--service-code", default="", help="Open311 service_code to file in")
    parser.add_argument("--output", help="JSON file to write; default: standard output")
    options = parser.parse_args(argv)
    if not all(url.startswith(("http://", "https://")) for url in options.url):
        parser.error("--url takes http:// or https:// addresses")
    if options.open311_key and not options.service_code:
        parser.error("--open311-key needs --service-code")

    result = run(options)
    text = json.dumps(result, indent=1, ensure_ascii=False)
    if options.output:
        with open(options.output, "w", encoding="utf-8") as output:
            output.write(text)
    else:
        print(text)
    print(
        f"{len(result['accepted'])} accepted, {len(result['failed'])} failed, {result['requests']} HTTP requests "
        f"in {result['seconds']} s; latency p50 {result['latency_ms']['p50']} ms, p95 {result['latency_ms']['p95']} ms",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
