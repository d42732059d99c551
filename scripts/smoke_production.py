"""The production path, end to end: what CI runs from a clean clone (issue 10).

For each database (SQLite, and PostgreSQL + Redis when DATABASE_URL/REDIS_URL-style admin URLs
are given) this script, in a fresh temporary directory:

1. runs ``migrate`` (with the system checks), ``check --deploy --fail-level WARNING`` and
   ``collectstatic`` with the production environment (DEBUG off, real secrets, HTTPS on);
2. loads the demo content (``load_demo`` needs DEBUG=1 for that one command: it creates
   accounts with a public password) so that there are pages, images and a member;
3. starts gunicorn with ``gunicorn.conf.py`` (DEBUG off, 2 workers, no shared control socket)
   on a free loopback port, the same command as ``compose.yaml`` and ``make serve``;
4. fetches the core public pages, a static file, an uploaded image's rendition, ``/healthz``,
   and signs the demo member in to fetch the member home and a lesson, failing on any answer
   that is not 2xx.

Requests carry ``X-Forwarded-Proto: https``, as a TLS-terminating proxy sends it
(BEHIND_HTTPS_PROXY=1), so HTTPS redirects and secure cookies stay on as in production.

    python scripts/smoke_production.py                       # SQLite only
    python scripts/smoke_production.py --postgres postgres://postgres@127.0.0.1:5432/postgres \
        --redis redis://127.0.0.1:6379/0                     # and PostgreSQL + Redis
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
DEMO_MEMBER = ("member@example.com", "kindred-demo")

PUBLIC_PAGES = [
    "/",
    "/articles/",
    "/stories/",
    "/recordings/",
    "/questions/",
    "/search/?q=listening",
    "/get-help/",
    "/accounts/login/",
    "/robots.txt",
    "/sitemap.xml",
]


KEPT_VARIABLES = ["SECRET_KEY", "KINDRED_ENCRYPTION_KEYS", "CACHE_KEY_PREFIX"]


class SmokeFailure(Exception):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def production_env(workdir: Path, database_url: str, redis_url: str, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "KINDRED_ENCRYPTION_KEYS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{port}",
            "SITE_URL": f"https://127.0.0.1:{port}",
            "BEHIND_HTTPS_PROXY": "1",
            "KINDRED_VAR_DIR": str(workdir / "var"),
            "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(workdir / "static"),
            "DATABASE_URL": database_url,
            "CACHE_KEY_PREFIX": f"smoke-{secrets.token_hex(4)}",
            "GUNICORN_WORKERS": "2",
            "PYTHONUNBUFFERED": "1",
        }
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def run(args: list[str], env: dict[str, str], label: str) -> None:
    started = time.monotonic()
    result = subprocess.run(  # noqa: S603 (our own commands)
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    took = time.monotonic() - started
    if result.returncode != 0:
        sys.stdout.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise SmokeFailure(f"{label}: `manage.py {' '.join(args)}` exited {result.returncode}")
    print(f"  ok  {label} ({took:.1f}s)")


@contextmanager
def gunicorn(env: dict[str, str], port: int, log: Path) -> Iterator[None]:
    with log.open("w") as out:
        process = subprocess.Popen(  # noqa: S603 (our own command)
            [GUNICORN, "config.wsgi", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise SmokeFailure(f"gunicorn exited with {process.returncode}:\n{log.read_text()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise SmokeFailure("gunicorn did not start within 30 s") from None
                time.sleep(0.2)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Client:
    """A cookie-keeping HTTP client for the local server.

    ``behind_https`` (the default) presents every request as arriving through the TLS proxy of
    production settings; ``False`` talks plain http (the Wapiti scan's server).
    """

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    behind_https: bool = True
    user_agent: str = "kindred-smoke"

    def request(
        self, method: str, path: str, body: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        scheme = "https" if self.behind_https else "http"
        headers = {"Host": f"127.0.0.1:{self.port}", "User-Agent": self.user_agent}
        if self.behind_https:
            headers["X-Forwarded-Proto"] = "https"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"{scheme}://127.0.0.1:{self.port}{path}"
            headers["Origin"] = f"{scheme}://127.0.0.1:{self.port}"
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        content = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        result = (response.status, {k.lower(): v for k, v in response.getheaders()}, content)
        conn.close()
        return result

    def get_ok(self, path: str) -> bytes:
        status, headers, content = self.request("GET", path)
        if not 200 <= status < 300:
            where = f" -> {headers.get('location')}" if "location" in headers else ""
            raise SmokeFailure(f"GET {path} answered {status}{where}")
        print(f"  ok  GET {path} {status} ({len(content)} bytes)")
        return content


def first_match(pattern: str, content: bytes, what: str) -> str:
    match = re.search(pattern, content.decode(errors="replace"))
    if not match:
        raise SmokeFailure(f"no {what} found")
    return match.group(1)


def exercise(client: Client) -> None:
    pages = {path: client.get_ok(path) for path in PUBLIC_PAGES}
    client.get_ok("/healthz")
    home = pages["/"]
    client.get_ok(first_match(r'href="(/static/[^"]+\.css)"', home, "stylesheet"))
    article = first_match(
        r'href="(/articles/(?!feed/|category/|tag/)[a-z0-9-]+/)"',
        pages["/articles/"],
        "article link",
    )
    article_html = client.get_ok(article)
    client.get_ok(first_match(r'href="(/articles/category/[a-z0-9-]+/)"', article_html, "category"))
    # An uploaded image: the demo articles carry generated illustrations; the page shows a
    # rendition, made on first view and served with DEBUG off.
    client.get_ok(first_match(r'<img[^>]+src="(/media/[^"]+)"', article_html, "image"))
    client.get_ok(
        first_match(
            r'href="(/questions/(?!feed/|ask/)[a-z0-9-]+/)"', pages["/questions/"], "answer"
        )
    )

    # A member: sign in through the real form (CSRF and all), then the member pages.
    login_html = client.get_ok("/accounts/login/")
    token = first_match(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_html, "CSRF token")
    status, headers, _ = client.request(
        "POST",
        "/accounts/login/",
        {"csrfmiddlewaretoken": token, "login": DEMO_MEMBER[0], "password": DEMO_MEMBER[1]},
    )
    if status != 302:
        raise SmokeFailure(f"signing the demo member in answered {status}, not a redirect")
    print(f"  ok  POST /accounts/login/ {status} -> {headers.get('location')}")
    client.get_ok("/my/")
    learn = client.get_ok("/learn/")
    lesson = first_match(r'href="(/learn/[a-z0-9-]+/[a-z0-9-]+/)"', learn, "lesson link")
    client.get_ok(lesson)


def smoke(name: str, database_url: str, redis_url: str, keep: bool, reuse: str = "") -> None:
    print(f"\n--- {name} ---")
    workdir = Path(reuse or tempfile.mkdtemp(prefix=f"kindred-smoke-{name}-"))
    port = free_port()
    if database_url == "sqlite":
        database_url = f"sqlite:///{workdir / 'kindred.sqlite3'}"
    env = production_env(workdir, database_url, redis_url, port)
    saved = workdir / "env.json"
    if reuse:  # a kept directory: same secrets, skip the set-up (for working on this script)
        env = {**env, **{k: v for k, v in json.loads(saved.read_text()).items() if k != "PORT"}}
        env["CSRF_TRUSTED_ORIGINS"] = env["SITE_URL"] = f"https://127.0.0.1:{port}"
    try:
        if not reuse:
            saved.write_text(json.dumps({k: env[k] for k in KEPT_VARIABLES}))
            run(["migrate", "--no-input", "-v", "0"], env, "migrate")
            run(["check", "--deploy", "--fail-level", "WARNING"], env, "check --deploy")
            run(["collectstatic", "--no-input", "-v", "0"], env, "collectstatic")
            run(["load_demo"], {**env, "DEBUG": "1"}, "load_demo (demo content)")
        with gunicorn(env, port, workdir / "gunicorn.log"):
            exercise(Client(port))
        print(f"  {name}: every page answered 2xx with DEBUG off")
    finally:
        if keep:
            print(f"  kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def postgres_database(admin_url: str, keep: bool = False) -> Iterator[str]:
    """A fresh database for this run, dropped afterwards unless ``keep`` (other runs may
    share the server)."""
    import psycopg

    name = f"kindred_smoke_{secrets.token_hex(4)}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urllib.parse.urlunsplit(urllib.parse.urlsplit(admin_url)._replace(path=f"/{name}"))
    finally:
        if keep:
            print(f"kept database: {name}")
        else:
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--postgres", help="admin URL of a PostgreSQL server (a database is made)")
    parser.add_argument("--redis", default="", help="Redis URL for the PostgreSQL run")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directories")
    parser.add_argument("--reuse", default="", help="a kept SQLite directory: skip the set-up")
    args = parser.parse_args()
    started = time.monotonic()
    try:
        if args.sqlite:
            smoke("sqlite", "sqlite", "", args.keep or bool(args.reuse), args.reuse)
        if args.postgres:
            with postgres_database(args.postgres) as url:
                smoke("postgresql+redis", url, args.redis, args.keep)
    except SmokeFailure as failure:
        print(f"\nFAILED: {failure}", file=sys.stderr)
        return 1
    print(f"\nProduction smoke test passed in {time.monotonic() - started:.0f}s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
