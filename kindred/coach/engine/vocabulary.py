"""Load and compile the language data in ``lang/<code>/*.json`` (once per language).

Files of a language folder:

* ``language.json`` — macros (``{YOU}`` …), negation cues, sentence/clause breaks,
  quotation marks, and which kinds cancel others inside one sentence;
* ``pitfalls.json`` / ``strengths.json`` — per kind: ``patterns``, ``exclude``,
  ``negatable`` and, for pitfalls, ``why``, ``try_instead`` and ``suggestions``;
* ``crisis.json`` — ``priority``, ``concepts`` (named vocabulary lists such as
  ``OD_SIGN`` or ``HARM_VERB``, referenced as ``{@NAME}`` in any crisis regex) and per
  crisis kind ``patterns`` / ``exclude`` / ``combos`` (a concept found together with other
  concepts in the same sentence or text, unless a blocking concept is there too).

Patterns are regular expressions run on lower-cased text; a literal space matches any
run of whitespace, and every pattern is anchored to word boundaries.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

LANG_DIR = Path(__file__).resolve().parent / "lang"
_MACRO = re.compile(r"\{([A-Z_]+)\}")
# End guard: a match that ends on a word character must end at a word boundary.
_END = r"(?:(?<=\w)(?!\w)|(?<!\w))"
_FILLER = r"(?:\w+ )"
_FILLER_WITH_APOSTROPHE = r"(?:[\w']+ )"
_CONCEPT = re.compile(r"\{@([A-Z0-9_]+)\}")


@dataclass(frozen=True)
class Combo:
    """A crisis rule made of concepts: ``find`` with every ``need`` and no ``unless``.

    ``need`` and ``unless`` are ``(regex, scope)`` pairs, scope ``"sentence"`` (the
    sentence of the ``find`` match) or ``"text"``. ``negatable``: dropped when a negation
    cue is among the three words before the ``find`` match in its clause. ``min``: the
    ``find`` concept must match at least this many different phrases in the text.
    """

    name: str
    find: re.Pattern[str]
    key: re.Pattern[str] | None  # checked before ``find`` when ``find`` is slow to search
    need: tuple[tuple[re.Pattern[str], str], ...]
    unless: tuple[tuple[re.Pattern[str], str], ...]
    negatable: bool
    min: int


@dataclass(frozen=True)
class KindRules:
    """Compiled rules of one kind."""

    kind: str
    pattern: re.Pattern[str]
    exclude: re.Pattern[str] | None
    negatable: bool
    why: str
    try_instead: str
    suggestions: tuple[tuple[re.Pattern[str], str], ...]
    combos: tuple[Combo, ...] = ()
    block: tuple[tuple[re.Pattern[str], str], ...] = ()
    combo_key: re.Pattern[str] | None = None  # a combo can only fire where this matches


@dataclass(frozen=True)
class Vocabulary:
    """Everything the engine needs for one language, compiled."""

    lang: str
    pitfalls: tuple[KindRules, ...]
    strengths: tuple[KindRules, ...]
    crisis: tuple[KindRules, ...]  # in priority order
    negation: re.Pattern[str]
    negation_window: int
    negation_scope: re.Pattern[str] | None
    sentence_breaks: re.Pattern[str]
    clause_breaks: re.Pattern[str]
    quote_pairs: tuple[tuple[str, str], ...]
    suppress_in_sentence: dict[str, tuple[str, ...]]
    crisis_negation: re.Pattern[str] | None = None
    # Everyday senses of danger words ("breathing down my neck", "punched the air") in whose
    # sentence the crisis reader raises nothing, and (scope "phrase") words it must not read
    # at all, such as the CRAFT dip "I can't go on like this" (crisis.json ``reader_block``;
    # the rules have their own excludes).
    crisis_reader_block: tuple[tuple[re.Pattern[str], str], ...] = ()


def _concepts(raw: dict[str, list[str]]) -> dict[str, str]:
    """Join each concept's list into one alternation; concepts may use other concepts."""
    joined = {k: "(?:" + "|".join(v) + ")" for k, v in raw.items() if not k.startswith("_")}

    def sub(m: re.Match[str]) -> str:
        return joined[m.group(1)]

    for _ in range(4):
        joined = {k: _CONCEPT.sub(sub, v) for k, v in joined.items()}
    return joined


def _expand(pattern: str, macros: dict[str, str]) -> str:
    for _ in range(4):  # macros may use other macros and concepts
        pattern = _CONCEPT.sub(lambda m: macros.get("@" + m.group(1), m.group(0)), pattern)
        pattern = _MACRO.sub(lambda m: macros.get(m.group(1), m.group(0)), pattern)
    # A filler word "(?:\w+ )" also stands for a contraction ("you're", "it's", "he'd").
    pattern = pattern.replace(_FILLER, _FILLER_WITH_APOSTROPHE)
    return pattern.replace(" ", r"\s+")


