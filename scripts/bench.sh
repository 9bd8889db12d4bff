#!/usr/bin/env bash
# The load benchmark: gunicorn on PostgreSQL and Redis with production settings, the bench data set (loaded
# once, then reused), a warm-up, then a fixed-time mix of pages driven from another process. Prints per page
# p50/p95/p99, requests per second, errors, the ratio of its p50 to /healthz's p50 and its query count.
# BENCH_SCALE=province (default: one province, 100,000 petitions, database hdnd_bench) or country (34
# provinces and 3,321 communes, 1,000,000 petitions, database hdnd_country); the same mix is driven as the
# province's users and as a commune's. Then, when a read replica can be started (scripts/replica.sh), the
# same measurement with the dashboard's and reports' reads on the replica (BENCH_REPLICA=0 skips it).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
SCALE=${BENCH_SCALE:-province}
case "$SCALE" in
  province) DEFAULT_DB=hdnd_bench ;;
  country) DEFAULT_DB=hdnd_country ;;
  *) echo "BENCH_SCALE must be province or country (not '$SCALE')" >&2; exit 2 ;;
esac
PGURL=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/$DEFAULT_DB}
REDIS=${BENCH_REDIS_URL:-redis://127.0.0.1:6379/14}
PORT=${BENCH_PORT:-8100}
SECONDS_=${BENCH_SECONDS:-90}
USERS=${BENCH_USERS:-3}  # one more than the workers: every worker busy, no standing queue
WORKERS=${BENCH_WORKERS:-2}
COUNCILS=${BENCH_COUNCILS:-103}
YEARS=${BENCH_YEARS:-10}

missing=()
$BIN/python - "$PGURL" <<'PY' || missing+=("PostgreSQL at $PGURL (start it, or set BENCH_DATABASE_URL)")
import sys, environ, psycopg2
cfg = environ.Env.db_url_config(sys.argv[1])
conn = psycopg2.connect(host=cfg["HOST"], port=cfg["PORT"] or 5432, user=cfg["USER"], password=cfg["PASSWORD"], dbname="postgres", connect_timeout=3)
conn.autocommit = True
with conn.cursor() as cur:
    cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]])
    if cur.fetchone() is None:
        cur.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
