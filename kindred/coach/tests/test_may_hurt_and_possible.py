"""The message-level "may hurt" decision and the low-confidence "possible" crisis signal."""

from __future__ import annotations

import pytest

from kindred.coach.engine import analyze, detect_crisis
from kindred.coach.engine import rules as engine_rules
from kindred.coach.engine.kind_reader import KindReader
from kindred.coach.engine.results import KINDS, CrisisFinding
from kindred.coach.engine.rules import add_kind_reader_findings, find_all, find_crisis
from kindred.coach.engine.tfidf import Block, TfidfModel
from kindred.coach.engine.vocabulary import load


@pytest.mark.parametrize(
    "text",
    [
        "Should we throw you a parade for coming home sober?",
        "After everything I've done for you, this is how you treat me.",
        "I knew this would happen. All that rehab for nothing.",
        "Your brother never put us through this.",
        "No no, it's fine, I'll clean up. Again.",
        "I counted the pills this morning. Two are gone.",
        "Loved dinner tonight, thank you for cooking. Too bad you'll be wasted by Friday, like always.",
    ],
)
def test_hurtful_forms_without_trigger_words_may_hurt(text: str) -> None:
    result = analyze(text)
    assert result.may_hurt
    assert result.pitfalls
    for f in result.pitfalls:
        assert text[f.start : f.end] == f.excerpt
        assert f.why and f.try_instead


@pytest.mark.parametrize(
    "text",
    [
        "I always love our Sunday walks.",
        "I'm not going to give you money for that, but I'd be glad to buy groceries with you.",
        "I missed you tonight. Would you like to watch a film together tomorrow?",
    ],
)
def test_kind_messages_do_not_may_hurt(text: str) -> None:
    assert not analyze(text).may_hurt


def test_may_hurt_is_in_the_dict_and_false_for_empty_text() -> None:
    assert analyze("").to_dict()["may_hurt"] is False
    assert analyze("You never listen.").to_dict()["may_hurt"] is True


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("suicide", "She told me she wants to go to sleep and not wake up."),
        ("suicide", "Found a note in his room addressed to me and his sister, dated tomorrow."),
        ("suicide", "he said tonight's the night and he has enough pills saved"),
        ("suicide", "he texted 'goodbye everyone, sorry' and now his phone is off"),
        ("overdose", "They revived him with narcan and now he wants to leave and go home."),
        ("violence", "He's loading the rifle in the garage and yelling that nobody is leaving."),
        ("violence", "You are such a selfish idiot, and after you hit me last night I'm done."),
    ],
)
def test_crisis_concepts_and_kinds(kind: str, text: str) -> None:
    found = detect_crisis(text)
    assert found is not None and found.kind == kind and not found.possible


def test_a_crisis_is_found_in_an_angry_message() -> None:
    text = "You selfish idiot, you said you'd kill yourself tonight just to scare me. Real mature."
    result = analyze(text)
    assert result.may_hurt
    assert result.crisis is not None


class _Unsure:
    threshold = 0.9

    def probability(self, text: str) -> float:
        return 0.6


def test_possible_crisis_when_danger_words_but_unsure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_rules, "load_stage", lambda lang: None)  # the older backstop
    monkeypatch.setattr(engine_rules, "load_crisis_model", lambda lang: _Unsure())
    monkeypatch.setattr(engine_rules, "load_crisis_reader", lambda lang: None)  # round 20's
    vocab = load("en")
    text = "he keeps a gun in the truck"
    rules_only = find_crisis(text, vocab, use_model=False)
    assert rules_only is None  # no rule fires…
    found = find_crisis(text, vocab)
    assert found is not None and found.possible  # …but the help is offered calmly
    assert found.to_dict()["possible"] is True
    assert text[found.start : found.end].strip()


def test_no_possible_crisis_without_danger_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_rules, "load_stage", lambda lang: None)  # the older backstop
    monkeypatch.setattr(engine_rules, "load_crisis_model", lambda lang: _Unsure())
    monkeypatch.setattr(engine_rules, "load_crisis_reader", lambda lang: None)  # round 20's
    assert find_crisis("We had pancakes and watched a film.", load("en")) is None


def test_crisis_finding_defaults_to_confirmed() -> None:
    assert CrisisFinding("suicide", 0, 3).to_dict()["possible"] is False


def _one_word_reader(word: str, weight: float) -> KindReader:
    """A kind reader that knows one word: it raises ``contempt`` (threshold 0.6 for all)."""
    contempt = KINDS.index("contempt")
    weights = tuple(8.0 + weight if i == contempt else 0.0 for i in range(len(KINDS)))
    return KindReader(
        TfidfModel(
            outputs=KINDS,
            chars=Block({}),
            words=Block({word: (1.0, *weights)}),
            bias=tuple(-8.0 for _ in KINDS),
            thresholds=dict.fromkeys(KINDS, 0.6),
        )
    )


def _reader_pitfalls(text: str, reader: KindReader) -> list[str]:
    vocab = load("en")
    pitfalls, strengths, lay, low = find_all(text, vocab)
    found, _, _ = add_kind_reader_findings(text, low, lay, vocab, reader, pitfalls, strengths)
    return [f.excerpt for f in found]


def test_a_reader_pitfall_is_on_the_sentence_it_reads_highest() -> None:
    sure = _one_word_reader("tonight", 1.4)  # p ~= 0.80 for the message: above 0.6
    text = "The film was fine. The game is on tonight. See you."
    assert _reader_pitfalls(text, sure) == ["The game is on tonight."]
    unsure = _one_word_reader("tonight", -1.0)  # p ~= 0.27: below the threshold
    assert _reader_pitfalls(text, unsure) == []
    # Its finding points at words with a reason and an alternative, like a rule's.
    vocab = load("en")
    pitfalls, strengths, lay, low = find_all(text, vocab)
    found, _, hurt = add_kind_reader_findings(text, low, lay, vocab, sure, pitfalls, strengths)
    assert found[0].kind == "contempt" and found[0].why and found[0].try_instead
    assert hurt == pytest.approx(0.8, abs=0.01)


def test_quoted_words_are_not_the_writers() -> None:
    sure = _one_word_reader("tonight", 3.0)
    assert _reader_pitfalls('He told me "the game is on tonight" and left.', sure) == []
    assert _reader_pitfalls("He told me the game is on tonight and left.", sure) != []


def test_any_kinds_exclude_vetoes_a_reader_pitfall() -> None:
    very_sure = _one_word_reader("back", 4.0)
    # "you never have to …" is the absolute rule's own exclude: a kind construction.
    assert _reader_pitfalls("If you hate it, you never have to go back.", very_sure) == []
    assert _reader_pitfalls("Give the keys back.", very_sure) == ["Give the keys back."]


def test_a_kind_the_rules_found_is_not_added_again() -> None:
    very_sure = _one_word_reader("lazy", 4.0)
    text = "Nice going, genius. You're lazy."
    rules_only = analyze(text, use_model=False)
    assert "contempt" in rules_only.kinds
    assert _reader_pitfalls(text, very_sure) == [f.excerpt for f in rules_only.pitfalls]
