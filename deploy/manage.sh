#!/bin/sh
# Run a manage.py command of the production site as the hdnd user, with its environment file:
#   sudo /srv/hdnd/app/deploy/manage.sh migrate
#   sudo /srv/hdnd/app/deploy/manage.sh backup
#   sudo HDND_ENV_FILE=/etc/hdnd/drill.env /srv/hdnd/app/deploy/manage.sh restore ARCHIVE   (the restore drill)
# HDND_ENV_FILE (default /etc/hdnd/hdnd.env) and HDND_USER (default hdnd) change what it uses.
set -eu
app_dir=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
env_file=${HDND_ENV_FILE:-/etc/hdnd/hdnd.env}
run_as=${HDND_USER:-hdnd}
if [ "$(id -un)" != "$run_as" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "Run this as root (sudo) or as $run_as." >&2
        exit 1
    fi
    exec runuser -u "$run_as" -- "$0" "$@"
fi
if [ ! -r "$env_file" ]; then
    echo "Cannot read $env_file (see deploy/hdnd.env.example)." >&2
    exit 1
fi
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
cd "$app_dir"
exec "$app_dir/.venv/bin/python" manage.py "$@"
