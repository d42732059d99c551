"""The product checks itself: the coach agrees with the product's own "say this / not this".

Lessons 4.3 and 8.3 tell members to run their words through the coach, so every "not this"
example in the demo lessons, articles and reply templates should be flagged as likely to hurt,
and the "say this" examples should not. Examples are collected from the markup itself
(``kindred.coach.product_examples``), so examples added later are checked automatically.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kindred.coach import product_examples as module
from kindred.coach.engine import analyze
from kindred.coach.product_examples import Example, product_examples


@pytest.fixture(scope="module")
def examples() -> list[Example]:
    return product_examples()


def test_examples_come_from_lessons_articles_and_reply_templates(examples: list[Example]) -> None:
    sources = {e.source.split("/")[0] for e in examples}
    assert {"learning", "content", "questions"} <= sources
    assert sum(e.hurtful for e in examples) >= 50
    assert sum(not e.hurtful for e in examples) >= 50
    for e in examples:
        assert e.text.strip() and not e.text.startswith(("!say", "!dont", '"'))


# The goal (issue 15) is >= 90% of "not this" lines flagged and <= 3% of "say this" lines.
# Measured after the reader's warm-sentence gates (a reader-only pitfall needs 0.9 in a
# sentence or message the rules found warm, and never fires where any kind's ``exclude``
# describes a kind construction): 85/91 (0.934) "not this" flagged and 3/105 (0.029) "say this"
# flagged - both goals met. The bars are today's level, so a regression fails.
NOT_THIS_FLAGGED_AT_LEAST = 0.93
SAY_THIS_FLAGGED_AT_MOST = 0.03


def test_not_this_lines_are_flagged(examples: list[Example]) -> None:
    bad = [e for e in examples if e.hurtful]
    missed = [e.text for e in bad if not analyze(e.text).may_hurt]
    assert len(bad) - len(missed) >= NOT_THIS_FLAGGED_AT_LEAST * len(bad), missed


def test_say_this_lines_are_not_flagged(examples: list[Example]) -> None:
    good = [e for e in examples if not e.hurtful]
    flagged = [e.text for e in good if analyze(e.text).may_hurt]
    assert len(flagged) <= SAY_THIS_FLAGGED_AT_MOST * len(good), flagged


def test_every_flag_points_at_words_with_an_alternative(examples: list[Example]) -> None:
    for e in examples:
        result = analyze(e.text)
        assert result.may_hurt == bool(result.pitfalls)
        for f in result.pitfalls:
            assert e.text[f.start : f.end] == f.excerpt and f.excerpt.strip()
            assert f.why and f.try_instead


def test_new_examples_are_picked_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lessons = tmp_path / "learning"
    lessons.mkdir()
    (lessons / "09-new.yaml").write_text(
        "title: New\npages:\n  - body: |\n      Some words.\n\n"
        '      !say "I missed you at dinner."\n      !dont "Nice of you to show up."\n',
        encoding="utf-8",
    )
    (tmp_path / "article.md").write_text(
        '---\ntitle: x\n---\nText.\n\n!dont "You never listen."\n', encoding="utf-8"
    )
    monkeypatch.setattr(module, "SOURCES", (lessons, tmp_path))
    found = {(e.text, e.hurtful) for e in product_examples()}
    assert ("I missed you at dinner.", False) in found
    assert ("Nice of you to show up.", True) in found
    assert ("You never listen.", True) in found
