"""Fault proof (issue 11): PostgreSQL restarted under load, how long until requests succeed.

Starts the production server exactly as ``scripts/smoke_production.py`` does (gunicorn with
``gunicorn.conf.py``, DEBUG off, PostgreSQL + Redis, a fresh database of its own, dropped at the
end), keeps a few clients requesting pages that read the database without pause, restarts the
PostgreSQL cluster once, and prints:

- how long the restart command took;
- the outage as the clients saw it: from the first failed request (or the restart, if none
  failed) to the moment every client had a success again, and the failures per status;
- the recovery: from the moment PostgreSQL accepts connections again (a probe connects every
  50 ms) to the first success of every client after its last failure.

This restarts the whole PostgreSQL server, so run it on a machine where a blip for other users
is acceptable (a development machine, never production)::

    python scripts/fault_pg_restart.py --postgres postgres://postgres@127.0.0.1:5432/postgres \\
        --redis redis://127.0.0.1:6379/4 \\
        --restart "pg_ctlcluster --skip-systemctl-redirect 15 main restart"   # the default

It prints figures; it fails (exit 1) only when requests have not recovered within ``--limit``
seconds (5 by default) after PostgreSQL accepted connections again.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from smoke_production import (  # the sibling script, imported by path
    Client,
    free_port,
    gunicorn,
    postgres_database,
    production_env,
    run,
)

# Pages that need the database on every request: the health check (SELECT 1) and a search
# with a new word each time (Wagtail's database search; never served from the page cache).
# "{n}" becomes a counter.
PATHS = ["/healthz", "/search/?q=listening{n}"]


@dataclass
class Load:
    port: int
    clients: int
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    # (monotonic time, client number, status or 0 for a connection error)
    events: list[tuple[float, int, int]] = field(default_factory=list)

    def worker(self, number: int) -> None:
        client = Client(self.port)
        i = 0
        while not self.stop.is_set():
            path = PATHS[(i + number) % len(PATHS)].format(n=f"{number}x{i}")
            i += 1
            try:
                status = client.request("GET", path)[0]
            except OSError:
                status = 0
            with self.lock:
                self.events.append((time.monotonic(), number, status))
            if status == 0:
                time.sleep(0.05)  # the server is down: do not spin

    def probe(self, url: str) -> None:
        """Note when PostgreSQL itself refuses and accepts new connections (client -1)."""
        import psycopg

        while not self.stop.is_set():
            try:
                with psycopg.connect(url, connect_timeout=1) as conn:
                    conn.execute("SELECT 1")
                status = 200
            except psycopg.Error:
                status = 0
            with self.lock:
                self.events.append((time.monotonic(), -1, status))
            time.sleep(0.05)

    def run(self, url: str) -> list[threading.Thread]:
        threads = [
            threading.Thread(target=self.worker, args=(n,), daemon=True)
            for n in range(self.clients)
        ]
        threads.append(threading.Thread(target=self.probe, args=(url,), daemon=True))
        for thread in threads:
            thread.start()
        return threads


def ok(status: int) -> bool:
    return 200 <= status < 400


def report(load: Load, restart_started: float, restart_ended: float, limit: float) -> bool:
    probes = sorted(e for e in load.events if e[1] == -1)
    events = sorted(e for e in load.events if e[1] != -1)
    before = [e for e in events if e[0] < restart_started]
    after = [e for e in events if e[0] >= restart_started]
    failures = [e for e in after if not ok(e[2])]
    failed_before = sum(not ok(e[2]) for e in before)
    print(f"  requests before the restart: {len(before)}, failed {failed_before}")
    print(f"  restart command took {restart_ended - restart_started:.2f} s")
    down = [e[0] for e in probes if e[0] >= restart_started and not ok(e[2])]
    if down:
        back = min((e[0] for e in probes if e[0] > down[-1] and ok(e[2])), default=restart_ended)
        print(
            f"  PostgreSQL refused new connections from {down[0] - restart_started:.2f} s to "
            f"{back - restart_started:.2f} s after the restart began"
        )
    else:
        back = restart_ended
        print("  the probe never saw PostgreSQL refuse a connection")
    outage_start = failures[0][0] if failures else restart_started
    recovered_at = back
    every_client_recovered = True
    for number in range(load.clients):
        mine = [e for e in after if e[1] == number]
        last_failure = max((e[0] for e in mine if not ok(e[2])), default=restart_started)
        successes = [e[0] for e in mine if ok(e[2]) and e[0] > last_failure]
        if not successes:
            every_client_recovered = False
            print(f"  client {number}: no success after its last failure")
            continue
        recovered_at = max(recovered_at, successes[0])
    counts = Counter("connection refused/reset" if e[2] == 0 else str(e[2]) for e in failures)
    print(f"  requests from the restart on: {len(after)}, failed {len(failures)}")
    for what, count in sorted(counts.items()):
        print(f"    {count} x {what}")
    if failures:
        print(f"  last failure {failures[-1][0] - back:+.2f} s after PostgreSQL was back")
    outage = recovered_at - outage_start
    recovery = recovered_at - back
    print(f"  outage seen by the clients: {outage:.2f} s (first failure to every client served)")
    print(
        f"  recovery: every client served {recovery:.2f} s after PostgreSQL accepted "
        f"connections again (limit {limit:.0f} s)"
    )
    return every_client_recovered and recovery <= limit


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", required=True, help="admin URL (a database is made)")
    parser.add_argument("--redis", default="", help="Redis URL (the cache and sessions)")
    parser.add_argument(
        "--restart",
        default="pg_ctlcluster --skip-systemctl-redirect 15 main restart",
        help="the command that restarts PostgreSQL",
    )
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients")
    parser.add_argument("--before", type=float, default=3.0, help="seconds of load before")
    parser.add_argument("--after", type=float, default=8.0, help="seconds of load after")
    parser.add_argument("--limit", type=float, default=5.0, help="recovery limit in seconds")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="kindred-fault-pg-"))
    port = free_port()
    try:
        with postgres_database(args.postgres) as url:
            env = production_env(workdir, url, args.redis, port)
            run(["migrate", "--no-input", "-v", "0"], env, "migrate")
            run(["collectstatic", "--no-input", "-v", "0"], env, "collectstatic")
            with gunicorn(env, port, workdir / "gunicorn.log"):
                warm = Client(port)
                for path in (p.format(n="warm") for p in PATHS):
                    status = warm.request("GET", path)[0]
                    if not ok(status):
                        print(f"  GET {path} answered {status} before any fault", file=sys.stderr)
                        return 1
                load = Load(port, args.clients)
                threads = load.run(url)
                time.sleep(args.before)
                print(f"  restarting PostgreSQL: {args.restart}")
                restart_started = time.monotonic()
                subprocess.run(shlex.split(args.restart), check=True)  # noqa: S603 (operator's command)
                restart_ended = time.monotonic()
                time.sleep(args.after)
                load.stop.set()
                for thread in threads:
                    thread.join(timeout=35)
            passed = report(load, restart_started, restart_ended, args.limit)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print("Recovered within the limit." if passed else "NOT recovered within the limit.")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
