#!/usr/bin/env bash
# A PostgreSQL 15 streaming read replica of this machine's own server, for trying REPLICA_DATABASE_URL
# (council/db_router.py) and for make test-full:
#
#   scripts/replica.sh start    copy the primary (pg_basebackup -R) and start the copy on a spare port
#   scripts/replica.sh status   running? in recovery? how far behind (bytes, seconds)
#   scripts/replica.sh stop     stop it and undo everything start did (idempotent)
#
# Environment: REPLICA_DIR (default /tmp/hdnd-replica), REPLICA_PORT (default 5433), PRIMARY_HOST
# (127.0.0.1), PRIMARY_PORT (5432), PG_BIN (/usr/lib/postgresql/15/bin).
#
# On the primary, start adds exactly one line to pg_hba.conf (marked "# hdnd-replica port <port>": the copy
# connects to stream the changes) and one physical replication slot (hdnd_replica_<port>: the primary keeps
# the changes the copy has not received yet, so it never falls behind for good), then reloads the
# configuration. stop removes both and reloads again. A slot whose replica is gone keeps WAL on the primary
# forever: status warns about one, and stop (or the next start) drops it. A start that fails undoes all of
# it and leaves nothing running.
set -euo pipefail

DIR=${REPLICA_DIR:-/tmp/hdnd-replica}
PORT=${REPLICA_PORT:-5433}
PRIMARY_HOST=${PRIMARY_HOST:-127.0.0.1}
PRIMARY_PORT=${PRIMARY_PORT:-5432}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
SLOT="hdnd_replica_${PORT}"
MARK="# hdnd-replica port ${PORT}"
HBA_LINE="host replication postgres 127.0.0.1/32 trust  ${MARK}"
DATA="$DIR/data"
LOG="$DIR/postgresql.log"
OURS="$DIR/.hdnd-replica"  # start's mark: only a directory holding it is ever removed

