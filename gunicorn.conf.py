"""gunicorn settings for Kindred (`gunicorn config.wsgi -c gunicorn.conf.py`).

The same file serves `make serve`, the CI smoke test (scripts/smoke_production.py), the
Dockerfile and compose.yaml. Everything that differs between machines comes from the
environment; a `--bind` or `--workers` on the command line still wins.
"""

import gc
import itertools
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("GUNICORN_WORKERS", str(min(2 * (os.cpu_count() or 1) + 1, 9))))
# Threads (gunicorn's gthread worker): keep-alive connections and a worker that waits on the
# database or the cache while another thread works. Measured on 2 cores at load ~9.5 (wrk, 16
# connections, docs/performance.md run 7): the cached article 1,954 req/s with sync workers,
# 3,572 with 4 threads; member home 19 -> 33 req/s.
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Load the app once in the arbiter: workers share its memory and a configuration mistake stops
# the server at once with one line (config/startup.py) instead of a crash loop.
preload_app = True
# Restart workers now and then so a slow leak never takes a server down. Not too often: at
# 5,000 requests a worker serving cached pages restarted every 3-6 s under load, and the
# requests queued behind each restart made the p99 1.6-3 s (docs/performance.md run 7).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10

# Python's garbage collector and tail latency (the technique Instagram described for Django).
# A worker holds a few hundred thousand long-lived objects (the app, imported once in the
# arbiter with preload_app, then what its first requests load: templates, URL resolvers,
# Wagtail's caches), and every full collection walks them all again: one took ~0.5 s at load
# 13 (docs/performance.md, run 8), stalling every thread of the worker. gc.freeze() moves
# objects out of the collector's sight: in the arbiter just before each fork (their memory
# pages then also stay shared between workers) and once more in each worker after its first
# GUNICORN_GC_FREEZE_AFTER requests (200), after one last collection. New objects are
# collected as before, with Python's thresholds (a higher first threshold made fewer but
# longer pauses). GUNICORN_GC_FREEZE=0 keeps Python's defaults.
_gc_freeze = os.environ.get("GUNICORN_GC_FREEZE", "1") == "1"
_gc_freeze_after = int(os.environ.get("GUNICORN_GC_FREEZE_AFTER", "200"))
_served = itertools.count(1)
if _gc_freeze:
    gc.disable()  # while the app is imported in the arbiter: nothing there is garbage


def when_ready(server: object) -> None:
    if _gc_freeze:
        gc.freeze()
        gc.enable()


def pre_fork(server: object, worker: object) -> None:
    if _gc_freeze:
        gc.freeze()  # what the arbiter allocated since (little)


def post_request(worker: object, req: object, environ: object, resp: object) -> None:
    # After the response is sent. itertools.count is atomic under the GIL (gthread workers).
    if _gc_freeze and next(_served) == _gc_freeze_after:
        gc.collect()
        gc.freeze()


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
