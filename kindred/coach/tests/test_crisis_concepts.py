"""The crisis concepts learned from the blind_families set, checked on new sentences.

None of these sentences is in a data set: they were written for this test to describe the
same behaviours and symptoms in other words (farewells, giving belongings away, plans,
means, method research; blocking the way out, shoves, threats to the household, weapons
brought out; overdose signs told to the loved one), and look-alikes the vetoes must let
through (jokes, hyperbole, other people's past, repairs, trainings, dreams).
"""

import pytest

from kindred.coach.engine import analyze, detect_crisis

CRISES = [
    (
        "overdose",
        "Come quick, Leo is on the couch and his lips have gone a dusky colour and he's making this gurgling noise",
    ),
    (
        "overdose",
        "You won't open your eyes and your breathing sounds like snoring, I'm calling an ambulance",
    ),
    ("overdose", "Narcan is in, he's still not moving much"),
    (
        "overdose",
        "her pupils are pinned and she's barely conscious after she took that stuff from her roommate",
    ),
    ("overdose", "I can hear gasping from behind the door and he won't answer when I knock"),
    (
        "suicide",
        "He mailed me his guitar last week and said just keep it, he won't be playing anymore",
    ),
    ("suicide", "She asked me how much of her insulin it takes to make sure it's enough"),
    ("suicide", "My dad texted 'you'd all be better without me' and now his phone is off"),
    ("suicide", "she's been googling lethal doses of her sleeping pills"),
    ("suicide", "He told me if she leaves him he'll just end it."),
    ("suicide", "Found a folder on his laptop labelled 'for when I'm gone'"),
    (
        "suicide",
        "He wrote cards for each of the grandkids and left them on the table with his wedding ring",
    ),
    ("suicide", "my mom said she's going to swallow the whole bottle tonight"),
    ("suicide", "he keeps saying everyone would be happier if he wasn't around anymore"),
    ("violence", "He stood in the doorway so I couldn't get past and screamed in my face"),
    ("violence", "she wouldn't let me leave the flat and took my phone"),
    ("violence", "you slammed Mia against the fridge last night"),
    ("violence", "He said he knows where we are staying now and that he'll put us in the ground"),
    (
        "violence",
        "My son punched his hand through the bathroom mirror and said try it again and see what happens",
    ),
    ("violence", "we pushed the dresser against the bedroom door, he's downstairs raging"),
    ("violence", "you choked your sister until she cried"),
    (
        "violence",
        "He's been drinking, there's a machete on the table and he says nobody leaves tonight",
    ),
    (
        "overdose",
        "Get over here, Marcus is slumped on the stairs and his face has gone grey, he only groans when I shake him",
    ),
    (
        "overdose",
        "she's breathing really weird, like rattly, and her skin is cold and sweaty after those pills",
    ),
    ("overdose", "I used both Narcan sprays and she's still hardly breathing"),
    ("overdose", "Your eyes keep rolling back and you're not making sense, what did you take?"),
    (
        "suicide",
        "He sold his truck and his tools this week and told me he's 'getting his affairs sorted'",
    ),
    (
        "suicide",
        "she left a voicemail saying she loves us and is sorry, and now no one can reach her",
    ),
    ("suicide", "My son asked me yesterday which bridge in town is the highest"),
    ("suicide", "She has been saving her pills in a sock in the drawer"),
    ("suicide", "Dad posted 'this is my last post, thanks for everything' on facebook"),
    ("suicide", "he said he doesn't see himself being around by christmas"),
    ("suicide", "she said the world would be better without her in it"),
    (
        "violence",
        "He got in my face and spat at me, then said if I call anyone he'll make sure I regret it",
    ),
    ("violence", "My daughter's boyfriend dragged her out of the car by her hair"),
    (
        "violence",
        "he took the keys and my phone so I can't leave, I'm writing this from the neighbour's",
    ),
    ("violence", "You shoved Grandma down the steps. She's 80."),
    (
        "violence",
        "when he drinks he gets out the shotgun and cleans it in front of us and stares at me",
    ),
    ("violence", "he said next time it'll be worse, and showed me his fist"),
    (
        "overdose",
        "Tia's lying on the bathroom tiles, lips are blue-ish, she's barely breathing, I already called 911",
    ),
    (
        "overdose",
        "he nodded off mid sentence and now I can't get him to respond at all, he smoked something an hour ago",
    ),
    ("overdose", "come now he's making a horrible snoring gurgle and won't wake up"),
    ("overdose", "Gave her the naloxone twice, she's still grey"),
    (
        "suicide",
        "My wife has been giving away her jewellery to her sisters and says she won't need it",
    ),
    ("suicide", "He texted me a picture of pills lined up on the counter and 'sorry mom'"),
    ("suicide", "she told her best friend she has a plan and picked a date"),
    ("suicide", "I found searches on his phone for painless ways to go"),
    (
        "suicide",
        "Grandpa said he's tired of being a burden and everyone would be better off without him",
    ),
    ("suicide", "he's on the roof of the parking garage and won't come down"),
    ("suicide", "She keeps saying she won't be here for her birthday"),
    ("violence", "He grabbed me by the throat and slammed me into the wall"),
    ("violence", "My son threatened his dad with a kitchen knife last night"),
    ("violence", "She locked me out on the balcony and said she'd burn my stuff"),
    ("violence", "you punched your brother in the face and broke his nose"),
    ("violence", "I'm at my mom's with the kids because he said if I come back he'll kill me"),
    ("violence", "He follows me from work every day and parks outside the house at night"),
]

