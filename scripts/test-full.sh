#!/usr/bin/env bash
# The whole suite on PostgreSQL, plus the tests that need real services: a Celery worker on Redis,
# a streaming read replica (scripts/replica.sh) and browser tests in headless Chromium. Checks its
# prerequisites first and never skips silently.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PGURL=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hdnd}
REDIS=${TEST_REDIS_URL:-redis://127.0.0.1:6379/15}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

missing=()
$BIN/python - "$PGURL" <<'PY' || missing+=("PostgreSQL at $PGURL (start it, or set TEST_DATABASE_URL)")
import sys, environ, psycopg2
cfg = environ.Env.db_url_config(sys.argv[1])
conn = psycopg2.connect(host=cfg["HOST"], port=cfg["PORT"] or 5432, user=cfg["USER"], password=cfg["PASSWORD"], dbname="postgres", connect_timeout=3)
conn.autocommit = True
with conn.cursor() as cur:
    cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]])
    if cur.fetchone() is None:  # the migration check connects to it; pytest makes its own test_ copy
        cur.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
conn.close()
PY
$BIN/python - "$REDIS" <<'PY' || missing+=("Redis at $REDIS (start it, or set TEST_REDIS_URL)")
import sys, redis
redis.Redis.from_url(sys.argv[1], socket_connect_timeout=3).ping()
PY
[ -x "$CHROMIUM" ] || missing+=("Chromium at $CHROMIUM (apt-get install chromium, or set CHROMIUM)")
$BIN/python -c "import playwright.sync_api" 2>/dev/null || missing+=("Playwright's Python package (make install-dev)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "make test-full cannot run; missing:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 2
fi

# A streaming read replica of the test server for tests/test_replica_full.py (its own port and directory,
# so a replica started by hand on 5433 is left alone); stopped, and everything it changed undone, on exit.
read -r PRIMARY_HOST PRIMARY_PORT < <($BIN/python -c "import sys, environ; c = environ.Env.db_url_config(sys.argv[1]); print(c['HOST'] or '127.0.0.1', c['PORT'] or 5432)" "$PGURL")
export PRIMARY_HOST PRIMARY_PORT REPLICA_PORT=${TEST_REPLICA_PORT:-5434}
export REPLICA_DIR=${TEST_REPLICA_DIR:-/tmp/hdnd-test-replica-$REPLICA_PORT}
trap 'scripts/replica.sh stop >/dev/null || echo "scripts/replica.sh stop failed: run it again (REPLICA_PORT=$REPLICA_PORT)" >&2' EXIT
if ! replica_log=$(scripts/replica.sh start 2>&1); then
  echo "make test-full cannot run; missing:" >&2
  echo "  - a read replica of $PRIMARY_HOST:$PRIMARY_PORT on port $REPLICA_PORT (scripts/replica.sh start said:" >&2
  printf '%s\n' "$replica_log" | sed 's/^/      /' >&2
  echo "    set TEST_REPLICA_PORT for another port)" >&2
  exit 2
fi
export TEST_REPLICA_URL="postgres://postgres@127.0.0.1:$REPLICA_PORT/postgres"

export DATABASE_URL="$PGURL" TEST_REDIS_URL="$REDIS" CHROMIUM
DEBUG=1 $BIN/python manage.py makemigrations --check --dry-run
$BIN/pytest -m "full or not full" "$@"
