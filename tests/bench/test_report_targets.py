"""The benchmark report marks each target of the scale issue met or missed."""

from bench.report import check_targets, markdown

MACHINE = {"cpu": "Test CPU", "cores": 2, "memory_gib": 4.0, "postgresql": "17.0", "redis": "7.2", "python": "3.12"}


def row(rps, p95, *, failures=0):
    return {
        "requests": 100,
        "failures": failures,
        "throughput_rps": rps,
        "p50_ms": p95 / 2,
        "p95_ms": p95,
        "p99_ms": p95 * 2,
        "queries_median": 5,
        "queries_max": 6,
        "errors": {},
    }


def report():
    return {
        "started_at": "2026-01-01T00:00:00+00:00",
        "machine": MACHINE,
        "tickets": 20000,
        "settings": {"users": 8, "seconds_per_scenario": 15, "gunicorn_workers": "2"},
        "scenarios": {
            "floor_insert": row(400, 20),
            "api_create": row(250, 50),
            "web_submission": row(100, 90),
            "agent_queue": row(50, 80),
            "ticket_page": row(50, 120),
            "dashboard_365": row(10, 390, failures=1),
        },
        "notifications": {
            "queued": 10,
            "sent": 10,
            "failed": 0,
            "seconds": 0.04,
            "per_second": 250,
            "sink_accepted": 10,
        },
        "memory": {
            "gunicorn": {"peak_per_process_mib": 90, "peak_total_mib": 200},
            "celery": {"peak_per_process_mib": 80, "peak_total_mib": 240},
        },
    }


def test_it_marks_each_target_met_or_missed():
    targets = {target["target"]: target["met"] for target in check_targets(report())}
    assert targets == {
        "agent_queue p95 ≤ 100 ms": True,
        "ticket_page p95 ≤ 100 ms": False,
        # Under the limit, but a failed request misses the target.
        "dashboard_365 p95 ≤ 400 ms": False,
        "web_submission ≥ 0.5 x INSERT floor": False,
        "api_create ≥ 0.5 x INSERT floor": True,
        "notifications ≥ 200/s with two worker processes": True,
    }


def test_it_writes_the_floor_ratio_and_the_machine_in_the_table():
    data = report()
    data["targets"] = check_targets(data)
    text = markdown(data)
    assert "| api_create | 100 | 0 | 250 (0.62 x floor) |" in text
    assert "Test CPU, 2 cores, 4.0 GiB RAM; PostgreSQL 17.0, Redis 7.2" in text
    assert "| ticket_page p95 ≤ 100 ms | 120 ms | missed |" in text
