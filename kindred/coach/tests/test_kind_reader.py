"""The kind reader (round 20) and the TF-IDF inference both learned readers share.

The parity tests train tiny readers with the training scripts' own code (scikit-learn, a dev
dependency) and check that the engine's standard-library inference gives the same
probabilities as scikit-learn on texts it has and has not seen.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from kindred.coach.engine import analyze
from kindred.coach.engine.results import KINDS

SCRIPTS = Path(__file__).resolve().parents[3] / "scripts"

TEXTS = [
    ("You never help around here and you always come home late.", ["absolute"], ""),
    ("This is all your fault, you wrecked this family.", ["blame"], ""),
    ("You are nothing but a junkie.", ["label"], ""),
    ("You need to grow up and take responsibility for once.", ["lecture"], ""),
    ("Remember last Christmas when you passed out at the table?", ["past"], ""),
    ("Wow, real mature. Great job as always, genius.", ["contempt"], ""),
    ("It makes sense that you feel worn out right now.", ["understanding"], ""),
    ("I'm so proud of you for going to the meeting.", ["feeling", "i_statement", "positive"], ""),
    ("Where were you? Who were you with? Why are you lying?", ["interrogation"], ""),
    ("If you drink again you're out of this house.", ["threat"], ""),
    ("I'd be glad to drive you to the clinic on Thursday.", ["offer_help"], ""),
    ("We both said things we regret, I'm sorry for my part.", ["shared_responsibility"], ""),
    ("he is not breathing and his lips are blue", [], "overdose"),
    ("she said she wants to end it all tonight", [], "suicide"),
    ("he has a gun and says he will shoot us", [], "violence"),
    ("his lips are grey and he wont wake up", [], "overdose"),
    ("she wrote goodbye letters to each of us", [], "suicide"),
    ("he hit me again and broke my phone", [], "violence"),
    ("thank you for dinner, it was lovely", ["positive"], ""),
    ("can you pick up milk on the way home?", [], ""),
]
PROBES = [t for t, _, _ in TEXTS] + [
    "u never help and ur always late!!",
    "his lips r blue pls help",
    "a message with words the vocabulary has never seen: zyx qwv",
    "",
]


def _script(name: str) -> ModuleType:
    pytest.importorskip("sklearn")  # a dev dependency: the runtime never imports it
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_the_kind_reader_export_matches_sklearn() -> None:
    script = _script("train_coach_kind_reader")
    rows = [
        {"text": t, "kinds": k, "crisis": c or None, "set": "s", "plain": script.plain_text(t)}
        for t, k, c in TEXTS * 2  # every gram twice: above min_df
    ]
    trained = script.Trained(rows)
    reader = trained.to_reader(dict.fromkeys(KINDS, 0.5))
    plains = [script.plain_text(t) for t in PROBES]
    want = trained.probabilities(plains)
    for n, plain in enumerate(plains):
        got = reader.probabilities(plain)
        assert [got[k] for k in KINDS] == pytest.approx(list(want[n]), abs=1e-4), PROBES[n]


def test_the_crisis_reader_export_matches_sklearn() -> None:
    script = _script("train_coach_crisis_reader")
    rows = [
        {"text": t, "low": t.lower(), "crisis": c, "set": "s", "lookalike": False}
        for t, _, c in TEXTS * 2
    ]
    trained = script.Trained(rows)
    reader = trained.to_reader({"crisis": 0.5, "crisis_possible": 0.4})
    want = trained.probabilities([t.lower() for t in PROBES])
    for n, text in enumerate(PROBES):
        assert reader.probability(text.lower()) == pytest.approx(float(want[n]), abs=1e-4), text
    kinds = trained.kind.predict(script.transform(trained.vectorisers, [t.lower() for t in PROBES]))
    assert [reader.scores(t.lower())[1] for t in PROBES] == list(kinds)


def test_a_quoted_insult_is_someone_elses() -> None:
    said = 'He told me "you never help and you are useless" and walked out.'
    assert "absolute" not in analyze(said).kinds
    assert "contempt" not in analyze(said).kinds


# Written for this file before the engine was run on them: hurtful by sarcasm or comparison,
# with none of the rules' words. Of nine such lines the rules alone flagged four and the engine
# seven; these four are the ones only the reader caught (the two the engine missed are in the
# README, round 20).
READER_ONLY = [
    "Great, another weekend gone to the bottle. Real proud moment for the family.",
    "Oh sure, the dog ate your paycheck again.",
    "Your cousin Dana managed to finish school. Just saying.",
    "I bet your friends think you are so cool.",
]


@pytest.mark.parametrize("text", READER_ONLY)
def test_the_reader_flags_what_the_rules_miss(text: str) -> None:
    assert not analyze(text, use_model=False).may_hurt
    result = analyze(text)
    assert result.may_hurt
    for f in result.pitfalls:
        assert text[f.start : f.end] == f.excerpt and f.why and f.try_instead


# A countdown to something the loved one is working for has an ultimatum's shape ("one more
# week and you…"): retrained with blind_voices5/6, the reader called "One more week and you
# finish probation!" a threat (test_engine.py). The threat kind's benign construction now holds
# the countdown; ultimatums with the same opening are still threats.
@pytest.mark.parametrize(
    "text",
    [
        "One more week and you finish probation!",
        "two more weeks and u graduate drug court, so proud",
        "Three more days till you get your chip",
        "A few more sessions and you're done with the program!",
    ],
)
def test_a_countdown_is_not_a_threat(text: str) -> None:
    assert "threat" not in analyze(text).kinds


@pytest.mark.parametrize(
    "text",
    [
        "One more week of this and you're out",
        "One more lie and you can find somewhere else to live",
        "one more time and i'm calling your probation officer",
    ],
)
def test_an_ultimatum_with_the_same_opening_is_still_a_threat(text: str) -> None:
    assert "threat" in analyze(text).kinds


# A polite request ("I'd love it if you…", CRAFT's positive request) is a warm conditional, not
# a threat; retrained with everyday_words2, the reader called the first line a threat. A threat
# after the same opening is still found by the rules.
@pytest.mark.parametrize(
    "text",
    [
        "I'd love it if you'd text me if you're staying out.",
        "it would mean a lot if u came to dinner sober on sunday",
    ],
)
def test_a_polite_request_is_not_a_threat(text: str) -> None:
    assert "threat" not in analyze(text).kinds


def test_a_threat_after_a_polite_opening_is_still_found() -> None:
    assert "threat" in analyze("I would like it if you left now, or I call the police").kinds
