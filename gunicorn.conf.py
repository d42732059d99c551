"""gunicorn settings for Kindred (`gunicorn config.wsgi -c gunicorn.conf.py`).

The same file serves `make serve`, the CI smoke test (scripts/smoke_production.py), the
Dockerfile and compose.yaml. Everything that differs between machines comes from the
environment; a `--bind` or `--workers` on the command line still wins.
"""

import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("GUNICORN_WORKERS", str(min(2 * (os.cpu_count() or 1) + 1, 9))))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Load the app once in the arbiter: workers share its memory and a configuration mistake stops
# the server at once with one line (config/startup.py) instead of a crash loop.
preload_app = True
# Restart workers now and then so a slow leak never takes a server down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500

# gunicorn 27 opens a control socket at ~/.gunicorn/gunicorn.ctl by default, shared by every
# instance of the same user: two servers on one machine would fight over it. Off unless a
# per-instance path is given.
_control = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
if _control:
    control_socket = _control
else:
    control_socket_disable = True

# Access lines go to stdout without query strings or cookies (a search term is member text).
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "0") == "1" else None
access_log_format = "%(t)s %(s)s %(m)s %(U)s %(B)s %(M)sms %({x-request-id}o)s"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
