"""The tracker's built-in tags. A member adds their own (TrackerTag); a day stores tag ids:
these keys, or the string id of one of the member's own tags."""

from __future__ import annotations

from dataclasses import dataclass

from kindred.toolkit.models.tracker import TagKind


@dataclass(frozen=True)
class Tag:
    id: str
    kind: str
    label: str
    own: bool = False  # the member's own tag (its label is theirs, and encrypted)


def _tags(kind: str, items: list[tuple[str, str]]) -> list[Tag]:
    return [Tag(f"{kind}:{key}", kind, label) for key, label in items]


BUILT_IN: list[Tag] = [
    *_tags(
        TagKind.SUBSTANCE,
        [
            ("alcohol", "Alcohol"),
            ("cannabis", "Cannabis"),
            ("opioids", "Opioids"),
            ("stimulants", "Stimulants (cocaine, meth)"),
            ("pills", "Pills not prescribed to them"),
            ("other", "Something else"),
        ],
    ),
    *_tags(
        TagKind.SITUATION,
        [
            ("home", "At home"),
            ("friends", "Out with friends"),
            ("work", "After work"),
            ("weekend", "Weekend"),
            ("alone", "On their own"),
            ("family-event", "Family event"),
        ],
    ),
    *_tags(
        TagKind.TRIGGER,
        [
            ("payday", "Payday or money"),
            ("stress", "Stress"),
            ("argument", "An argument"),
            ("boredom", "Boredom"),
            ("loneliness", "Loneliness"),
            ("certain-people", "Certain people"),
            ("pain", "Pain or feeling unwell"),
            ("celebration", "Celebrating"),
            ("poor-sleep", "Poor sleep"),
        ],
    ),
]
BUILT_IN_BY_ID = {tag.id: tag for tag in BUILT_IN}
