"""Tasks used only by the tests of the background-work set-up."""

import time
from pathlib import Path

from django.core.cache import cache
from django_tasks import task


@task()
def remember(key: str, value: str) -> str:
    cache.set(key, value, timeout=60)
    return value


@task()
def hold_then_finish(log_path: str) -> str:
    """Write "started", wait while ``<log_path>.hold`` exists (at most 60 s), write "finished".

    The worker-killed test kills the worker while it waits.
    """
    log = Path(log_path)
    with log.open("a") as out:
        out.write("started\n")
    hold = Path(f"{log_path}.hold")
    deadline = time.monotonic() + 60
    while hold.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    with log.open("a") as out:
        out.write("finished\n")
    return "finished"
