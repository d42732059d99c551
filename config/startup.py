"""Start-up guard: a configuration mistake stops Kindred with one clear line, not a traceback."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ImproperlyConfigured


@contextmanager
def exit_on_configuration_error() -> Iterator[None]:
    try:
        yield
    except ImproperlyConfigured as error:
        sys.stderr.write(f"Kindred cannot start: {error}\n")
        raise SystemExit(2) from None
