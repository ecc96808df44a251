#!/usr/bin/env bash
# `make bench`: the application under gunicorn on PostgreSQL + Redis with a Celery worker and an
# SMTP sink, loaded scenario by scenario from a separate process; everything stops on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-.venv/bin}
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/relation_citoyen_bench}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/3}
BENCH_TICKETS=${BENCH_TICKETS:-1000000}
BENCH_PORT=${BENCH_PORT:-8100}
export BENCH_WORKERS=${BENCH_WORKERS:-$(nproc)}
# One request in flight per worker: the latencies are service times, the throughput the most the
# workers give; raise it to see queueing.
export BENCH_USERS=${BENCH_USERS:-$BENCH_WORKERS}
export BENCH_SECONDS=${BENCH_SECONDS:-15}
export BENCH_NOTIFICATIONS=${BENCH_NOTIFICATIONS:-2000}
export BENCH_RESULTS=${BENCH_RESULTS:-bench/results}
export BENCH_HOST="http://127.0.0.1:${BENCH_PORT}"
# Production settings, plain HTTP on loopback, the floors on, no API throttling.
export DEBUG=false SECRET_KEY=${SECRET_KEY:-bench-only-not-secret} SESSION_COOKIE_SECURE=false SMS_BACKEND=${SMS_BACKEND:-file}
export ALLOWED_HOSTS=127.0.0.1,localhost SITE_URL="$BENCH_HOST" BENCH_FLOORS=true
export API_THROTTLE_RATE="" API_THROTTLE_ANON_RATE="" LOG_LEVEL=${LOG_LEVEL:-WARNING}
# The load comes from one address and posts forms without pausing: no rate limits, no bot checks.
export ANTIBOT_ENABLED=false RATE_LIMIT_FILING_PER_ADDRESS="" RATE_LIMIT_FILING_PER_PERSON=""
export RATE_LIMIT_OPEN311_POST_PER_ADDRESS="" RATE_LIMIT_OPEN311_POST_PER_KEY=""

WORK=$(mktemp -d)
PIDS=()
cleanup() {
	for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
	for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
	rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

echo "bench: database ${DATABASE_URL##*/}, Redis ${REDIS_URL}"
$BIN/python - <<'PY'
import os
from urllib.parse import urlsplit

import psycopg

url = urlsplit(os.environ["DATABASE_URL"])
name = url.path.lstrip("/")
with psycopg.connect(url._replace(path="/postgres").geturl(), autocommit=True) as connection:
    if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        connection.execute(f'CREATE DATABASE "{name}"')
PY
$BIN/python manage.py migrate --noinput --verbosity 0
$BIN/python manage.py collectstatic --noinput --verbosity 0
TICKETS=$($BIN/python manage.py shell --verbosity 0 -c "from requests_app.models import Ticket; print(Ticket.objects.count())")
if [ "$TICKETS" -lt "$BENCH_TICKETS" ]; then
	echo "bench: $TICKETS tickets, generating $BENCH_TICKETS"
	if $BIN/python manage.py help generate_data >/dev/null 2>&1; then
		if [ "$TICKETS" -eq 0 ]; then
			$BIN/python manage.py generate_data --force --tickets "$BENCH_TICKETS"
		else
			$BIN/python manage.py generate_data --force --append --tickets "$((BENCH_TICKETS - TICKETS))"
		fi
	else
		$BIN/python manage.py seed_demo --force --tickets "$BENCH_TICKETS"
	fi
fi

SMTP_PORT=$($BIN/python -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
export BENCH_SINK_FILE="$WORK/smtp-count"
export EMAIL_BACKEND=smtp EMAIL_HOST=127.0.0.1 EMAIL_PORT="$SMTP_PORT" EMAIL_TIMEOUT=5
$BIN/python -m bench.smtp_sink "$SMTP_PORT" "$BENCH_SINK_FILE" &
PIDS+=($!)
$BIN/celery -A citizen_crm worker --concurrency=2 --loglevel=WARNING >"$WORK/celery.log" 2>&1 &
export BENCH_CELERY_PID=$!
PIDS+=($!)
$BIN/gunicorn citizen_crm.wsgi --workers "$BENCH_WORKERS" --bind "127.0.0.1:$BENCH_PORT" \
	--log-level warning >"$WORK/gunicorn.log" 2>&1 &
export BENCH_GUNICORN_PID=$!
PIDS+=($!)

for _ in $(seq 100); do
	curl -fso /dev/null "$BENCH_HOST/accessibilite/" && break
	sleep 0.2
done
curl -fso /dev/null "$BENCH_HOST/accessibilite/" || { echo "bench: the server did not start"; cat "$WORK/gunicorn.log"; exit 1; }

export BENCH_CONTEXT="$WORK/context.json"
$BIN/python -m bench.prepare "$BENCH_CONTEXT"
$BIN/python -m bench.run
