"""Tests of the communication coach engine (pure Python, no Django)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from kindred.coach.engine import (
    CRISIS_KINDS,
    KINDS,
    Analysis,
    CrisisFinding,
    analyze,
    detect_crisis,
)

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "kindred" / "coach" / "engine" / "data"


def kinds(text: str) -> set[str]:
    return analyze(text).kinds


# --- one positive and one negative example per kind -------------------------------

POSITIVE = [
    ("blame", "It's your fault we had to sell the car."),
    ("blame", "Because of you, nobody wants to visit anymore."),
    ("absolute", "You never pick up when I call."),
    ("absolute", "Every single time you go out it ends badly."),
    ("label", "I won't have an addict living under my roof."),
    ("label", "His last test was dirty."),
    ("threat", "If you drink again, I'm changing the locks."),
    ("threat", "Sober up or you're out."),
    ("lecture", "You need to start taking this seriously."),
    ("lecture", "It's time you grew up."),
    ("past", "This is just like last Easter when you vanished."),
    ("contempt", "You're a complete failure."),
    ("interrogation", "Where have you been all weekend?"),
    ("interrogation", "What were you thinking?"),
    ("i_statement", "I feel scared when the phone rings late."),
    ("feeling", "I'm so worried about you."),
    ("understanding", "That sounds exhausting."),
    ("shared_responsibility", "I could have listened better last night."),
    ("offer_help", "I'd be happy to come to the first session with you."),
    ("positive", "Thanks for walking the dog this morning."),
]

NEGATIVE = [
    ("blame", "It's not your fault."),
    ("absolute", "I always look forward to our calls."),
    ("absolute", "We never miss the Sunday market."),
    ("label", "Please clean the kitchen before Dad gets home."),
    ("label", "The dirty dishes can wait until morning."),
    ("threat", "If you want, I'll drive you there."),
    ("lecture", "You don't have to do this alone."),
    ("past", "See you tomorrow at the cafe."),
    ("contempt", "That joke was brilliant."),
    ("interrogation", "How was your day?"),
    ("interrogation", "What would help right now?"),
    ("i_statement", "You left the lights on."),
    ("feeling", "The car needs new tyres."),
    ("understanding", "Dinner is at seven."),
    ("shared_responsibility", "The bus was late again."),
    ("offer_help", "You should call your sponsor."),
    ("positive", "You always ruin everything."),
]


@pytest.mark.parametrize(("kind", "text"), POSITIVE)
def test_kind_found(kind: str, text: str) -> None:
    assert kind in kinds(text)


@pytest.mark.parametrize(("kind", "text"), NEGATIVE)
def test_kind_not_found(kind: str, text: str) -> None:
    assert kind not in kinds(text)


def test_all_kinds_covered_by_examples() -> None:
    assert {k for k, _ in POSITIVE} == set(KINDS)


# --- negation and quotation ---------------------------------------------------------


def test_negated_label_is_not_a_label() -> None:
    assert "label" not in kinds("I would never call you an addict.")
    assert "label" not in kinds("I'm not saying you're an alcoholic.")


def test_not_your_fault_is_understanding() -> None:
    found = kinds("It's not your fault.")
    assert "blame" not in found
    assert "understanding" in found


def test_not_blaming_you() -> None:
    assert "blame" not in kinds("I'm not blaming you, I just want to talk.")


def test_quoted_words_of_someone_else_are_not_the_writers() -> None:
    found = kinds('He told me "you always ruin everything" and walked out.')
    assert "absolute" not in found
    assert "blame" not in found


def test_curly_quotes_too() -> None:
    assert "contempt" not in kinds("She shouted \u201cyou're worthless\u201d at him.")


def test_crisis_counts_inside_quotes() -> None:
    found = detect_crisis('He texted me "I want to kill myself" an hour ago.')
    assert found is not None and found.kind == "suicide"


def test_disguised_you_statement_is_not_an_i_statement() -> None:
    found = kinds("I think you're lazy.")
    assert "i_statement" not in found
    assert "contempt" in found


def test_writer_habits_are_not_absolutes() -> None:
    assert "absolute" not in kinds("I never get enough sleep these days.")


def test_typos_and_curly_apostrophes() -> None:
    assert "absolute" in kinds("youre never home")
    assert "threat" in kinds("dont come back here if youre using")
    assert {"i_statement", "feeling"} <= kinds("I\u2019m worried about you")
    assert "blame" in kinds("YOU'RE THE REASON WE FIGHT")


# --- crisis --------------------------------------------------------------------------

CRISES = [
    ("overdose", "He's not breathing and his lips are blue"),
    ("overdose", "I can't wake her up, she took a whole bottle of pills"),
    ("suicide", "She said she wants to end her life"),
    ("suicide", "I don't want to be here anymore"),
    ("violence", "He hit me again last night"),
    ("violence", "I'm afraid he'll hurt the kids"),
]

IDIOMS = [
    "This traffic is killing me.",
    "My phone died.",
    "I nearly died laughing.",
    "I could kill for a coffee.",
    "That joke killed.",
    "I'm dead tired.",
    "The suspense is killing me.",
    "I want to die of embarrassment.",
    "It hit me that I need a holiday.",
    "He won't respond to my texts.",
    "She won't wake up before noon on weekends.",
    "He's feeling blue today.",
]


@pytest.mark.parametrize(("kind", "text"), CRISES)
def test_crisis_detected(kind: str, text: str) -> None:
    found = detect_crisis(text)
    assert found is not None and found.kind == kind
    assert analyze(text).crisis == found


@pytest.mark.parametrize("text", IDIOMS)
def test_idioms_are_not_crises(text: str) -> None:
    assert detect_crisis(text) is None


def test_most_urgent_crisis_wins() -> None:
    found = detect_crisis("He hit me and now he's not breathing")
    assert found is not None and found.kind == "overdose"


def test_crisis_span() -> None:
    text = "Please help. He's not breathing."
    found = detect_crisis(text)
    assert isinstance(found, CrisisFinding)
    assert "breathing" in text[found.start : found.end]


# --- shape, offsets, robustness -----------------------------------------------------


def test_to_dict_shape_and_offsets() -> None:
    text = "You never help. I'm worried about you, and I'd love to help if you want."
    result = analyze(text)
    d = result.to_dict()
    assert set(d) == {"may_hurt", "score", "pius", "pitfalls", "strengths", "crisis"}
    assert set(d["pius"]) == {
        "positive",
        "i_statement",
        "understanding",
        "shared_responsibility",
        "offer_help",
    }
    assert d["pitfalls"] and d["strengths"]
    for p in d["pitfalls"]:
        assert set(p) == {"kind", "start", "end", "excerpt", "why", "try_instead"}
        assert text[p["start"] : p["end"]] == p["excerpt"]
        assert p["why"] and p["try_instead"]
    for s in d["strengths"]:
        assert set(s) == {"kind", "start", "end", "excerpt"}
        assert text[s["start"] : s["end"]] == s["excerpt"]
    assert d["crisis"] is None
    json.dumps(d)


def test_crisis_dict_shape() -> None:
    d = analyze("She's turning blue").to_dict()
    assert d["crisis"] is not None and set(d["crisis"]) == {"kind", "start", "end", "possible"}


def test_span_is_the_phrase_not_the_whole_text() -> None:
    text = "Thanks for dinner. You're a joke. See you Sunday."
    (finding,) = [f for f in analyze(text).pitfalls if f.kind == "contempt"]
    assert finding.excerpt.lower().startswith("you're")
    assert len(finding.excerpt) < 20


def test_label_suggestions_are_person_first() -> None:
    result = analyze("You're an addict and your test was dirty.")
    tips = {f.excerpt.lower(): f.try_instead for f in result.pitfalls if f.kind == "label"}
    assert any("person who uses" in t for t in tips.values())
    assert any("positive" in t for t in tips.values())


def test_specific_suggestion_for_never_help() -> None:
    result = analyze("You never help.")
    assert "appreciate your help" in result.pitfalls[0].try_instead


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "x" * 5000,
        "you never " * 500,
        "😀🙏❤️ 🔥",
        "Привет, как дела?",
        "我很担心你",
        "İstanbul'da",
        "\u0000\u200b",
        '"unclosed quote you always',
        "?!.,;",
    ],
)
def test_never_raises(text: str) -> None:
    result = analyze(text)
    assert isinstance(result, Analysis)
    assert 0 <= result.score <= 100
    for f in result.pitfalls + result.strengths:
        assert text[f.start : f.end] == f.excerpt
    detect_crisis(text)


def test_empty_scores_zero() -> None:
    assert analyze("").score == 0
    assert analyze("   ").score == 0


def test_unknown_language() -> None:
    with pytest.raises(ValueError):
        analyze("hello", lang="xx")


def test_score_moves_the_right_way() -> None:
    neutral = analyze("The car is in the garage.").score
    good = analyze("I'm proud of you. I know this is hard, and I'm here if you want to talk.").score
    bad = analyze("You never listen. You're pathetic and it's your fault.").score
    assert bad < neutral < good
    assert 40 <= neutral <= 60


def test_pius_checklist() -> None:
    result = analyze(
        "Thanks for cooking. I feel hopeful. That must be hard. "
        "I overreacted last week. Tell me what would help."
    )
    assert all(result.pius.values())
    assert not any(analyze("The car is in the garage.").pius.values())


# --- quality bar on the development set -----------------------------------------------


def _evaluate(name: str) -> dict[str, object]:
    sys.path.insert(0, str(ROOT))
    from benchmarks.coach_quality import evaluate, load

    return evaluate(load(DATA / name))


def test_quality_bar_dev_set() -> None:
    res = _evaluate("messages.jsonl")
    assert res["n"] >= 200  # type: ignore[operator]
    assert res["macro_f1"] >= 0.90  # type: ignore[operator]
    assert res["crisis_recall"] >= 0.95  # type: ignore[operator]
    assert res["crisis_fpr"] <= 0.05  # type: ignore[operator]


def test_quality_bar_holdout_set() -> None:
    res = _evaluate("holdout.jsonl")
    assert res["n"] >= 120  # type: ignore[operator]
    assert res["macro_f1"] >= 0.85  # type: ignore[operator]
    assert res["crisis_recall"] >= 0.95  # type: ignore[operator]
    assert res["crisis_fpr"] <= 0.05  # type: ignore[operator]


# --- generalisation: patterns added after the fresh, independently written set ---------

GENERAL_FOUND = [
    ("blame", "You've put our whole family through hell."),
    ("blame", "Why do you keep doing this to your mother?"),
    ("blame", "You skipped her recital for a few beers."),
    ("blame", "You've been lying to us for a year."),
    ("absolute", "All you ever do is complain."),
    ("absolute", "It's always about you."),
    ("absolute", "My husband never once thanked me."),
    ("label", "my brother is a pill head"),
    ("label", "ur such an alcholic"),
    ("label", "She relapsed after two years clean."),
    ("threat", "One more arrest and I'm done."),
    ("threat", "Quit or you can forget about living here."),
    ("lecture", "You're going to end up in jail."),
    ("lecture", "You're wasting your whole life."),
    ("lecture", "You could've killed somebody."),
    ("past", "I'll never forget what you did at the funeral."),
    ("past", "You swore at Easter you'd stop."),
    ("contempt", "u think ur so clever"),
    ("contempt", "What kind of father forgets his own kid?"),
    ("contempt", "She's such a useless liar."),
    ("contempt", "Why can't you act normal for once?"),
    ("interrogation", "Where did all my cash go?"),
    ("interrogation", "How many drinks did you have?"),
    ("feeling", "I'm scared to go home."),
    ("feeling", "hey sis, so proud of u"),
    ("understanding", "I know you're trying."),
    ("understanding", "Sounds like the new job has been rough."),
    ("understanding", "i know u didnt mean it"),
    ("shared_responsibility", "We could've handled that better."),
    ("shared_responsibility", "I've made plenty of mistakes too."),
    ("shared_responsibility", "Part of this is on me."),
    ("offer_help", "im here for u"),
    ("offer_help", "Can I pick you up from work?"),
    ("positive", "I'm so glad you came."),
    ("positive", "u crushed it today"),
    ("positive", "can't wait to see you!"),
]

GENERAL_NOT_FOUND = [
    ("i_statement", "My son drinks and I don't know how to help him."),
    ("contempt", "Grandpa laughed at your joke."),
    ("contempt", "He's not lazy, he's depressed."),
    ("feeling", "Happy birthday, sweetheart!"),
    ("understanding", "We went to the lake and it was rough water all day."),
    ("offer_help", "What can I do to support my son?"),
    ("offer_help", "Can I make him go to rehab?"),
    ("label", "My daughter is a clean freak."),
    ("blame", "Do you know what it's doing to your liver?"),
    ("threat", "One more week and you finish probation!"),
]


@pytest.mark.parametrize(("kind", "text"), GENERAL_FOUND)
def test_general_kind_found(kind: str, text: str) -> None:
    assert kind in kinds(text)


@pytest.mark.parametrize(("kind", "text"), GENERAL_NOT_FOUND)
def test_general_kind_not_found(kind: str, text: str) -> None:
    assert kind not in kinds(text)


MORE_CRISES = [
    ("overdose", "she's slumped over in the bathroom"),
    ("overdose", "he's grey and cold and i cant wake him"),
    ("overdose", "my boyfriend is snoring weird after using"),
    ("suicide", "my daughter doesnt see the point in living"),
    ("suicide", "He's been saying goodbye to all his friends."),
    ("suicide", "she gave away all of her jewelry"),
    ("suicide", "my son is on the bridge and won't come down"),
    ("suicide", "he says he can't go on"),
    ("suicide", "She said she won't be around much longer."),
    ("violence", "I locked myself and the kids in the bedroom"),
    ("violence", "She threw a plate against the wall"),
    ("violence", "he smashed my phone"),
    ("violence", "I'm terrified to go back home"),
    ("violence", "he keeps pounding on the door"),
    ("violence", "He told me he'd use his gun on me."),
    ("overdose", "he took too much and now he can't stand up"),
    ("suicide", "my son has been searching how to end his life"),
]

MORE_SAFE = [
    "I'm scared he'll overdose someday.",
    "I'm afraid of an overdose.",
    "Last year's overdose changed everything for her.",
    "My son's friend died by suicide last month.",
    "He wants to kill it at the audition.",
    "Dad wants to kick him out of the house.",
    "I can't go on like this.",
    "We can't go on vacation this year.",
    "She gave away her old bike to her cousin.",
    "I locked myself out of the car.",
    "He's scared to go back to rehab.",
    "The kids threw a ball at the wall.",
    "We walked across the bridge to the market.",
    "She shot me a dirty look.",
    "Mum is always breathing down my neck.",
    "I took too much time off work.",
]


@pytest.mark.parametrize(("kind", "text"), MORE_CRISES)
def test_more_crises_detected(kind: str, text: str) -> None:
    found = detect_crisis(text)
    assert found is not None and found.kind == kind


@pytest.mark.parametrize("text", MORE_SAFE)
def test_safe_mentions_are_not_crises(text: str) -> None:
    assert detect_crisis(text) is None


def test_quality_bar_fresh_set() -> None:
    res = _evaluate("fresh.jsonl")
    assert res["n"] >= 200  # type: ignore[operator]
    assert res["macro_f1"] >= 0.85  # type: ignore[operator]
    assert res["crisis_recall"] >= 0.95  # type: ignore[operator]
    assert res["crisis_fpr"] <= 0.05  # type: ignore[operator]


# --- the learned layers (round 20: lang/en/kind_reader.json, crisis_reader.json) ------

NEW_CRISES = [
    ("violence", "My ex is outside the house and says he'll burn it down."),
    ("violence", "Mom, Dad just hit me and I'm locked in my room."),
    ("violence", "He had his hands around her throat."),
    ("overdose", "There's foam coming out of his mouth."),
    ("overdose", "She hasn't moved in an hour and I can't tell if she's asleep."),
    ("suicide", "She looked up how many pills it takes to die."),
]

NEW_SAFE = [
    "We watched a film about the overdose crisis.",
    "His best friend took his own life last year.",
    "The news about grandpa hit me hard.",
    "She wrapped her arms around my neck and hugged me.",
    "The car hasn't moved in hours.",
]


@pytest.mark.parametrize(("kind", "text"), NEW_CRISES)
def test_new_crisis_wordings(kind: str, text: str) -> None:
    found = detect_crisis(text)
    assert found is not None and found.kind == kind


@pytest.mark.parametrize("text", NEW_SAFE)
def test_new_safe_wordings(text: str) -> None:
    assert detect_crisis(text) is None


# Crisis wordings from the extra/blind4 round, and safe sentences that use the same words.
ROUND4_CRISES = [
    ("overdose", "My nephew went limp right after he shot up."),
    ("overdose", "She's out cold on the bathroom floor."),
    ("overdose", "He swallowed the whole bottle of his mother's pills."),
    ("overdose", "I can't find a pulse and his lips are going blue."),
    ("overdose", "Her breathing keeps stopping, she drank and took pills."),
    ("overdose", "He won't respond when I shake him."),
    ("overdose", "She's been vomiting since she took those tablets and now she can't stand."),
    ("suicide", "My dad texted me goodbye an hour ago."),
    ("suicide", "She's in the garage with the engine running."),
    ("suicide", "He wishes he could go to sleep and never wake up."),
    ("suicide", "My son has been stockpiling his pills."),
    ("suicide", "She took an overdose on purpose in June."),
    ("suicide", "I'm afraid she'll do something to herself."),
    ("suicide", "He asked how many it would be enough to not wake up."),
    ("suicide", "She said this is the last time we'll ever hear from her."),
    ("violence", "My stepfather beat up my little brother."),
    ("violence", "He slammed my head against the cupboard."),
    ("violence", "She texted that she'll make me pay."),
    ("violence", "He threatened to put my dad in the hospital."),
    ("violence", "He's kicking the back door in."),
    ("violence", "My husband broke my jaw last spring."),
    ("violence", "He tried to run me over in the driveway."),
]

ROUND4_SAFE = [
    "We argued until we were blue in the face.",
    "My heart stopped when I saw the price.",
    "The news said overdoses are rising in our county.",
    "There's a scene in the movie where a man overdoses.",
    "Her grandfather died of an overdose in the nineties.",
    "She has never threatened me.",
    "Nobody is in danger, I just want advice.",
    "I'm not going to kill myself over a burnt dinner.",
    "She wants to die her hair green.",
    "He beat me at chess again.",
    "He was knocked out in the second round of the fight.",
    "My brother shot his shot with his crush.",
    "He won't respond to my texts when he's sulking.",
    "He fell asleep after taking his medication.",
]


@pytest.mark.parametrize(("kind", "text"), ROUND4_CRISES)
def test_round4_crisis_wordings(kind: str, text: str) -> None:
    found = detect_crisis(text)
    assert found is not None and found.kind == kind


@pytest.mark.parametrize("text", ROUND4_SAFE)
def test_round4_safe_wordings(text: str) -> None:
    assert detect_crisis(text) is None


ROUND4_RULES = [
    ("threat", "Show up wasted again and I'm filing for divorce."),
    ("threat", "Either you see a doctor or you find your own place."),
    ("threat", "Keep drinking and I'm gone."),
    ("threat", "This is the last time I pay your fine."),
    ("interrogation", "Whose bottle is this?"),
    ("interrogation", "r u drunk"),
    ("past", "Have you forgotten what happened at the reunion?"),
    ("past", "Last time you tried that you ended up in hospital."),
    ("blame", "You wrecked our marriage."),
    ("blame", "If it wasn't for your drinking we'd still have the shop."),
    ("contempt", "What a sad excuse for a brother."),
    ("shared_responsibility", "I owe you an apology."),
    ("offer_help", "I can call the clinic for you."),
]

ROUND4_RULES_NOT = [
    ("threat", "Call me again and I'll tell you the plan."),
    ("blame", "You did this so well, thank you."),
    ("past", "Do you remember the beach house? We loved it."),
]


@pytest.mark.parametrize(("kind", "text"), ROUND4_RULES)
def test_round4_rules_found(kind: str, text: str) -> None:
    assert kind in analyze(text, use_model=False).kinds


@pytest.mark.parametrize(("kind", "text"), ROUND4_RULES_NOT)
def test_round4_rules_not_found(kind: str, text: str) -> None:
    assert kind not in analyze(text, use_model=False).kinds


def test_kind_reader_loads_once_with_a_threshold_per_kind() -> None:
    from kindred.coach.engine.kind_reader import KindReader, load_kind_reader
    from kindred.coach.engine.message_model import LANG_DIR

    reader = load_kind_reader("en")
    assert isinstance(reader, KindReader)
    assert load_kind_reader("en") is reader  # loaded once per process
    assert reader.model.outputs == KINDS
    assert set(reader.thresholds) == set(KINDS)
    assert all(0.3 <= t <= 0.99 for k, t in reader.thresholds.items() if k != "label")
    assert reader.thresholds["label"] > 1  # labels come from the rules' word list only
    assert (LANG_DIR / "en" / "kind_reader.json").stat().st_size < 8_000_000


def test_model_only_finding_has_sentence_span() -> None:
    text = "You got home at 4. Where were u and who was there?"
    assert "interrogation" not in analyze(text, use_model=False).kinds
    result = analyze(text)
    found = [f for f in result.pitfalls if f.kind == "interrogation"]
    assert len(found) == 1
    f = found[0]
    assert text[f.start : f.end] == f.excerpt == "Where were u and who was there?"
    assert f.why and f.try_instead


def test_model_only_pitfall_gets_default_why() -> None:
    text = "Long day. Wow, real mature of you."
    f = next(f for f in analyze(text).pitfalls if f.kind == "contempt")
    assert text[f.start : f.end] == f.excerpt
    assert f.excerpt != text  # a sentence, never the whole multi-sentence text
    assert f.why and f.try_instead


def test_rules_only_switch() -> None:
    text = "You got home at 4. Where were u and who was there?"
    assert analyze(text, use_model=False).kinds <= analyze(text).kinds


def test_model_is_deterministic_across_processes() -> None:
    import subprocess

    text = "Long day. Wow, real mature of you. Where were u? I love you, thx for the soup."
    code = (
        "import json,sys; from kindred.coach.engine import analyze; "
        f"print(json.dumps(analyze({text!r}).to_dict(), sort_keys=True))"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outs) == 1
    assert json.loads(outs.pop()) == analyze(text).to_dict()


@pytest.mark.parametrize(
    "text",
    [
        "🙄🙄🙄",
        "?!?!",
        "\n\n.\n",
        "ну и что ты сделал",
        "u " * 3000,
        "Where were you? " * 400,
        '"you always ruin everything" he said. "where were you"',
        "a" * 5000,
    ],
)
def test_model_odd_input(text: str) -> None:
    result = analyze(text)
    for f in result.pitfalls + result.strengths:
        assert text[f.start : f.end] == f.excerpt
        assert f.excerpt.strip()


def test_long_letter_model_spans_are_sentences() -> None:
    text = " ".join(
        [
            "Dear Sam, I have been thinking about you a lot this week.",
            "Work has been busy and the garden is finally green again.",
            "Wow, real mature of you to skip the party.",
        ]
        * 8
    )
    for f in analyze(text).pitfalls + analyze(text).strengths:
        assert text[f.start : f.end] == f.excerpt
        assert len(f.excerpt) < 200


# --- crisis concepts (round 5): concept combos, blocks and the model backstop -------------

CONCEPT_CRISES = [
    ("overdose", "she's not making sense and her breathing sounds wrong, she took something"),
    ("overdose", "he's breathing like once every ten seconds"),
    ("overdose", "my brother is on the floor and his lips look dusky"),
    ("overdose", "Dad downed the rest of his pain pills with whiskey and he's slurring"),
    ("overdose", "she took the whole strip of her nan's tramadol an hour ago"),
    ("suicide", "She said she won't be a problem for us much longer."),
    ("suicide", "my husband said he'd rather be in the ground than go back to rehab"),
    ("suicide", "he's been writing letters to everyone and gave his dog to his best friend"),
    ("suicide", "i just want everything to stop. permanently. i have a plan"),
    ("violence", "my wrist is probably broken, he twisted it"),
    ("violence", "I'm sleeping in my car because of him"),
    ("violence", "he keeps a gun under the seat and said I'd regret leaving"),
    ("violence", "He had me up against the fridge by my collar last night"),
    ("violence", "he watches my every move and hits me if I talk back"),
]

CONCEPT_LOOKALIKES = [
    "We watched a film where the guy ODs in a motel, it really shook me.",
    "She took a whole bottle of water into the meeting.",
    "he fell asleep on the couch watching the game, snoring like a chainsaw",
    "He has never hurt me, he just sleeps all day.",
    "Do you think he'd ever hurt himself? He seems fine but I worry.",
    "My mom always said she'd rather die than live in a nursing home.",
    "He's gonna kill me when he finds out I dented the car lol",
    "my sister's ex used to beat her but she left him years ago and she's safe now",
    "He was unresponsive to every suggestion I made about therapy.",
    "He has a gun licence and goes hunting with his dad every autumn.",
    "I'm not going to hurt myself, I just need to vent about my week.",
    "She wrapped her arms around my neck and hugged me.",
    "I'm dead on my feet after the night shift.",
    "I'm scared he'll overdose one day and I won't be there.",
]


@pytest.mark.parametrize(("kind", "text"), CONCEPT_CRISES)
def test_concept_crises(kind: str, text: str) -> None:
    found = detect_crisis(text)
    assert found is not None and found.kind == kind, text
    assert 0 <= found.start < found.end <= len(text)


@pytest.mark.parametrize("text", CONCEPT_LOOKALIKES)
def test_concept_lookalikes(text: str) -> None:
    assert detect_crisis(text) is None


def test_concept_rules_without_model() -> None:
    from kindred.coach.engine.rules import find_crisis
    from kindred.coach.engine.vocabulary import load

    vocab = load("en")
    for kind, text in CONCEPT_CRISES:
        found = find_crisis(text, vocab, use_model=False)
        assert found is not None and found.kind == kind, text


def test_crisis_model_is_small_and_sure() -> None:
    from kindred.coach.engine.message_model import load_crisis_model

    model = load_crisis_model("en")
    assert model is not None and model.threshold >= 0.9
    assert model.probability("") < 0.5
    assert load_crisis_model("en") is model  # loaded once


@pytest.mark.parametrize("name", ["crisis_blind5.jsonl", "crisis_blind6.jsonl"])
def test_crisis_sets_are_well_formed(name: str) -> None:
    rows = [json.loads(line) for line in (DATA / name).read_text().splitlines() if line]
    assert len(rows) >= 120
    crises = sum(1 for r in rows if r["crisis"])
    assert 0.4 <= crises / len(rows) <= 0.6
    for r in rows:
        assert set(r["kinds"]) <= set(KINDS) and r["crisis"] in (None, *CRISIS_KINDS)
