"""The word-count stage (round 18): a crisis classifier after the rules (its may-hurt output
was replaced by round 20's kind reader)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from kindred.coach.engine import analyze, detect_crisis
from kindred.coach.engine import rules as engine_rules
from kindred.coach.engine.rules import crisis_anchor, find_crisis
from kindred.coach.engine.stage import Stage, load_stage, stage_from_json, stage_to_json
from kindred.coach.engine.text import layout, normalise
from kindred.coach.engine.vocabulary import load

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "train_coach_stage.py"


@pytest.fixture(scope="module")
def stage() -> Stage:
    got = load_stage("en")
    assert got is not None, "lang/en/stage.json is missing"
    return got


# Crises no crisis rule (pattern or concept combo) confirms; the stage raises them because a
# danger concept no veto covers anchors them and the message as a whole reads as a crisis.
# A stage-only crisis is always the calm "possible" panel (see the README, round 18).
RULELESS_CRISES = [
    ("overdose", "he used again and now he is blue and cold, help"),
    ("violence", "he keeps a gun in the truck"),
]


@pytest.mark.parametrize(("kind", "text"), RULELESS_CRISES)
def test_a_crisis_the_rules_miss_is_caught_by_the_stage(
    stage: Stage, kind: str, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_rules, "load_crisis_model", lambda lang: None)  # stage alone
    monkeypatch.setattr(engine_rules, "load_crisis_reader", lambda lang: None)
    vocab = load("en")
    assert find_crisis(text, vocab, use_model=False) is None  # no rule confirms it
    assert stage.probability(text, "crisis") >= stage.thresholds["crisis_possible"]
    found = detect_crisis(text)
    assert found is not None
    assert found.kind == kind
    assert found.possible
    assert text[found.start : found.end].strip()
    assert analyze(text).crisis == found


@pytest.mark.parametrize(
    "text",
    ["In the movie he overdoses and they find him on the bathroom floor, I cried"],
)
def test_a_look_alike_vetoed_by_the_rules_is_not_raised(stage: Stage, text: str) -> None:
    vocab = load("en")
    low = normalise(text)
    lay = layout(low, text, vocab.sentence_breaks, vocab.clause_breaks, [])
    # The stage alone would raise it: only the rules' veto (a film) stops it.
    assert stage.probability(text, "crisis") >= stage.thresholds["crisis_possible"]
    assert crisis_anchor(vocab, low, lay) is None
    assert detect_crisis(text) is None
    assert analyze(text).crisis is None


def test_stage_json_round_trips(stage: Stage) -> None:
    again = stage_from_json(stage_to_json(stage))
    for text in ("You never listen.", "He is not breathing", "Thank you for dinner."):
        assert again.probabilities(text) == stage.probabilities(text)


def test_the_export_matches_sklearn_probabilities() -> None:
    pytest.importorskip("sklearn")  # a dev dependency: the runtime never imports it
    spec = importlib.util.spec_from_file_location("train_coach_stage", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_coach_stage"] = module
    spec.loader.exec_module(module)
    from sklearn.feature_extraction import DictVectorizer

    from kindred.coach.engine.message_model import features

    texts = [
        "he is not breathing and his lips are blue",
        "she said she wants to end it all tonight",
        "he has a gun and says he will shoot us",
        "you never listen to anyone",
        "you are such a drunk",
        "thank you for dinner, it was lovely",
        "can you pick up milk on the way home?",
        "I am proud of you for going to the meeting",
    ]
    crisis = [1, 1, 1, 0, 0, 0, 0, 0]
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(features(t), 1) for t in texts])
    model = module.fit(x, crisis)
    exported = module.export(vec, model, {"crisis_possible": 0.5}, keep=10**6)
    probes = [*texts, "his lips are blue, call 911", "you drunk, never again"]
    xp = vec.transform([dict.fromkeys(features(t), 1) for t in probes])
    want = model.predict_proba(xp)[:, 1]
    got = [exported.probability(t, "crisis") for t in probes]
    assert got == pytest.approx(list(want), abs=2e-3)
