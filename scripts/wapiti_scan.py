"""Wapiti against Kindred in production mode, signed in as the demo member (issue 11).

Wapiti is not a project dependency: install it in a throwaway virtualenv and give its path.

    python3 -m venv /tmp/wapiti-venv && /tmp/wapiti-venv/bin/pip install wapiti3
    .venv/bin/python scripts/wapiti_scan.py --wapiti /tmp/wapiti-venv/bin/wapiti

What it does, in a fresh temporary directory (as scripts/smoke_production.py does): migrate,
collectstatic and the demo content on SQLite with production settings (DEBUG off, real
secrets, 2 gunicorn workers), except that it is served over plain http on loopback (so the
HTTPS redirect and the Secure flag on cookies are off; everything else is production). It
signs the demo member in through the real sign-in form, then runs Wapiti with that session,
never following sign-out, account deletion, password or email changes, and prints the
findings by severity. Exit code 1 when any finding is medium or higher.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

from smoke_production import (
    DEMO_MEMBER,
    ROOT,
    Client,
    SmokeFailure,
    first_match,
    free_port,
    gunicorn,
    production_env,
    run,
)

# Wapiti's modules that need nothing from outside this machine (ssrf, xxe and log4shell call
# an endpoint on the internet; wapp, htp, nikto and cms download databases).
MODULES = (
    "backup,crlf,csrf,exec,file,htaccess,ldap,methods,permanentxss,redirect,"
    "shellshock,sql,timesql,upload,xss"
)
# Pages that would end the scan's session or change the account it scans with.
EXCLUDED = [
    "/accounts/logout/*",
    "/accounts/password/*",
    "/accounts/email/*",
    "/accounts/2fa/*",
    "/accounts/sessions/*",
    "/accounts/reauthenticate/*",
    "/my/account/delete/*",
    "/my/account/quick-exit/*",
    "/admin/*",
    "/django-admin/*",
]
LEVELS = {0: "info", 1: "low", 2: "medium", 3: "high", 4: "critical"}
# gunicorn's access log time, %(t)s: [01/Dec/2026:11:02:03 +0000].
ACCESS_LINE = re.compile(r"^\[(\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4})\] (\d)\d\d [A-Z]+ /")


def run_wapiti(
    command: list[str], workdir: Path
) -> tuple[int, list[tuple[str, datetime]], set[str]]:
    """Run Wapiti, echoing its console (also kept in wapiti.log), and note when each phase began.

    The phases are the crawl and then each attack module, from Wapiti's own "Launching module"
    lines; the modules stopped by --max-attack-time are returned too.
    """
    phases: list[tuple[str, datetime]] = [("crawl", datetime.now(UTC))]
    cut_short: set[str] = set()
    with (workdir / "wapiti.log").open("w") as log:
        process = subprocess.Popen(  # noqa: S603 (the command built in main)
            command,
            cwd=workdir,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        )
        if process.stdout is None:  # never, with stdout=PIPE; for the type checker
            raise SmokeFailure("Wapiti's output could not be read")
        for line in process.stdout:
            print(line, end="", flush=True)
            log.write(line)
            if started := re.search(r"Launching module (\w+)", line):
                phases.append((started[1], datetime.now(UTC)))
            if stopped := re.search(r"Max attack time was reached for module (\w+)", line):
                cut_short.add(stopped[1])
        returncode = process.wait()
    phases.append(("end", datetime.now(UTC)))
    return returncode, phases, cut_short


def per_phase(
    log: str,
    console: str,
    phases: list[tuple[str, datetime]],
    cut_short: set[str],
    report: dict,
) -> None:
    """Print requests, statuses, minutes and findings for the crawl and each module.

    How far a module got: Wapiti prints "[+] <request>" as it starts attacking each crawled
    request the module accepts, so those lines are counted per module (console: Wapiti's output).
    """
    attacked: Counter[str] = Counter()
    module = "crawl"
    for line in console.splitlines():
        if started := re.search(r"Launching module (\w+)", line):
            module = started[1]
        elif line.startswith("[+] "):
            attacked[module] += 1
    findings: Counter[tuple[str, str]] = Counter()
    for section in ("vulnerabilities", "anomalies", "additionals"):
        for items in (report.get(section) or {}).values():
            for finding in items:
                level = LEVELS.get(int(finding.get("level", 0)), str(finding.get("level")))
                findings[(str(finding.get("module", "?")), level)] += 1
    times = [
        (datetime.strptime(m[1], "%d/%b/%Y:%H:%M:%S %z"), m[2])
        for m in (ACCESS_LINE.match(line) for line in log.splitlines())
        if m
    ]
    print("\nper phase (requests from the access log by time, to the second):")
    for (name, begin), (_, end) in pairwise(phases):
        statuses = Counter(
            f"{first}xx"
            for when, first in times
            if begin.replace(microsecond=0) <= when < end.replace(microsecond=0)
        )
        found = {level: n for (module, level), n in findings.items() if module == name}
        state = "cut short by --attack-minutes" if name in cut_short else "ran to the end"
        if name == "crawl":
            state = "crawl"
        print(
            f"  {name:13} {(end - begin).total_seconds() / 60:5.1f} min "
            f"{sum(statuses.values()):7,} requests {dict(sorted(statuses.items()))} "
            f"findings {found or 0}; {state}"
            + (f", attacked {attacked[name]:,} crawled requests" if name != "crawl" else "")
        )


def sign_in(port: int) -> dict[str, str]:
    """The demo member's session and CSRF cookies, from the real sign-in form."""
    client = Client(port, behind_https=False, user_agent="kindred-wapiti-scan")
    _, _, page = client.request("GET", "/accounts/login/")
    token = first_match(r'name="csrfmiddlewaretoken" value="([^"]+)"', page, "CSRF token")
    status, _, _ = client.request(
        "POST",
        "/accounts/login/",
        {"csrfmiddlewaretoken": token, "login": DEMO_MEMBER[0], "password": DEMO_MEMBER[1]},
    )
    if status != 302 or "sessionid" not in client.cookies:
        raise SmokeFailure(f"signing the demo member in answered {status}")
    status, _, _ = client.request("GET", "/my/")
    if status != 200:
        raise SmokeFailure(f"/my/ answered {status} to the signed-in member")
    return {name: client.cookies[name] for name in ("sessionid", "csrftoken")}


def summarise(report: dict) -> tuple[dict[str, int], list[str]]:
    counts = {name: 0 for name in LEVELS.values()}
    serious = []
    for section in ("vulnerabilities", "anomalies", "additionals"):
        for category, findings in (report.get(section) or {}).items():
            for finding in findings:
                level = LEVELS.get(int(finding.get("level", 0)), str(finding.get("level")))
                counts[level] = counts.get(level, 0) + 1
                line = (
                    f"{level:8} {section}/{category}: {finding.get('method', '')} "
                    f"{finding.get('path', '')} {finding.get('parameter', '')} "
                    f"- {finding.get('info', '')}"
                )
                print("  " + line[:400])
                if level in {"medium", "high", "critical"}:
                    serious.append(line)
    return counts, serious


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # Only the default path of the program to run, where the docstring installs it.
    parser.add_argument("--wapiti", default="/tmp/wapiti-venv/bin/wapiti")  # noqa: S108  # nosec B108
    parser.add_argument("--minutes", type=float, default=25, help="whole scan, at most")
    parser.add_argument("--attack-minutes", type=float, default=4, help="each module, at most")
    parser.add_argument("--modules", default=MODULES)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="kindred-wapiti-"))
    port = free_port()
    env = production_env(workdir, f"sqlite:///{workdir / 'kindred.sqlite3'}", "", port)
    env.update(
        {
            "BEHIND_HTTPS_PROXY": "0",
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{port}",
            "SITE_URL": f"http://127.0.0.1:{port}",
            "GUNICORN_ACCESS_LOG": "1",  # to count the requests and their statuses
            # No mail server here: with SMTP every coach notification the scan's questions
            # trigger fails to connect and logs a traceback that says nothing about the site.
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        }
    )
    started = time.monotonic()
    try:
        run(["migrate", "--no-input", "-v", "0"], env, "migrate")
        run(["collectstatic", "--no-input", "-v", "0"], env, "collectstatic")
        run(["load_demo"], {**env, "DEBUG": "1"}, "load_demo (demo content)")
        report_path = workdir / "wapiti.json"
        with gunicorn(env, port, workdir / "gunicorn.log"):
            # Wapiti's cookie file: {host: {path: {name: attributes}}}.
            cookie_file = workdir / "cookies.json"
            attributes = {"expires": None, "secure": False, "port": None, "version": 0}
            cookie_file.write_text(
                json.dumps(
                    {
                        "127.0.0.1": {
                            "/": {
                                name: {"value": value, **attributes}
                                for name, value in sign_in(port).items()
                            }
                        }
                    }
                )
            )
            print("  ok  demo member signed in; Wapiti starts")
            base = f"http://127.0.0.1:{port}"
            command = [
                args.wapiti,
                "-u",
                f"{base}/",
                "--scope",
                "folder",
                "-c",
                str(cookie_file),
                "-m",
                args.modules,
                "--max-scan-time",
                str(int(args.minutes * 60)),
                "--max-attack-time",
                str(int(args.attack_minutes * 60)),
                "--flush-session",
                "--store-session",
                str(workdir / "session"),
                "--store-config",
                str(workdir / "config"),
                "-f",
                "json",
                "-o",
                str(report_path),
                "-v",
                "1",
                "--no-bugreport",
            ]
            for path in EXCLUDED:
                command += ["-x", base + path]
            scan_started = time.monotonic()
            returncode, phases, cut_short = run_wapiti(command, workdir)
            scan_took = time.monotonic() - scan_started
        if returncode != 0 or not report_path.exists():
            raise SmokeFailure(f"wapiti exited {returncode}")
        report = json.loads(report_path.read_text())
        log = (workdir / "gunicorn.log").read_text(errors="replace")
        statuses = Counter(f"{m[0]}xx" for m in re.findall(r"\] (\d)\d\d [A-Z]+ /", log))
        errors = len(re.findall(r"Traceback", log))
        print(f"\nWapiti {report.get('infos', {}).get('version', '')}, modules: {args.modules}")
        whole = (time.monotonic() - started) / 60
        print(f"scan {scan_took / 60:.1f} min, whole run {whole:.1f} min")
        print(f"crawled pages: {report.get('infos', {}).get('crawled_pages_nbr', '?')}")
        counts, serious = summarise(report)
        print("findings by level: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        print(f"requests answered: {sum(statuses.values())} ({dict(sorted(statuses.items()))})")
        print(f"tracebacks in the gunicorn log: {errors}")
        console = (workdir / "wapiti.log").read_text(errors="replace")
        per_phase(log, console, phases, cut_short, report)
        if args.keep:
            print(f"kept {workdir} (report: {report_path})")
        return 1 if serious or errors or statuses["5xx"] else 0
    except SmokeFailure as failure:
        print(f"\nFAILED: {failure}", file=sys.stderr)
        return 2
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
