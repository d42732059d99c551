"""Kindred's pages under load, beside nginx serving the same article as a file, in one run.

For each database (SQLite with the database cache; PostgreSQL with Redis when --postgres is
given) this prepares a production-like site (the set-up of scripts/smoke_production.py:
migrate, collectstatic, the demo content, optionally ``seed_scale``), starts gunicorn with
``gunicorn.conf.py`` and DEBUG off, warms every page, then runs ``wrk`` on each page and prints
requests per second, p50 and p99. nginx serves the saved article page from disk in the same
run, as the ceiling for the machine.

"article (rendered)" sends a cookie that keeps the page cache out of the way (the page is
rendered by Django every time); "article" is what a visitor gets (the page cache).

Needs ``wrk`` and ``nginx`` (``apt-get install wrk nginx``). Not run in CI.

    python benchmarks/web.py                                    # SQLite, demo content
    python benchmarks/web.py --postgres postgres://postgres@127.0.0.1:5432/postgres \
        --redis redis://127.0.0.1:6379/0 --scale                # both, with 10,000 articles
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import smoke_production as smoke  # noqa: E402


@dataclass
class Target:
    name: str
    path: str
    member: bool = False
    bypass_page_cache: bool = False
    lua: str = ""


@dataclass
class Result:
    name: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    p95_ms: float = float("nan")
    timeouts: int = 0
    load: float = float("nan")


# wrk prints p50/p75/p90/p99; this adds p95 (issue 10's search target) from wrk's own histogram.
P95_LUA = """
done = function(summary, latency, requests)
  io.write(string.format("p95 %dus\\n", latency:percentile(95)))
end
"""


def _ms(value: str) -> float:
    match = re.match(r"([\d.]+)(us|ms|s)", value)
    if not match:
        return float("nan")
    number, unit = float(match[1]), match[2]
    return number / 1000 if unit == "us" else number * 1000 if unit == "s" else number


def wrk(url: str, args: argparse.Namespace, headers: dict[str, str], lua: str = "") -> Result:
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    # wrk leaves a request that takes longer than --timeout (2 s by default) out of the
    # latency figures, as a timeout: a slow page would look faster than it is.
    command += ["--latency", "--timeout", f"{args.timeout}s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text((Path(lua).read_text() if lua else "") + P95_LUA)
    command += ["-s", str(script)]
    load = os.getloadavg()[0]
    try:
        output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    finally:
        script.unlink()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])  # type: ignore[index]
    p50 = re.search(r"\s50%\s+(\S+)", output)
    p99 = re.search(r"\s99%\s+(\S+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    p95 = re.search(r"^p95 (\d+)us", output, re.MULTILINE)
    timeouts = re.search(r"timeout (\d+)", output)
    return Result(
        name="",
        requests_per_second=rps,
        p50_ms=_ms(p50[1]) if p50 else float("nan"),
        p99_ms=_ms(p99[1]) if p99 else float("nan"),
        non_2xx=int(non_2xx[1]) if non_2xx else 0,
        timeouts=int(timeouts[1]) if timeouts else 0,
        p95_ms=int(p95[1]) / 1000 if p95 else float("nan"),
        load=load,
    )


@contextmanager
def nginx_serving(html: bytes, workdir: Path) -> Iterator[int]:
    """nginx on a free port serving ``html`` as /article.html (2 workers, like gunicorn)."""
    root = workdir / "nginx"
    (root / "www").mkdir(parents=True, exist_ok=True)
    (root / "www" / "article.html").write_bytes(html)
    # nginx's workers run as an unprivileged user: the file and its folders must be readable.
    for path in (workdir, root, root / "www", root / "www" / "article.html"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    port = smoke.free_port()
    temp = root / "temp"
    (root / "nginx.conf").write_text(
        f"""
