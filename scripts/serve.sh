#!/usr/bin/env bash
# `make serve`: Kindred as in production (DEBUG off, gunicorn, a background worker and
# scheduled publishing; the Procfile's processes) on http://127.0.0.1:$PORT.
#
# Loopback only: plain HTTP is allowed (no HTTPS redirect, cookies not marked secure), which
# a real deployment never does. Secrets are made once and kept in var/serve.env (not
# committed). DATABASE_URL / REDIS_URL from the environment are used if set (PostgreSQL +
# Redis); otherwise SQLite in var/ and the database cache.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT="${PORT:-8000}"
mkdir -p var
if [ ! -f var/serve.env ]; then
  umask 077
  {
    echo "SECRET_KEY=$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')"
    echo "KINDRED_ENCRYPTION_KEYS=$($PY -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())')"
  } > var/serve.env
fi
set -a
# shellcheck disable=SC1091
. var/serve.env
DEBUG=0
ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
SITE_URL="${SITE_URL:-http://127.0.0.1:$PORT}"
SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 SECURE_HSTS_SECONDS=0
TASKS_BACKEND=database
GUNICORN_BIND="127.0.0.1:$PORT"
set +a

$PY manage.py migrate --no-input -v 0
$PY manage.py collectstatic --no-input -v 0
if [ "${KINDRED_DEMO:-1}" = "1" ]; then DEBUG=1 $PY manage.py load_demo; fi

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait; }
trap cleanup EXIT INT TERM
.venv/bin/gunicorn config.wsgi -c gunicorn.conf.py & pids+=($!)
$PY manage.py db_worker & pids+=($!)
(while true; do for cmd in publish_scheduled groups_tick toolkit_tick requeue_lost_tasks; do $PY manage.py $cmd -v 0 || true; done; sleep 60; done) & pids+=($!)
echo "Kindred (production settings, DEBUG off) on http://127.0.0.1:$PORT  (Ctrl+C to stop)"
wait -n
