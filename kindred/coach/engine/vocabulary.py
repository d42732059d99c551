"""Load and compile the language data in ``lang/<code>/*.json`` (once per language).

Files of a language folder:

* ``language.json`` — macros (``{YOU}`` …), negation cues, sentence/clause breaks,
  quotation marks, and which kinds cancel others inside one sentence;
* ``pitfalls.json`` / ``strengths.json`` — per kind: ``patterns``, ``exclude``,
  ``negatable`` and, for pitfalls, ``why``, ``try_instead`` and ``suggestions``;
* ``crisis.json`` — ``priority`` and per crisis kind ``patterns`` / ``exclude``.

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
    crisis_prefilter: re.Pattern[str]


def _expand(pattern: str, macros: dict[str, str]) -> str:
    for _ in range(3):  # macros may use other macros
        pattern = _MACRO.sub(lambda m: macros.get(m.group(1), m.group(0)), pattern)
    # A filler word "(?:\w+ )" also stands for a contraction ("you're", "it's", "he'd").
    pattern = pattern.replace(_FILLER, _FILLER_WITH_APOSTROPHE)
    return pattern.replace(" ", r"\s+")


def _compile_many(patterns: list[str], macros: dict[str, str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    parts = ["(?:" + _expand(p.rstrip(), macros) + ")" + _END for p in patterns]
    # One word-start check for the whole alternation: mid-word positions fail at once.
    return re.compile(r"(?<![\w'])(?=[\w'])(?:" + "|".join(parts) + ")")


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
    crisis = tuple(_kind_rules(k, cri["kinds"][k], macros) for k in cri["priority"])
    all_crisis = [p for k in cri["priority"] for p in cri["kinds"][k]["patterns"]]
    prefilter = _compile_many(all_crisis, macros)
    assert prefilter is not None
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
        crisis_prefilter=prefilter,
    )