worker_processes 2;
pid {root}/nginx.pid;
error_log {root}/error.log;
daemon off;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {temp}; proxy_temp_path {temp};
    fastcgi_temp_path {temp}; uwsgi_temp_path {temp}; scgi_temp_path {temp};
    server {{
        listen 127.0.0.1:{port};
        location / {{ root {root}/www; default_type text/html; }}
    }}
}}
"""
    )
    process = subprocess.Popen(["nginx", "-c", str(root / "nginx.conf"), "-p", str(root)])  # noqa: S607
    try:
        time.sleep(0.5)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def prepare(name: str, database_url: str, redis_url: str, args: argparse.Namespace) -> Path:
    workdir = Path(tempfile.mkdtemp(prefix=f"kindred-bench-{name}-"))
    port = smoke.free_port()
    if database_url == "sqlite":
        database_url = f"sqlite:///{workdir / 'kindred.sqlite3'}"
    env = smoke.production_env(workdir, database_url, redis_url, port)
    smoke.run(["migrate", "--no-input", "-v", "0"], env, "migrate")
    smoke.run(["collectstatic", "--no-input", "-v", "0"], env, "collectstatic")
    smoke.run(["load_demo"], {**env, "DEBUG": "1"}, "load_demo")
    if args.scale:
        sizes = ["--members", str(args.members), "--articles", str(args.articles)]
        sizes += ["--questions", str(args.questions)]
        smoke.run(["seed_scale", *sizes], {**env, "DEBUG": "1"}, "seed_scale")
    (workdir / "env.json").write_text(__import__("json").dumps({**env, "PORT": str(port)}))
    return workdir


def bench(name: str, workdir: Path, args: argparse.Namespace, stack: ExitStack) -> list[Result]:
    import json

    env = json.loads((workdir / "env.json").read_text())
    port = int(env.pop("PORT"))
    env["KINDRED_COACH_RATE_LIMIT"] = str(10**9)  # measure the API, not the 429s
    env["GUNICORN_WORKERS"] = str(args.workers)
    client = smoke.Client(port)
    results: list[Result] = []
    with smoke.gunicorn(env, port, workdir / "gunicorn.log"):
        pages = {p: client.get_ok(p) for p in ["/articles/", "/questions/"]}
        article = smoke.first_match(
            r'href="(/articles/(?!feed/|category/|tag/)[a-z0-9-]+/)"', pages["/articles/"], "a"
        )
        article_html = client.get_ok(article)
        category = smoke.first_match(
            r'href="(/articles/category/[a-z0-9-]+/)"', article_html, "category"
        )
        # The member's session: sign in through the form.
        login = client.get_ok("/accounts/login/")
        token = smoke.first_match(r'name="csrfmiddlewaretoken" value="([^"]+)"', login, "csrf")
        client.request(
            "POST",
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": token,
                "login": smoke.DEMO_MEMBER[0],
                "password": "kindred-demo",
            },
        )
        learn = client.get_ok("/learn/")
        lesson = smoke.first_match(r'href="(/learn/[a-z0-9-]+/[a-z0-9-]+/)"', learn, "lesson")
        member_cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
        lua = workdir / "coach.lua"
        lua.write_text(
            'wrk.method = "POST"\n'
            'wrk.body = \'{"text": "You never call when you say you will. I am worried."}\'\n'
            'wrk.headers["Content-Type"] = "application/json"\n'
            f'wrk.headers["X-CSRFToken"] = "{client.cookies.get("csrftoken", "")}"\n'
            f'wrk.headers["Origin"] = "https://127.0.0.1:{port}"\n'
            f'wrk.headers["Referer"] = "https://127.0.0.1:{port}/my/"\n'
        )
        targets = [
            Target("home", "/"),
            Target("article", article),
            Target("article (rendered)", article, bypass_page_cache=True),
            Target("article index", "/articles/"),
            Target("category", category),
            Target("search", "/search/?q=listening"),
            Target("search (rendered)", "/search/?q=listening", bypass_page_cache=True),
            # seed_scale's made-up words are in nearly every scale article: the worst case.
            Target("search 'calm' (rendered)", "/search/?q=calm", bypass_page_cache=True),
            Target("search 'calm evening' (r.)", "/search/?q=calm+evening", bypass_page_cache=True),
            Target("public Q&A", "/questions/"),
            Target("member home", "/my/", member=True),
            Target("lesson", lesson, member=True),
            Target("toolkit", "/toolkit/", member=True),
            Target("tracker month", "/toolkit/tracker/", member=True),
            Target("coach API", "/api/coach/analyze", member=True, lua=str(lua)),
        ]
        base = f"http://127.0.0.1:{port}"
        common = {"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{port}"}
        for target in targets:  # warm every page (caches, renditions, connections)
            for _ in range(20):
                headers = dict(common)
                if target.member:
                    headers["Cookie"] = member_cookie
                if not target.lua:
                    smoke_request(port, target.path, headers)
        for target in targets:
            headers = dict(common)
            if target.member:
                headers["Cookie"] = member_cookie
            elif target.bypass_page_cache:
                headers["Cookie"] = "kindred-bench=1"
            result = wrk(base + target.path, args, headers, target.lua)
            result.name = target.name
            results.append(result)
            print(f"  {name:<10} {_row(result)}", flush=True)
            # Slow pages leave requests queued after wrk stops: let the workers drain them
            # before the next page's seconds start. With threads a /healthz can pass the
            # backlog, so also wait as long as the slowest answers took (at most 15 s).
            time.sleep(min(1.5 * r_max_ms(result) / 1000, 15))
            for _ in range(args.workers):
                smoke_request(port, "/healthz", common)
        with nginx_serving(article_html, workdir) as nginx_port:
            result = wrk(f"http://127.0.0.1:{nginx_port}/article.html", args, {})
            if result.non_2xx:
                raise SystemExit(f"nginx answered errors: see {workdir / 'nginx' / 'error.log'}")
            result.name = "nginx: the saved article"
            results.append(result)
            print(f"  {name:<10} {_row(result)}", flush=True)
    return results


def r_max_ms(result: Result) -> float:
    """wrk's slowest percentile we read (0 when wrk gave none)."""
    known = [v for v in (result.p99_ms, result.p95_ms) if v == v]  # NaN != NaN
    return max(known, default=0.0)