def _compile_many(patterns: list[str], macros: dict[str, str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    parts = ["(?:" + _expand(p.rstrip(), macros) + ")" + _END for p in patterns]
    # One word-start check for the whole alternation: mid-word positions fail at once.
    # A word right after an opening straight quote ('thanks for everything…') starts a
    # word too; an apostrophe inside a word (don't, he's) does not.
    return re.compile(r"(?<!\w)(?<!\w')(?=[\w'])(?:" + "|".join(parts) + ")")


def _one(pattern: str, macros: dict[str, str]) -> re.Pattern[str]:
    compiled = _compile_many([pattern], macros)
    assert compiled is not None
    return compiled


def _pairs(
    items: list[Any], macros: dict[str, str], scopes: tuple[str, ...] = ("sentence", "text")
) -> tuple[tuple[re.Pattern[str], str], ...]:
    """``[regex | [regex, scope]]`` → compiled ``(regex, scope)`` pairs (default: sentence)."""
    out = []
    for item in items:
        rx, scope = (item, "sentence") if isinstance(item, str) else item
        if scope not in scopes:
            raise ValueError(f"scope {scope!r} is not one of {scopes}")
        out.append((_one(rx, macros), scope))
    return tuple(out)


def _combo(spec: dict[str, Any], macros: dict[str, str]) -> Combo:
    def pairs(items: list[Any]) -> tuple[tuple[re.Pattern[str], str], ...]:
        return _pairs(items, macros)

    return Combo(
        name=spec.get("name", spec["find"]),
        find=_one(spec["find"], macros),
        key=_one(spec["key"], macros) if "key" in spec else None,
        need=pairs(spec.get("need", [])),
        unless=pairs(spec.get("unless", [])),
        negatable=bool(spec.get("negatable", False)),
        min=int(spec.get("min", 1)),
    )


def _kind_rules(kind: str, spec: dict[str, Any], macros: dict[str, str]) -> KindRules:
    pattern = _compile_many(spec["patterns"], macros)
    assert pattern is not None, f"kind {kind} has no patterns"
    suggestions = tuple(
        (re.compile(_expand(rx, macros)), text) for rx, text in spec.get("suggestions", [])
    )
    return KindRules(
        kind=kind,
        pattern=pattern,
        exclude=_compile_many(spec.get("exclude", []), macros),
        negatable=bool(spec.get("negatable", False)),
        why=spec.get("why", ""),
        try_instead=spec.get("try_instead", ""),
        suggestions=suggestions,
        combos=tuple(_combo(c, macros) for c in spec.get("combos", [])),
        block=_pairs(spec.get("block", []), macros),
        # One regex of every combo's "key" (default: its "find"): a cheap gate, since one
        # alternation is much faster than a search per combo.
        combo_key=_compile_many([c.get("key", c["find"]) for c in spec.get("combos", [])], macros),
    )


def _read(lang: str, name: str) -> dict[str, Any]:
    path = LANG_DIR / lang / name
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def available_languages() -> list[str]:
    """Language codes that have a data folder."""
    return sorted(p.name for p in LANG_DIR.iterdir() if (p / "language.json").is_file())


@lru_cache(maxsize=8)
def load(lang: str = "en") -> Vocabulary:
    """Load and compile the vocabulary of ``lang`` (cached: compiled once per process)."""
    if lang not in available_languages():
        raise ValueError(f"unsupported language: {lang!r}")
    base = _read(lang, "language.json")
    macros: dict[str, str] = base["macros"]
    pit = _read(lang, "pitfalls.json")
    strg = _read(lang, "strengths.json")
    cri = _read(lang, "crisis.json")
    crisis_macros = dict(macros)
    crisis_macros.update({"@" + k: v for k, v in _concepts(cri.get("concepts", {})).items()})
    crisis = tuple(_kind_rules(k, cri["kinds"][k], crisis_macros) for k in cri["priority"])
    crisis_negation = cri.get("negation")
    return Vocabulary(
        lang=lang,
        pitfalls=tuple(_kind_rules(k, v, macros) for k, v in pit.items() if not k.startswith("_")),
        strengths=tuple(
            _kind_rules(k, v, macros) for k, v in strg.items() if not k.startswith("_")
        ),
        crisis=crisis,
        negation=re.compile(base["negation"]),
        negation_window=int(base.get("negation_window_words", 5)),
        negation_scope=re.compile(base["negation_scope"]) if "negation_scope" in base else None,
        sentence_breaks=re.compile(base["sentence_breaks"]),
        clause_breaks=re.compile(base["clause_breaks"]),
        quote_pairs=tuple((a, b) for a, b in base["quote_pairs"]),
        suppress_in_sentence={k: tuple(v) for k, v in base["suppress_in_sentence"].items()},
        crisis_negation=re.compile(crisis_negation) if crisis_negation else None,
        crisis_reader_block=_pairs(
            cri.get("reader_block", []), crisis_macros, ("sentence", "text", "phrase")
        ),
    )