PY
$BIN/python - "$REDIS" <<'PY' || missing+=("Redis at $REDIS (start it, or set BENCH_REDIS_URL)")
import sys, redis
redis.Redis.from_url(sys.argv[1], socket_connect_timeout=3).ping()
PY
if [ ${#missing[@]} -gt 0 ]; then
  echo "make bench cannot run; missing:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 2
fi

export DATABASE_URL="$PGURL" REDIS_URL="$REDIS" DEBUG=0 SECRET_KEY=bench-not-secret ALLOWED_HOSTS=127.0.0.1 \
  STATIC_ROOT="$PWD/var/bench-static" SECURE_HSTS_SECONDS=0 LOG_LEVEL=WARNING SUMMARY_REFRESH_DELAY=30 \
  AXES_FAILURE_LIMIT=1000
$BIN/python manage.py migrate --noinput -v0
if [ "$SCALE" = country ]; then
  $BIN/python manage.py seed_bench --scale country --years "$YEARS"
else
  $BIN/python manage.py seed_bench --councils "$COUNCILS" --years "$YEARS"
fi
$BIN/python manage.py collectstatic --noinput -v0
# Planner statistics as autovacuum keeps them on a live server (figures refreshed since the load change them).
$BIN/python -c 'import os, django; os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings"); django.setup()
from django.db import connection
connection.cursor().execute("ANALYZE")'

PAGES=$($BIN/python - <<'PY'
import json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")
import django
django.setup()
from council.models import Council, Field, User
from reports.bench.scale import COMMUNE_USERS

province = Council.objects.get(code="bench-province")
commune = Council.objects.filter(parent=province).order_by("code").first()


def mix(council, prefix, office, leader, delegate):
    field = Field.objects.filter(council=council).order_by("pk").first()
    return {
        f"{prefix}petition_list": [office, f"/petitions/?state=transferred&field={field.pk}", 3],
        f"{prefix}followup_list": [office, "/followups/", 3],
        f"{prefix}search": [office, "/petitions/?q=sat+lo+bo+song", 3],
        f"{prefix}dashboard": [leader, "/dashboard/", 3],
        f"{prefix}participation": [delegate, "/me/participation/", 2],
        f"{prefix}petition_form": [office, "/petitions/new/", 1, "form"],
    }


pages = {"healthz": ["", "/healthz", 2]}
if User.objects.filter(username__in=COMMUNE_USERS).count() == len(COMMUNE_USERS):
    pages |= mix(province, "province ", "bench_office", "bench_leader", "bench_delegate")
    pages |= mix(commune, "commune ", *COMMUNE_USERS)
else:  # a province set loaded before the commune users were added: the province's mix only
    pages |= mix(province, "", "bench_office", "bench_leader", "bench_delegate")
print(json.dumps(pages))
PY
)
QUERIES=$($BIN/python manage.py bench_queries --pages "$(echo "$PAGES" | $BIN/python -c 'import json,sys; print(json.dumps({k: v[:2] for k, v in json.load(sys.stdin).items() if k != "healthz"}))')")

GUNICORN=""
stop_gunicorn() { if [ -n "$GUNICORN" ]; then kill "$GUNICORN" 2>/dev/null || true; wait "$GUNICORN" 2>/dev/null || true; GUNICORN=""; fi; }
REPLICA_STARTED=""
cleanup() {
  stop_gunicorn
  if [ -n "$REPLICA_STARTED" ]; then bash scripts/replica.sh stop >/dev/null || true; fi
}
trap cleanup EXIT
# The load generator on its own core where the machine has more than one.
TASKSET=""
if command -v taskset >/dev/null && [ "$(nproc)" -gt 1 ]; then TASKSET="taskset -c $(( $(nproc) - 1 ))"; fi

measure() {  # $1: what this run is (printed above its table)
  $BIN/gunicorn council.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" --log-level warning \
    --access-logfile /dev/null &
  GUNICORN=$!
  for _ in $(seq 1 60); do
    curl -fs "http://127.0.0.1:$PORT/healthz" -H "X-Forwarded-Proto: https" >/dev/null 2>&1 && break
    sleep 0.5
  done
  echo "Warming up (15 s)…"
  $BIN/python scripts/bench_load.py "http://127.0.0.1:$PORT" 15 "$USERS" "$PAGES" "$QUERIES" \
    "${BENCH_PASSWORD:-bench2026}" >/dev/null
  echo "Measuring ($1, $SCALE scale) for $SECONDS_ s with $USERS concurrent users against $WORKERS gunicorn workers:"
  $TASKSET $BIN/python scripts/bench_load.py "http://127.0.0.1:$PORT" "$SECONDS_" "$USERS" "$PAGES" "$QUERIES" \
    "${BENCH_PASSWORD:-bench2026}" | tee "var/bench-$SCALE-$2.txt"
  stop_gunicorn
}

mkdir -p var
if [ "${BENCH_REPLICA:-1}" != 0 ] && [ -f scripts/replica.sh ]; then
  DBNAME=$($BIN/python -c 'import sys, environ; print(environ.Env.db_url_config(sys.argv[1])["NAME"])' "$PGURL")
  echo "Starting a streaming read replica of the bench database (scripts/replica.sh):"
  if bash scripts/replica.sh start; then
    REPLICA_STARTED=1
    REPLICA_URL="postgres://postgres@127.0.0.1:${REPLICA_PORT:-5433}/$DBNAME"
    export REPLICA_DATABASE_URL="$REPLICA_URL"
    measure "dashboards and reports read from the replica at $REPLICA_URL" replica
    unset REPLICA_DATABASE_URL
    bash scripts/replica.sh stop >/dev/null || true
    REPLICA_STARTED=""
  else
    echo "The replica could not start (above: why); measuring without it only."
  fi
fi
measure "one PostgreSQL server, no replica" primary
# The duplicate finder against a province's 100,000 petitions (its own council, loaded once), after the load
# test so that it does not share the machine with it.
echo "Duplicate finder, one opinion against a province's petitions:"
$BIN/python manage.py bench_matching --petitions "${BENCH_MATCHING_PETITIONS:-100000}"