def smoke_request(port: int, path: str, headers: dict[str, str]) -> None:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers=headers)
    conn.getresponse().read()
    conn.close()


def _row(r: Result) -> str:
    bad = f"  ({r.non_2xx} non-2xx)" if r.non_2xx else ""
    bad += f"  ({r.timeouts} timeouts)" if r.timeouts else ""
    return (
        f"{r.name:<28} {r.requests_per_second:>9.0f} req/s  p50 {r.p50_ms:>7.2f} ms  "
        f"p95 {r.p95_ms:>7.2f} ms  p99 {r.p99_ms:>7.2f} ms  load {r.load:4.1f}{bad}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--postgres", help="admin URL of a PostgreSQL server (a database is made)")
    parser.add_argument(
        "--postgres-database",
        help="URL of an existing PostgreSQL database to use and keep (instead of --postgres)",
    )
    parser.add_argument(
        "--prepared",
        help="a directory kept (--keep) from an earlier PostgreSQL run: skip the set-up (seeding "
        "10,000 articles takes minutes) and use its database and keys as they are",
    )
    parser.add_argument("--redis", default="")
    parser.add_argument("--scale", action="store_true", help="add seed_scale data first")
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--questions", type=int, default=1_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=10, help="wrk's per-request timeout (s)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if shutil.which(tool) is None:
            print(f"{tool} is not installed (apt-get install wrk nginx).", file=sys.stderr)
            return 2
    print(f"load average before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    workdirs: list[Path] = []
    all_results: dict[str, list[Result]] = {}
    with ExitStack() as stack:
        if args.sqlite:
            workdirs.append(prepare("sqlite", "sqlite", "", args))
            all_results["sqlite"] = bench("sqlite", workdirs[-1], args, stack)
        if args.postgres or args.postgres_database:
            url = args.postgres_database or stack.enter_context(
                smoke.postgres_database(args.postgres, keep=args.keep)
            )
            workdirs.append(prepare("postgresql", url, args.redis, args))
            all_results["postgresql"] = bench("postgresql", workdirs[-1], args, stack)
        if args.prepared:  # after the others: e.g. small data above, the scale data here
            all_results["prepared"] = bench("prepared", Path(args.prepared), args, stack)
    print(f"\nload average after: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    for db, results in all_results.items():
        nginx = results[-1].requests_per_second
        print(f"\n{db}: wrk -t{args.threads} -c{args.connections} -d{args.duration}s")
        for r in results:
            print(f"  {_row(r)}  {100 * r.requests_per_second / nginx:6.2f}% of nginx")
    if args.keep:
        print("kept: " + " ".join(str(w) for w in workdirs))
    else:
        for workdir in workdirs:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
