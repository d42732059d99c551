"""Round 19: the concept families learned from blind_voices3's errors, on new sentences.

None of these sentences is in a data set: they were written for this test, in other words
than the set's, to check that each rule is a family (belongings given with parting words,
the means gone and the person out of reach, farewell then silence, an overdose "on
purpose", a child into someone's pills, destruction with someone behind the door, a
third-person assault seen now) and that its look-alikes stay quiet. The may-hurt half
checks the new pitfall families (sarcastic congratulations, evidence of missing money,
implied threats, rapid questions, texting spellings) and the kind uses that must not be
flagged ("you've always been so kind", "like when you were little", "you're doing great").
"""

import pytest

from kindred.coach.engine import analyze, detect_crisis

CRISES = [
    (
        "suicide",
        "He handed me his watch and his fishing gear and said keep them, I won't be needing any of it.",
    ),
    (
        "suicide",
        "She gave me her jewellery box tonight and said take care of mum for me. She'll be gone soon, she said.",
    ),
    ("suicide", "Dad's rifle isn't in the cabinet and his phone is going straight to voicemail."),
    ("suicide", "My brother took the shotgun from the barn and nobody knows where he is."),
    (
        "suicide",
        "She left a note that said thank you for everything and now her bed hasn't been slept in.",
    ),
    (
        "suicide",
        "he messaged the group chat 'love you all, sorry for everything' then left the chat",
    ),
    ("suicide", "She said if she ODs this weekend it won't be an accident, it'll be on purpose."),
    ("suicide", "he wants to lie down and not wake up ever again, that's what he told me"),
    (
        "suicide",
        "He says he wants to drive into the mountains and never come back. His truck is gone.",
    ),
    (
        "suicide",
        "He's in the garage in his car with the engine running and he won't open the door.",
    ),
    ("overdose", "My toddler got into her grandad's pills and swallowed a couple, she's so floppy"),
    ("overdose", "Why is your breathing like that?? What did you take, you're scaring me"),
    (
        "overdose",
        "You took the whole packet of her sleeping tablets? Talk to me, why are you so sleepy",
    ),
    (
        "violence",
        "He kicked in the bedroom door while the kids were in there and he's shouting at my mum.",
    ),
    (
        "violence",
        "My son punched his father in the face and there's blood everywhere, he's still raging.",
    ),
    (
        "violence",
        "He grabbed my phone from me and stood in the doorway so my daughter couldn't leave.",
    ),
    ("violence", "Mi yerno le pegó a mi hija anoche y ella tiene miedo."),
]

LOOKALIKES = [
    "He gave me his old guitar because he's moving abroad for the new job, said keep it.",
    "Grandpa took his rifle to the hunting range this morning, phone off as usual.",
    "Thanks for everything this weekend! My phone died on the train, sorry I didn't answer.",
    "I know what an overdose looks like from my nursing training, it stays with you.",
    "I still remember the night of her overdose, but she's been sober two years now.",
    "We watched a drama where a character overdosed and I cried through the whole thing.",
    "My son did not come to dinner again, he said he was working late.",
    "Every time I give him a little trust he throws it back in my face.",
    "Dad, I'm sorry I hung up on you yesterday, can we talk Sunday?",
    "The kids were playing a pillow fight game and my son hit his dad with a cushion.",
]

MAY_HURT = [
    "Congrats on another wasted Saturday. Amazing.",
    "Your grandmother would be turning in her grave.",
    "The money in the kitchen drawer is gone again and only you and I live here.",
    "Don't tell me it's for a friend. Do you think I'm stupid?",
    "If you come home drunk again you will not stay under my roof.",
    "If you keep this up I'm packing my bags and going to my mother's.",
    "Where were you on Friday? Who drove you home? Why is the car scratched?",
    "Where'd all the rent money go",
    "ur allways on your phone when the kids need you",
    "I think you're being so selfish right now.",
]

KIND = [
    "You've always been so patient with your little cousins.",
    "You were always brilliant at fixing things.",
    "It was lovely having you here, you were giggling like when you were little.",
    "I think of you every time I drive past the lake.",
    "You're doing so good, three weeks! We're proud of you.",
    "The house is paid off because of you, and I'm so grateful.",
    "Money's tight this month, so let's cook at home together on Friday.",
]


@pytest.mark.parametrize(("kind", "text"), CRISES)
def test_a_crisis_family_is_found_in_new_words(kind: str, text: str) -> None:
    found = detect_crisis(text)
    assert found is not None and not found.possible, (text, found)
    assert found.kind == kind, (text, found)
    assert text[found.start : found.end].strip()


@pytest.mark.parametrize("text", LOOKALIKES)
def test_a_lookalike_of_a_family_raises_no_crisis(text: str) -> None:
    found = detect_crisis(text)
    assert found is None or found.possible, (text, found)


@pytest.mark.parametrize("text", MAY_HURT)
def test_a_new_hurtful_form_is_flagged_with_words(text: str) -> None:
    result = analyze(text)
    assert result.may_hurt, text
    for pitfall in result.pitfalls:
        assert text[pitfall.start : pitfall.end] == pitfall.excerpt
        assert pitfall.try_instead


@pytest.mark.parametrize("text", KIND)
def test_a_kind_use_of_always_or_the_past_is_not_flagged(text: str) -> None:
    assert not analyze(text).may_hurt, (text, analyze(text).pitfalls)


def test_a_word_after_an_opening_straight_quote_starts_a_word() -> None:
    found = detect_crisis("He texted me 'goodbye, love you all' and now he's not answering.")
    assert found is not None and found.kind == "suicide"
    assert detect_crisis("don't worry, he's fine") is None
