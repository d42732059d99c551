"""Reads drafts as JSON lines on standard input and writes the coach's analysis of each.

    python manage.py coach --jsonl < drafts.jsonl > analysis.jsonl

Each input line is ``{"text": "..."}``; each output line is the same object the API returns,
in the same order. A line that is not JSON, or has no text, gives ``{"error": "..."}`` on its
line: the command never stops on bad input.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kindred.coach.analysis import coach_message
from kindred.core.get_help import get_help_content


def analyse_line(line: str) -> dict[str, Any]:
    if not line:
        return {"error": "empty line"}
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        return {"error": f"not valid JSON: {error.msg} (column {error.colno})"}
    if not isinstance(item, dict):
        return {"error": 'each line must be a JSON object like {"text": "..."}'}
    text = item.get("text")
    if not isinstance(text, str):
        return {"error": 'the object has no "text" string'}
    return coach_message(text).as_payload()


class Command(BaseCommand):
    help = "Analyse draft messages: JSON lines in on standard input, JSON lines out."
    stealth_options = ("stdin",)

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--jsonl", action="store_true", help="Read and write JSON lines (the only format)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["jsonl"]:
            raise CommandError("Use --jsonl and send JSON lines on standard input.")
        get_help_content()  # warm the crisis help once, not per line
        stdin = options.get("stdin") or sys.stdin
        out: Any = self.stdout._out  # raw lines, without Django's styling
        for raw in stdin:
            line = raw.strip()
            out.write(json.dumps(analyse_line(line), ensure_ascii=False) + "\n")
        out.flush()
