"""The canary test (issue 11, "Prove it"): what a member writes is stored nowhere in the clear.

One unique canary string goes through every member write path the tests can reach — sending
a question and replying to a coach, question drafts (page and autosave), reflections, every
toolkit tool (autosave and the tracker API), the communication coach (practice drafts and
the analysis API) and the account's profile answers — and then appears 0 times in: the
database's bytes (SQLite: the connection's serialized database image, the same bytes as the
file; PostgreSQL: a ``pg_dump`` when it is installed), the captured logs and console output,
``mail.outbox``, the cache (every entry, unpickled) and the sessions (decoded).

Honest: ``test_each_check_finds_a_canary_left_in_the_clear`` puts a second canary, in the
clear, in each of those places (a plain column, a log line, an email, a cache entry, a
session) and shows that each check finds it.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import os
import pickle  # nosec B403 - reading our own cache entries in a test
import shutil
import subprocess  # nosec B404
import uuid
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.db import connection

from kindred.learning.demo_loader import load_module, load_program
from kindred.learning.models import LessonPage
from kindred.learning.tests.builders import module_data
from kindred.questions.models import Question
from kindred.toolkit.models import Reward

pytestmark = pytest.mark.django_db(transaction=True)


# --- where a canary could hide ---------------------------------------------------------------


def database_bytes() -> bytes:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        return bytes(connection.connection.serialize())
    if connection.vendor == "postgresql":
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            pytest.skip("pg_dump is not installed: cannot read the PostgreSQL database's bytes")
        db: dict[str, Any] = settings.DATABASES["default"]
        env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
        return subprocess.run(  # nosec B603
            [
                pg_dump,
                "--data-only",
                "-h",
                db.get("HOST") or "127.0.0.1",
                "-p",
                str(db.get("PORT") or 5432),
                "-U",
                db.get("USER") or "postgres",
                str(connection.settings_dict["NAME"]),
            ],
            env=env,
            capture_output=True,
            check=True,
        ).stdout
    pytest.skip(f"no way to read a {connection.vendor} database's bytes")


def _unpickled(raw: bytes) -> bytes:
    """What a cache entry holds (our own test cache: trusted)."""
    with contextlib.suppress(Exception):  # integers are stored unpickled in Redis
        return repr(pickle.loads(raw)).encode()  # noqa: S301  # nosec B301
    return b""


def cache_bytes() -> bytes:
    """Every cache entry, as stored and unpickled (the database cache stores base64)."""
    backend = settings.CACHES["default"]["BACKEND"]
    found: list[bytes] = []
    if backend.endswith("DatabaseCache"):
        table = connection.ops.quote_name(settings.CACHES["default"]["LOCATION"])
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT value FROM {table}")  # noqa: S608  # nosec B608
            for (value,) in cursor.fetchall():
                raw = base64.b64decode(value)
                found += [raw, _unpickled(raw)]
    elif backend.endswith("RedisCache"):
        client = cache._cache.get_client()  # type: ignore[attr-defined]
        for key in client.scan_iter(match=f"{cache.key_prefix}*"):
            raw = client.get(key) or b""
            found += [raw, _unpickled(raw)]
    else:  # LocMemCache
        for raw in cache._cache.values():  # type: ignore[attr-defined]
            found += [raw, _unpickled(raw)]
    return b"\n".join(found)


def session_text() -> str:
    return "\n".join(repr(s.get_decoded()) + s.session_data for s in Session.objects.all())


def mail_text() -> str:
    parts = []
    for message in mail.outbox:
        parts += [str(message.subject), str(message.body), *message.to]
        parts += [str(content) for content, _type in getattr(message, "alternatives", [])]
    return "\n".join(parts)


def places(caplog: Any, capsys: Any) -> dict[str, bytes]:
    out = capsys.readouterr()
    return {
        "database": database_bytes(),
        "logs": (caplog.text + out.out + out.err).encode(),
        "mail": mail_text().encode(),
        "cache": cache_bytes(),
        "sessions": session_text().encode(),
    }


# --- writing the canary through every member write path ------------------------------------


def post_json(client: Any, path: str, body: dict[str, Any]) -> Any:
    response = client.post(path, body, content_type="application/json")
    assert response.status_code in (200, 201), (path, response.status_code, response.content)
    return response.json()


def write_everywhere(client: Any, canary: str, home_page: Any) -> None:
    # Ask a coach: a draft on the page, a draft by autosave, then a question sent.
    response = client.post("/questions/ask/", {"title": canary, "body": canary, "save": "1"})
    assert response.status_code == 302, response.content
    post_json(client, "/api/questions/drafts", {"title": canary, "body": canary})
    response = client.post(
        "/questions/ask/",
        {
            "title": canary,
            "body": canary,
            "context": canary,
            "relationship": "parent",
            "substances": ["alcohol"],
            "send": "1",
        },
    )
    assert response.status_code == 302, response.content
    sent = Question.objects.exclude(status="draft").get()
    response = client.post(f"/my/questions/{sent.pk}/", {"text": canary})
    assert response.status_code == 302, response.content

    # Reflections.
    load_module(load_program(home_page), module_data("basics", 1))
    lesson = next(page for page in LessonPage.objects.live() if page.prompts())
    post_json(
        client,
        f"/api/learning/lessons/{lesson.pk}/reflections",
        {"prompt": lesson.prompts()[0][0], "text": canary},
    )

    # The toolkit: every tool's autosave, and the tracker's API.
    def autosave(kind: str, fields: dict[str, Any]) -> str:
        record = str(uuid.uuid4())
        post_json(client, f"/api/toolkit/autosave/{kind}", {"record_id": record, "fields": fields})
        return record

    autosave("analysis", {"kind": "using", "title": canary, "behaviour": canary})
    reward = autosave("reward", {"what": canary, "effort": "low", "cost": "free"})
    assert Reward.objects.filter(pk=reward).exists()
    autosave("reward-given", {"reward": reward, "given_on": "2026-01-05", "how_it_went": canary})
    autosave(
        "safety-plan",
        {"my_warning_signs": canary, "if_violent": canary, "person_1_name": canary},
    )
    autosave("stepping-back", {"stop_doing": canary, "allow_instead": canary})
    autosave("tracker-day", {"day": "2026-01-03", "used": "no", "note": canary})
    post_json(
        client, "/api/toolkit/tracker/days", {"day": "2026-01-04", "used": "no", "note": canary}
    )

    # The communication coach: a practice draft, and the analysis (which stores nothing).
    response = client.post("/my/practice/", {"title": canary, "text": canary, "save": "1"})
    assert response.status_code == 302, response.content
    post_json(client, "/api/coach/analyze", {"text": f"I feel {canary} when you drink."})

    # The account: profile answers.
    response = client.post(
        "/my/account/profile/",
        {"relationship": "parent", "substances": ["alcohol"], "hopes": canary},
    )
    assert response.status_code in (200, 302), response.content


# --- the tests ------------------------------------------------------------------------------


def test_a_canary_written_everywhere_is_found_nowhere(
    client: Any, alice: Any, home_page: Any, caplog: Any, capsys: Any
) -> None:
    caplog.set_level(logging.DEBUG)
    canary = f"CANARY-{uuid.uuid4().hex}"
    client.force_login(alice)
    write_everywhere(client, canary, home_page)
    # It was really written: every path above saved it (decrypted here, for its member).
    assert Question.objects.exclude(status="draft").get().body == canary

    found = {name: data.count(canary.encode()) for name, data in places(caplog, capsys).items()}
    assert found == dict.fromkeys(found, 0)


def test_each_check_finds_a_canary_left_in_the_clear(
    client: Any, alice: Any, caplog: Any, capsys: Any
) -> None:
    """Proof the checks can fail: a canary in the clear in each place is found there."""
    caplog.set_level(logging.DEBUG)
    canary = f"CANARY-{uuid.uuid4().hex[:12]}"
    client.force_login(alice)
    alice.pseudonym = canary  # a plain, unencrypted column
    alice.save(update_fields=["pseudonym"])
    logging.getLogger("kindred").info("member wrote %s", canary)
    mail.send_mail("Hello", canary, None, ["alice@example.com"])
    cache.set("canary", canary)
    session = client.session
    session["canary"] = canary
    session.save()

    found = {name: data.count(canary.encode()) for name, data in places(caplog, capsys).items()}
    assert all(count >= 1 for count in found.values()), found