say() { echo "replica: $*"; }
die() { echo "replica: $*" >&2; exit 1; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

primary_sql() {  # one value from the primary
  psql -X -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -Atq -c "$1"
}

replica_sql() {
  psql -X -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -Atq -c "$1"
}

server_running() {
  [ -f "$DATA/postmaster.pid" ] && as_postgres "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

port_taken() {  # something listens on the port (ours or not)
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null
}

hba_file() {
  primary_sql "SHOW hba_file"
}

hba_remove() {
  local hba
  hba=$(hba_file 2>/dev/null) || return 0
  [ -f "$hba" ] || return 0
  if grep -qF -- "$MARK" "$hba"; then
    # Rewritten in place (same file, owner and mode), keeping every other line as it was.
    local kept
    kept=$(mktemp)
    grep -vF -- "$MARK" "$hba" >"$kept" || true
    cat "$kept" >"$hba"
    rm -f -- "$kept"
    primary_sql "SELECT pg_reload_conf()" >/dev/null
    say "removed the replication line from $hba and reloaded the primary"
  fi
}

slot_drop() {
  local exists
  exists=$(primary_sql "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '$SLOT'" 2>/dev/null) || return 0
  [ "$exists" = 1 ] || return 0
  # The primary's sender lets go of the slot a moment after the replica stops.
  for _ in $(seq 1 50); do
    if [ "$(primary_sql "SELECT active FROM pg_replication_slots WHERE slot_name = '$SLOT'")" = f ]; then
      primary_sql "SELECT pg_drop_replication_slot('$SLOT')" >/dev/null
      say "dropped the replication slot $SLOT"
      return 0
    fi
    sleep 0.2
  done
  echo "replica: the slot $SLOT is still in use; drop it with SELECT pg_drop_replication_slot('$SLOT')" >&2
  return 1
}

undo_all() {  # stop the server, drop the slot, remove the line and the directory: whatever exists
  local ok=0
  if server_running; then
    as_postgres "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null || ok=1
    say "stopped the replica on port $PORT"
  fi
  slot_drop || ok=1
  hba_remove || ok=1
  if [ -d "$DIR" ]; then
    if [ -f "$OURS" ]; then
      rm -rf -- "$DIR"
      say "removed $DIR"
    elif [ -n "$(ls -A "$DIR")" ]; then
      echo "replica: $DIR is not one this script made (no $OURS): left as it is" >&2
      ok=1
    else
      rmdir -- "$DIR"
    fi
  fi
  return $ok
}

url() { echo "postgres://postgres@127.0.0.1:$PORT/${1:-<database>}"; }

start() {
  if server_running; then
    say "already running on port $PORT"
    url
    return 0
  fi
  # Checks that change nothing come first.
  [ -x "$PG_BIN/pg_basebackup" ] || die "cannot start: $PG_BIN/pg_basebackup is missing (set PG_BIN)"
  primary_sql "SELECT 1" >/dev/null 2>&1 ||
    die "cannot start: the primary at $PRIMARY_HOST:$PRIMARY_PORT does not answer as user postgres"
  [ "$(primary_sql "SHOW wal_level")" != minimal ] ||
    die "cannot start: the primary's wal_level is minimal (replica is needed)"
  if port_taken; then
    die "cannot start: port $PORT is already in use (choose another with REPLICA_PORT)"
  fi
  if [ -e "$DIR" ] && [ ! -f "$OURS" ] && [ -n "$(ls -A "$DIR" 2>/dev/null)" ]; then
    die "cannot start: $DIR exists and is not one this script made (choose another with REPLICA_DIR)"
  fi
  id postgres >/dev/null 2>&1 || die "cannot start: there is no postgres user on this machine"

  # From here on a failure undoes everything.
  trap 'rc=$?; if [ $rc -ne 0 ]; then echo "replica: start failed; undoing it" >&2; undo_all || true; fi' EXIT
  undo_all >/dev/null 2>&1 || true  # a leftover of a crashed run: its slot, line and directory
  mkdir -p "$DIR"
  touch "$OURS"
  chown postgres: "$DIR" "$OURS"
  chmod 700 "$DIR"

  local hba
  hba=$(hba_file)
  [ -w "$hba" ] || die "cannot start: cannot write $hba (run as root or as postgres)"
  printf '%s\n' "$HBA_LINE" >>"$hba"
  primary_sql "SELECT pg_reload_conf()" >/dev/null
  say "added '$HBA_LINE' to $hba and reloaded the primary"
  # The reload is asynchronous: wait until a replication connection is let in.
  local ready=no
  for _ in $(seq 1 50); do
    if psql -X "host=$PRIMARY_HOST port=$PRIMARY_PORT user=postgres replication=true dbname=postgres" \
      -Atqc "IDENTIFY_SYSTEM" >/dev/null 2>&1; then
      ready=yes
      break
    fi
    sleep 0.1
  done
  [ $ready = yes ] || die "cannot start: the primary refuses replication connections even after the reload"

  say "copying the primary (pg_basebackup) into $DATA"
  if ! as_postgres "$PG_BIN/pg_basebackup" -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres -D "$DATA" \
    -R -X stream -C -S "$SLOT" --checkpoint=fast --no-sync --no-password >"$DIR/basebackup.log" 2>&1; then
    cat "$DIR/basebackup.log" >&2
    die "cannot start: pg_basebackup failed (above)"
  fi

  # The copy's own settings. A standby needs these at least as large as on the primary.
  local settings name
  settings=""
  for name in max_connections max_worker_processes max_wal_senders max_prepared_transactions \
    max_locks_per_transaction; do
    settings+="$name = $(primary_sql "SHOW $name")"$'\n'
  done
  cat >"$DATA/postgresql.conf" <<CONF
# Written by scripts/replica.sh: a read replica of $PRIMARY_HOST:$PRIMARY_PORT.
port = $PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
hot_standby = on
hot_standby_feedback = on
archive_mode = off
# A scratch copy: after a crash it is made again (stop, start), never recovered, so it skips every fsync.
fsync = off
shared_buffers = 64MB
logging_collector = off
$settings
CONF
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$DATA/pg_hba.conf"
  : >"$DATA/pg_ident.conf"
  chown postgres: "$DATA/postgresql.conf" "$DATA/pg_hba.conf" "$DATA/pg_ident.conf"

  # Port, addresses and socket on the command line too: they win over anything postgresql.auto.conf holds.
  if ! as_postgres "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
    -o "-c port=$PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$DIR -c hot_standby=on" \
    start >/dev/null; then
    tail -n 20 "$LOG" >&2 || true
    die "cannot start: the replica server did not come up (its log, above: $LOG)"
  fi
  local recovering=""
  for _ in $(seq 1 100); do
    recovering=$(replica_sql "SELECT pg_is_in_recovery()" 2>/dev/null || true)
    [ "$recovering" = t ] && break
    sleep 0.2
  done
  [ "$recovering" = t ] || die "cannot start: the replica does not accept connections in recovery (log: $LOG)"
  trap - EXIT
  say "running on port $PORT (streaming from $PRIMARY_HOST:$PRIMARY_PORT, log $LOG); use:"
  url
}

status() {
  if ! server_running; then
    say "not running (port $PORT)"
    if [ "$(primary_sql "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '$SLOT'" 2>/dev/null)" = 1 ]; then
      echo "replica: warning: the slot $SLOT remains and keeps WAL on the primary: run scripts/replica.sh stop" >&2
    fi
    return 3
  fi
  local recovering
  recovering=$(replica_sql "SELECT pg_is_in_recovery()" 2>/dev/null || true)
  if [ "$recovering" != t ]; then
    say "running on port $PORT but not answering as a replica (in recovery: ${recovering:-no answer})"
    return 1
  fi
  local replayed seconds bytes
  replayed=$(replica_sql "SELECT pg_last_wal_replay_lsn()")
  seconds=$(replica_sql "SELECT COALESCE(round(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::numeric, 1)::text, 'unknown')")
  bytes=$(primary_sql "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '$replayed')")
  if [ "$bytes" = 0 ]; then
    say "running on port $PORT, streaming, caught up (0 bytes behind; last replayed transaction ${seconds} s ago)"
  else
    say "running on port $PORT, streaming, $bytes bytes behind (last replayed transaction ${seconds} s ago)"
  fi
  url
}

case "${1:-}" in
  start) start ;;
  stop)
    undo_all
    say "stopped (nothing of it remains)"
    ;;
  status) status ;;
  *)
    echo "usage: $0 start|stop|status   (REPLICA_DIR, REPLICA_PORT: see the top of this script)" >&2
    exit 2
    ;;
esac
