"""The benchmark driver: runs every scenario against the served application, then writes the report.

`python -m bench.run` with BENCH_CONTEXT (what `bench.prepare` wrote), BENCH_HOST, BENCH_USERS
(concurrency), BENCH_SECONDS (per scenario), BENCH_RESULTS (folder), BENCH_GUNICORN_PID and
BENCH_CELERY_PID (for the peak memory), BENCH_SINK_FILE and BENCH_NOTIFICATIONS (the burst size).
It runs in its own process, beside the server, so the server's cores do only the server's work.
"""

from gevent import monkey

monkey.patch_all()

import datetime  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import gevent  # noqa: E402
import psutil  # noqa: E402
from locust.env import Environment  # noqa: E402

from bench import scenarios  # noqa: E402
from bench.report import write_report  # noqa: E402

# (scenario, user class, the request names it reports)
PLAN = [
    ("floor_insert", scenarios.FloorInsert, ["floor_insert"]),
    ("floor_read", scenarios.FloorRead, ["floor_read"]),
    ("web_form", scenarios.WebForm, ["web form (GET)"]),
    ("web_submission", scenarios.WebSubmission, ["web_submission"]),
    ("api_create", scenarios.ApiCreation, ["api_create"]),
    ("open311_post", scenarios.Open311Post, ["open311_post"]),
    ("agent_queue", scenarios.AgentQueue, ["agent_queue"]),
    ("agent_queue_filtered", scenarios.AgentQueueFiltered, ["agent_queue_filtered"]),
    ("text_search", scenarios.TextSearch, ["text_search"]),
    ("ticket_page", scenarios.TicketPage, ["ticket_page"]),
    ("citizen_space", scenarios.CitizenSpace, ["citizen_space"]),
    ("citizen_tickets", scenarios.CitizenTickets, ["citizen_tickets"]),
    ("dashboard_90", scenarios.Dashboard90, ["dashboard_90"]),
    ("dashboard_365", scenarios.Dashboard365, ["dashboard_365"]),
    ("dashboard_90_uncached", scenarios.Dashboard90Uncached, ["dashboard_90_uncached"]),
    ("dashboard_365_uncached", scenarios.Dashboard365Uncached, ["dashboard_365_uncached"]),
    ("open311_get", scenarios.Open311Get, ["open311_get_one", "open311_get_list"]),
]


class MemoryWatch:
    """Peak resident memory of a process tree, sampled twice a second."""

    def __init__(self, pids: dict[str, int]):
        self.pids = pids
        self.peak_process = dict.fromkeys(pids, 0)
        self.peak_total = dict.fromkeys(pids, 0)
        self.greenlet = gevent.spawn(self._loop)

    def _loop(self):
        while True:
            for name, pid in self.pids.items():
                try:
                    root = psutil.Process(pid)
                    tree = [root, *root.children(recursive=True)]
                    sizes = [process.memory_info().rss for process in tree]
                except psutil.Error:
                    continue
                # A gunicorn master forks the workers: the workers are what grows.
                workers = sizes[1:] or sizes
                self.peak_process[name] = max(self.peak_process[name], max(workers))
                self.peak_total[name] = max(self.peak_total[name], sum(sizes))
            gevent.sleep(0.5)

    def stop(self) -> dict:
        self.greenlet.kill()
        mib = 1024 * 1024
        return {
            name: {
                "peak_per_process_mib": round(self.peak_process[name] / mib),
                "peak_total_mib": round(self.peak_total[name] / mib),
            }
            for name in self.pids
        }


def run_scenario(user_class, names: list[str], *, host: str, users: int, seconds: float) -> dict:
    environment = Environment(user_classes=[user_class], host=host)
    query_counts: dict[str, list[int]] = {name: [] for name in names}
    errors: dict[str, dict[str, int]] = {name: {} for name in names}

    def on_request(name, response, exception, **kwargs):
        if name not in query_counts:
            return
        header = response.headers.get("X-Query-Count") if response is not None else None
        if header is not None:
            query_counts[name].append(int(header))
        if exception is not None:
            message = str(exception)[:120]
            errors[name][message] = errors[name].get(message, 0) + 1

    environment.events.request.add_listener(on_request)
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=users)
    started = time.monotonic()
    gevent.sleep(seconds)
    runner.quit()
    elapsed = time.monotonic() - started
    results = {}
    for name in names:
        entry = environment.stats.entries.get((name, "POST")) or environment.stats.entries.get((name, "GET"))
        if entry is None or entry.num_requests == 0:
            results[name] = {"requests": 0}
            continue
        counts = query_counts[name]
        results[name] = {
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "throughput_rps": round(entry.num_requests / elapsed, 1),
            "p50_ms": entry.get_response_time_percentile(0.5),
            "p95_ms": entry.get_response_time_percentile(0.95),
            "p99_ms": entry.get_response_time_percentile(0.99),
            "queries_median": statistics.median(counts) if counts else None,
            "queries_max": max(counts) if counts else None,
            "errors": dict(sorted(errors[name].items(), key=lambda item: -item[1])[:3]),
        }
    return results


def notification_burst(count: int, sink_file: str) -> dict:
    completed = subprocess.run(  # noqa: S603 — our own interpreter and module
        [sys.executable, "-m", "bench.notify_burst", str(count), sink_file],
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        return {"error": completed.stderr.strip().splitlines()[-1] if completed.stderr.strip() else "failed"}
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main() -> None:
    with open(os.environ["BENCH_CONTEXT"]) as handle:
        scenarios.CONTEXT.update(json.load(handle))
    host = os.environ.get("BENCH_HOST", "http://127.0.0.1:8100")
    users = int(os.environ.get("BENCH_USERS", "8"))
    seconds = float(os.environ.get("BENCH_SECONDS", "15"))
    only = {name for name in os.environ.get("BENCH_ONLY", "").split(",") if name}
    memory = MemoryWatch(
        {"gunicorn": int(os.environ["BENCH_GUNICORN_PID"]), "celery": int(os.environ["BENCH_CELERY_PID"])}
    )
    started_at = datetime.datetime.now(datetime.UTC)
    load_before = [round(value, 2) for value in os.getloadavg()]
    results: dict[str, dict] = {}
    for scenario, user_class, names in PLAN:
        if only and scenario not in only:
            continue
        print(f"bench: {scenario} ({users} users, {seconds:g} s)", flush=True)
        results.update(run_scenario(user_class, names, host=host, users=users, seconds=seconds))
    notifications = {}
    if not only or "notifications" in only:
        count = int(os.environ.get("BENCH_NOTIFICATIONS", "2000"))
        print(f"bench: notifications ({count} e-mails to the SMTP sink)", flush=True)
        notifications = notification_burst(count, os.environ["BENCH_SINK_FILE"])
    report = {
        "started_at": started_at.isoformat(timespec="seconds"),
        # The load average before the run says whether something else was using the machine.
        "machine": {**scenarios.CONTEXT["machine"], "load_average_before": load_before},
        "tickets": scenarios.CONTEXT["tickets"],
        "settings": {
            "users": users,
            "seconds_per_scenario": seconds,
            "gunicorn_workers": os.environ.get("BENCH_WORKERS"),
        },
        "scenarios": results,
        "notifications": notifications,
        "memory": memory.stop(),
    }
    write_report(report, os.environ.get("BENCH_RESULTS", "bench/results"))


if __name__ == "__main__":
    main()
