"""The benchmark's report: the targets of the issue checked, as JSON and as a Markdown table."""

import json
import os

# p95 limits in milliseconds, by scenario request name.
LATENCY_TARGETS = {
    "agent_queue": 100,
    "agent_queue_filtered": 100,
    "ticket_page": 100,
    "citizen_space": 100,
    "citizen_tickets": 100,
    "dashboard_90": 200,
    "dashboard_365": 400,
}
INTAKE = ("web_submission", "api_create", "open311_post")
INTAKE_RATIO_TARGET = 0.5
NOTIFICATIONS_TARGET = 200


def check_targets(report: dict) -> list[dict]:
    scenarios = report["scenarios"]
    targets = []
    for name, limit in LATENCY_TARGETS.items():
        row = scenarios.get(name, {})
        if not row.get("requests"):
            continue
        met = row["p95_ms"] <= limit and not row["failures"]
        targets.append({"target": f"{name} p95 ≤ {limit} ms", "value": f"{row['p95_ms']:g} ms", "met": met})
    floor = scenarios.get("floor_insert", {}).get("throughput_rps")
    for name in INTAKE:
        row = scenarios.get(name, {})
        if not floor or not row.get("requests"):
            continue
        ratio = row["throughput_rps"] / floor
        row["floor_ratio"] = round(ratio, 2)
        met = ratio >= INTAKE_RATIO_TARGET and not row["failures"]
        targets.append(
            {"target": f"{name} ≥ {INTAKE_RATIO_TARGET} x INSERT floor", "value": f"{ratio:.2f} x", "met": met}
        )
    notifications = report.get("notifications") or {}
    if "per_second" in notifications:
        met = notifications["per_second"] >= NOTIFICATIONS_TARGET and notifications["sent"] == notifications["queued"]
        targets.append(
            {
                "target": f"notifications ≥ {NOTIFICATIONS_TARGET}/s with two worker processes",
                "value": f"{notifications['per_second']:g}/s",
                "met": met,
            }
        )
    return targets


def markdown(report: dict) -> str:
    machine = report["machine"]
    settings = report["settings"]
    lines = [
        f"Run of {report['started_at']} on {report['tickets']:,} tickets.",
        "",
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gib']} GiB RAM; "
        f"PostgreSQL {machine['postgresql']}, Redis {machine['redis']}, Python {machine['python']}; "
        f"load average before the run {' / '.join(str(value) for value in machine.get('load_average_before', []))}. "
        f"gunicorn {settings['gunicorn_workers']} workers; {settings['users']} concurrent users, "
        f"{settings['seconds_per_scenario']:g} s per scenario.",
        "",
        "| Scenario | Requests | Failures | req/s | p50 ms | p95 ms | p99 ms | SQL queries (median / max) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in report["scenarios"].items():
        if not row.get("requests"):
            lines.append(f"| {name} | 0 | | | | | | |")
            continue
        queries = f"{row['queries_median']:g} / {row['queries_max']}" if row["queries_max"] is not None else "n/a"
        ratio = f" ({row['floor_ratio']:.2f} x floor)" if "floor_ratio" in row else ""
        lines.append(
            f"| {name} | {row['requests']} | {row['failures']} | {row['throughput_rps']:g}{ratio} | "
            f"{row['p50_ms']:g} | {row['p95_ms']:g} | {row['p99_ms']:g} | {queries} |"
        )
    notifications = report.get("notifications") or {}
    lines.append("")
    if "per_second" in notifications:
        lines.append(
            f"Notifications: {notifications['sent']} of {notifications['queued']} e-mails sent to the SMTP sink "
            f"in {notifications['seconds']:g} s ({notifications['per_second']:g}/s; the sink accepted "
            f"{notifications['sink_accepted']}; {notifications['failed']} failed)."
        )
    elif notifications:
        lines.append(f"Notifications: not measured ({notifications.get('error', 'error')}).")
    memory = report["memory"]
    lines.append(
        f"Peak RSS: gunicorn worker {memory['gunicorn']['peak_per_process_mib']} MiB "
        f"(all processes {memory['gunicorn']['peak_total_mib']} MiB); Celery worker process "
        f"{memory['celery']['peak_per_process_mib']} MiB (all processes {memory['celery']['peak_total_mib']} MiB)."
    )
    lines += ["", "| Target | Measured | |", "|---|---:|---|"]
    for target in report["targets"]:
        lines.append(f"| {target['target']} | {target['value']} | {'met' if target['met'] else 'missed'} |")
    return "\n".join(lines) + "\n"


def write_report(report: dict, folder: str) -> None:
    report["targets"] = check_targets(report)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "latest.json"), "w") as handle:
        json.dump(report, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    text = markdown(report)
    with open(os.path.join(folder, "latest.md"), "w") as handle:
        handle.write(text)
    print(text)
