"""The product's own "say this / not this" examples, for the coach to check itself against.

Lessons 4.3 and 8.3 tell members to run their words through the coach, so the coach must
agree with the examples the product itself shows. This module collects them from the demo
content without Django (so tests and ``benchmarks/coach_quality.py --product`` can use it):

* every ``!say`` / ``!dont`` line of Kindred's markup (``kindred.core.markup``) in any string of
  the demo lessons (``kindred/learning/demo/*.yaml``), articles, stories and pages
  (``kindred/content/demo/**``) and the coaches' reply templates
  (``kindred/questions/demo/*.yaml``), wherever it appears, so examples added later are
  included automatically;
* the phrasings the reply templates suggest in quotation marks ("I'd like to talk about this
  tomorrow…"), as "say this" lines, unless the sentence introduces them as something to avoid
  ("no need to point out…", "avoid…", "instead of…").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from kindred.core.markup import parse

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (
    ROOT / "learning" / "demo",
    ROOT / "content" / "demo",
    ROOT / "questions" / "demo",
)
REPLY_TEMPLATES = ROOT / "questions" / "demo" / "reply_templates.yaml"

_QUOTED = re.compile(r"[\"“]([^\"“”]*)[\"”]")
_AVOID = re.compile(
    r"\b(?:no need|avoid|leave out|instead of|rather than|don't say|not say|never say|"
    r"stop saying|skip)\b[^.!?\"“]*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Example:
    """One example line: ``hurtful`` is True for a "not this" line."""

    text: str
    hurtful: bool
    source: str


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] in "\"“'‘" and text[-1] in "\"”'’":
        text = text[1:-1].strip()
    return text


def _file_strings(path: Path) -> Iterator[str]:
    raw = path.read_text(encoding="utf-8")
    if path.suffix in (".yaml", ".yml"):
        try:
            yield from _strings(yaml.safe_load(raw))
        except yaml.YAMLError:
            yield raw
    else:
        yield raw


def _markup_examples(text: str, source: str) -> Iterator[Example]:
    if "!say " not in text and "!dont " not in text:
        return
    # Block scalars keep their indentation in some loaders: strip it so markup lines parse.
    text = "\n".join(line.strip() for line in text.splitlines())
    for element in parse(text):
        if element.kind != "say":
            continue
        if element.say.strip():
            yield Example(_unquote(element.say), False, source)
        if element.dont.strip():
            yield Example(_unquote(element.dont), True, source)


def _template_suggestions(text: str, source: str) -> Iterator[Example]:
    for m in _QUOTED.finditer(text):
        phrase = m.group(1).strip()
        if len(phrase.split()) < 3 or not phrase[0].isupper():
            continue
        before = text[max(0, m.start() - 80) : m.start()]
        if _AVOID.search(before):
            continue
        yield Example(phrase, False, source)


def product_examples() -> list[Example]:
    """Every "say this" and "not this" example in the demo content, in a stable order."""
    out: list[Example] = []
    for base in SOURCES:
        if not base.exists():
            continue
        for path in sorted(base.rglob("*")):
            if path.suffix not in (".yaml", ".yml", ".md") or not path.is_file():
                continue
            source = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name
            for text in _file_strings(path):
                out.extend(_markup_examples(text, source))
                if path == REPLY_TEMPLATES:
                    out.extend(_template_suggestions(text, source))
    return out
