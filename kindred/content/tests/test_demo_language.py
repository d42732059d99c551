"""The communication coach finds no label in Kindred's own voice (issue 16).

Every demo article, story, recording and lesson is run through ``kindred.coach.engine.analyze``
paragraph by paragraph, leaving out what is *meant* to show hurtful words: "not this" lines
(``!dont``), and quoted examples ("...", “...”, and *italic* asides). What is left is our own
voice, and it must never call anyone a name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from kindred.coach.engine import analyze

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content" / "demo"
LESSONS = ROOT / "learning" / "demo"
QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|(?<![*\w])\*(?!\s)[^*\n]+?\*(?![*\w])")
# The lessons and articles written for issue 16 (checked strictly); older pieces are checked too.
NEW_LESSONS = {"solving-problems-together", "when-they-push-back"}


def _own_voice(text: str) -> list[str]:
    """Paragraphs of our own voice: no !dont lines, no quoted examples, no link targets."""
    lines = [line for line in text.splitlines() if not line.strip().startswith("!dont ")]
    text = "\n".join(lines)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = QUOTED.sub(" … ", text)
    return [p.strip() for p in re.split(r"\n\s*\n|\n(?=[-#>!])", text) if p.strip()]


def _labels(text: str) -> list[str]:
    found = []
    for paragraph in _own_voice(text):
        for finding in analyze(paragraph).pitfalls:
            if finding.kind == "label":
                found.append(f"{paragraph[finding.start : finding.end]!r} in: {paragraph[:90]}")
    return found


def _body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[2]


def _lesson_texts() -> list[tuple[str, str]]:
    texts = []
    for path in sorted(LESSONS.glob("*.yaml")):
        for lesson in yaml.safe_load(path.read_text(encoding="utf-8"))["lessons"]:
            parts = [lesson["body"], lesson["try_this_week"], *lesson["reflection"]]
            for question in lesson["knowledge_check"]:
                parts.append(question["question"])
                # A wrong choice may be a quoted example of what not to say; its feedback is ours.
                parts += [choice["feedback"] for choice in question["choices"]]
                parts += [c["text"] for c in question["choices"] if c.get("correct")]
            texts.append((lesson["slug"], "\n\n".join(parts)))
    return texts


@pytest.mark.parametrize(
    "path",
    sorted(CONTENT.glob("articles/*.md"))
    + sorted(CONTENT.glob("stories/*.md"))
    + sorted(CONTENT.glob("recordings/*.md")),
    ids=lambda p: p.name,
)
def test_no_label_in_our_own_voice(path):
    assert _labels(_body(path)) == []


def test_no_label_in_any_lesson():
    problems = {slug: found for slug, text in _lesson_texts() if (found := _labels(text))}
    assert problems == {}
    assert {slug for slug, _ in _lesson_texts()} >= NEW_LESSONS


def test_the_check_does_find_a_label_in_our_voice():
    assert _labels("Some parents call their son an addict when they are frightened.")
    assert not _labels('Some parents say "you addict" when they are frightened.')
    assert not _labels('!dont "You are an addict."')
