"""Kindred's small writing markup, used by the demo content of articles, stories and lessons.

Paragraphs are separated by blank lines (or end at a special line) and may use **bold**,
*italic* and [links](/path/); ``## ``/``### `` headings; ``> `` pull quotes, with an optional
``> — attribution`` line; ``- `` bullets; ``!try`` callouts; ``!say`` / ``!dont`` pairs;
``!overdose-steps`` alone on a line for the overdose steps of the Get-help settings (one
source, see kindred.core.blocks).
``parse`` turns a text into a list of neutral :class:`Element` values; each loader maps them to
its own StreamField blocks.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_LINK = re.compile(r"\[([^\]]+)\]\(((?:/|https://)[^)\s]*)\)")
_TAG = re.compile(r"<[^>]+>")
SPECIAL = ("## ", "### ", "> ", "- ", "!try ", "!say ", "!dont ", "!overdose-steps")


def inline(text: str) -> str:
    """Escape the text, then turn **bold**, *italic* and [links](/x/) into rich-text HTML."""
    out = html.escape(text.strip(), quote=False)
    out = _LINK.sub(lambda m: f'<a href="{html.escape(m[2])}">{m[1]}</a>', out)
    out = _BOLD.sub(r"<b>\1</b>", out)
    return _ITALIC.sub(r"<i>\1</i>", out)


def plain(text: str) -> str:
    """The words of a marked-up line, without the markup (for plain-text block fields)."""
    return html.unescape(_TAG.sub("", inline(text)))


@dataclass
class Element:
    """One piece of a text: ``kind`` is paragraph, bullets, heading, quote, try, say or
    overdose_steps (no value: the steps come from the Get-help settings).

    paragraph/try: ``html`` (inline HTML, no <p>); bullets: ``items`` (inline HTML each);
    heading: ``text`` and ``level`` (h2/h3); quote: ``text`` and ``attribution``;
    say: ``say`` and ``dont`` (plain text as written).
    """

    kind: str
    html: str = ""
    text: str = ""
    level: str = ""
    attribution: str = ""
    say: str = ""
    dont: str = ""
    items: list[str] = field(default_factory=list)


def parse(text: str) -> list[Element]:
    """The text as a list of elements, in order."""
    elements: list[Element] = []
    current: list[str] = []  # lines of the paragraph being read

    def end_paragraph() -> None:
        if current:
            elements.append(Element("paragraph", html=inline(" ".join(current))))
            current.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(SPECIAL):
            end_paragraph()
        if not line:
            continue
        last = elements[-1] if elements else None
        if line.startswith("- "):
            if last is not None and last.kind == "bullets":
                last.items.append(inline(line[2:]))
            else:
                elements.append(Element("bullets", items=[inline(line[2:])]))
        elif line.startswith("### "):
            elements.append(Element("heading", text=plain(line[4:]), level="h3"))
        elif line.startswith("## "):
            elements.append(Element("heading", text=plain(line[3:]), level="h2"))
        elif line.startswith("> "):
            words = line[2:].strip()
            if last is not None and last.kind == "quote" and words.startswith("—"):
                last.attribution = plain(words.lstrip("— "))
            elif last is not None and last.kind == "quote" and not last.attribution:
                last.text = f"{last.text} {plain(words)}"
            else:
                elements.append(Element("quote", text=plain(words)))
        elif line == "!overdose-steps":
            elements.append(Element("overdose_steps"))
        elif line.startswith("!try "):
            elements.append(Element("try", html=inline(line[5:])))
        elif line.startswith("!say "):
            elements.append(Element("say", say=plain(line[5:])))
        elif line.startswith("!dont "):
            if last is not None and last.kind == "say" and not last.dont:
                last.dont = plain(line[6:])
            else:  # a "don't" with no "say" before it still shows
                elements.append(Element("say", dont=plain(line[6:])))
        else:
            current.append(line)
    end_paragraph()
    return elements