LOOKALIKES = [
    "Finally got some peace and quiet, the kids are at grandma's",
    "I hope you get some peace this weekend at the lake",
    "He gave me his old jacket and said keep it, it doesn't fit him anymore",
    "See you on the other side of the holidays, love you",
    "We took photos of every room before we moved out so we get the deposit back",
    "She read up on the doses of her new antidepressant with her doctor",
    "I'm going to end it with him, he's not good for me",
    "Let's just end it there for tonight and talk tomorrow",
    "Everyone would be happier if we just ordered pizza",
    "The notes for each of the kids' teachers are in my bag",
    "I bought some rope for the tent and a new tarp",
    "He pushed the couch against the wall to make room for the tree",
    "You beat Dad at chess again!",
    "You hit the nail on the head yesterday",
    "You pushed me to be better and I'm grateful",
    "I had a dream that he wasn't breathing, woke up in tears. He's fine.",
    "We practised the overdose first aid at church",
    "She wants to die of embarrassment every time I mention it lol",
    "My brother's suicide was ten years ago and I still think of him",
    "Don't let me leave without my keys!",
    "They wouldn't let us take the car out of the lot until we paid",
    "you're next in line at the pharmacy",
    "he kicked the ball until the window cracked lol",
    "He wrote thank you notes to each of the nurses",
    "I'm calling you back in five, where are you?",
    "I'm so tired I want to die lol",
    "Your dad swung the bat at the ball and missed",
    "Knock it off with the snoring noises, you're not funny",
    "I used to be scared of him but he's been gentle for years now",
    "He said 'I could kill for a burger' and we went to the diner",
    "My phone died and I couldn't answer, sorry!",
    "She gave her old bike to her cousin since she got a new one",
    "He blocked the doorway as a joke and we both cracked up",
    "Can you look up how much Tylenol is safe to give a kid?",
    "I'm worried that one day he'll take too many pills, how do I talk to him about it?",
    "He punched the steering wheel when the team lost, then apologised",
    "Mom put her affairs in order after her cancer diagnosis, she's doing chemo now",
    "The dog was snoring so loudly last night lol",
    "He passed out on the couch after the game, snoring, totally fine this morning",
    "My sister wrote letters to each of the bridesmaids, so sweet",
    "you kicked my butt at tennis",
    "He keeps his hunting rifle locked in the safe and only takes it out in November",
    "I'm dying to see you this weekend!",
    "He's been giving away zucchini from the garden to all the neighbours",
    "We should make a plan for Christmas and pick a date",
    "She said she's tired of being a burden on the group chat with all her questions haha",
    "He's on the roof fixing the gutters, won't come down till it's done",
    "I'll kill you if you eat the last cookie 😂",
    "He slammed the door and went to his room, I'm giving him space",
    "She texted me a picture of her new pills organiser, so proud",
    "He gave me the naloxone kit from the pharmacy to keep in my car",
    "My dad threatened to take away my phone if I'm late again",
    "Last Christmas was hard, he overdosed in January but he's been doing well since",
    "He held my hand the whole time at the clinic",
    "She blocked me on Instagram lol",
    "She won't be here for my birthday because of work",
]


@pytest.mark.parametrize(("kind", "text"), CRISES)
def test_new_phrasings_of_a_crisis_are_found(kind: str, text: str) -> None:
    found = detect_crisis(text)
    assert found is not None and not found.possible, text
    assert found.kind == kind
    assert text[found.start : found.end].strip()
    assert analyze(text).crisis == found


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalikes_raise_no_crisis(text: str) -> None:
    found = detect_crisis(text)
    assert found is None or found.possible, (text, found)


def test_a_planned_overdose_is_told_apart_as_suicide() -> None:
    found = detect_crisis(
        "he says he'll swallow the rest of his oxy tonight so he never has to wake up"
    )
    assert found is not None and found.kind == "suicide"


def test_second_person_violence_needs_a_physical_act() -> None:
    assert detect_crisis("You hurt me so much when you forgot my birthday.") is None
    found = detect_crisis("You shoved me into the door frame last night.")
    assert found is not None and found.kind == "violence"


# Round 21: families read from blind_voices7/8's crisis errors (after their single scorings),
# written here in other words. The loved one's own wish to be dead, reported to them ("you
# told dad you wish you were dead") or of them ("she wishes she had died"), and in text-speak
# ("u wanna die"); a farewell is not hidden by an unrelated "asked if" in the sentence.
ROUND21_CRISES = [
    ("suicide", "you told dad yesterday you wish you were dead and now you want money??"),
    ("suicide", "my daughter said last night she wishes she had died in that crash"),
    ("suicide", "ur 30 and ur texting me at 3am that u wanna die, grow up"),
    (
        "suicide",
        "she asked if i would take care of her cat if anything happened and said we'd be "
        "better off without her",
    ),
    ("suicide", "My son attempted suicide when he was 15. Should I still bring it up?"),
]
# Other people's deaths in the past, the news, and hunting season are not crises.
ROUND21_LOOKALIKES = [
    "deer season opens saturday, uncle has the rifle sighted in for you if you want to come",
    "my old army buddy killed himself in 2011, still think about him some nights",
    "her mom passed from an overdose when she was little, today is her birthday",
    "on the radio some guy overdosed on caffeine pills at the gym, crazy",
    "My son asked me if you can die from mixing those two. I said I'd find out.",
]


@pytest.mark.parametrize(("kind", "text"), ROUND21_CRISES)
def test_round21_crises(kind: str, text: str) -> None:
    found = detect_crisis(text)
    assert found is not None and found.kind == kind and not found.possible, (text, found)


@pytest.mark.parametrize("text", ROUND21_LOOKALIKES)
def test_round21_lookalikes_raise_no_crisis(text: str) -> None:
    assert detect_crisis(text) is None, text
