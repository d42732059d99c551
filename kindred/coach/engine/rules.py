"""Run compiled rules over a text: pitfalls, strengths and crisis signs."""

from __future__ import annotations

from .model import Model, model_kinds, spans_for
from .models import PITFALL_KINDS, CrisisFinding, Finding
from .text import Layout, layout, negated, normalise
from .vocabulary import KindRules, Vocabulary


def _excluded(rules: KindRules, low: str, start: int, end: int, lay: Layout) -> bool:
    """True when an ``exclude`` pattern overlapping ``[start, end)`` matches in its sentence."""
    if rules.exclude is None:
        return False
    s_start, s_end = lay.sentence_of(start)
    s_start = min(s_start, start)
    s_end = max(s_end, end)
    for m in rules.exclude.finditer(low, s_start, s_end):
        if m.start() < end and start < m.end():
            return True
    return False


def _suggestion(rules: KindRules, excerpt_low: str) -> str:
    for rx, text in rules.suggestions:
        if rx.search(excerpt_low):
            return text
    return rules.try_instead


def find_kind(
    rules: KindRules,
    text: str,
    low: str,
    lay: Layout,
    vocab: Vocabulary,
    *,
    pitfall: bool,
) -> list[Finding]:
    """All findings of one kind. Quoted speech and negated phrases are skipped."""
    found: list[Finding] = []
    for m in rules.pattern.finditer(low):
        start, end = m.start(), m.end()
        # Trim whitespace/punctuation a pattern may have swallowed at its edges.
        while end > start and not low[end - 1].isalnum() and low[end - 1] not in "?'!":
            end -= 1
        if end <= start:
            continue
        if lay.in_quote(start, end):
            continue
        if _excluded(rules, low, start, end, lay):
            continue
        if rules.negatable and negated(
            low, lay, start, vocab.negation, vocab.negation_window, vocab.negation_scope
        ):
            continue
        excerpt = text[start:end]
        if pitfall:
            found.append(
                Finding(
                    rules.kind,
                    start,
                    end,
                    excerpt,
                    rules.why,
                    _suggestion(rules, low[start : min(lay.sentence_of(start)[1], end + 40)]),
                )
            )
        else:
            found.append(Finding(rules.kind, start, end, excerpt))
    return found


def _suppress(findings: list[Finding], vocab: Vocabulary, lay: Layout) -> list[Finding]:
    """Drop findings cancelled by a stronger kind in the same sentence (e.g. sarcasm)."""
    if not vocab.suppress_in_sentence:
        return findings
    cancelled: set[tuple[str, tuple[int, int]]] = set()
    for f in findings:
        for victim in vocab.suppress_in_sentence.get(f.kind, ()):
            cancelled.add((victim, lay.sentence_of(f.start)))
    if not cancelled:
        return findings
    return [f for f in findings if (f.kind, lay.sentence_of(f.start)) not in cancelled]


def find_all(text: str, vocab: Vocabulary) -> tuple[list[Finding], list[Finding], Layout, str]:
    """Return ``(pitfalls, strengths, layout, normalised_text)`` for ``text``."""
    low = normalise(text)
    lay = layout(low, text, vocab.sentence_breaks, vocab.clause_breaks, list(vocab.quote_pairs))
    pitfalls: list[Finding] = []
    for rules in vocab.pitfalls:
        pitfalls.extend(find_kind(rules, text, low, lay, vocab, pitfall=True))
    strengths: list[Finding] = []
    for rules in vocab.strengths:
        strengths.extend(find_kind(rules, text, low, lay, vocab, pitfall=False))
    kept = _suppress(pitfalls + strengths, vocab, lay)
    keep_ids = {id(f) for f in kept}
    pitfalls = sorted((f for f in pitfalls if id(f) in keep_ids), key=lambda f: f.start)
    strengths = sorted((f for f in strengths if id(f) in keep_ids), key=lambda f: f.start)
    return pitfalls, strengths, lay, low


def add_model_findings(
    text: str,
    low: str,
    lay: Layout,
    vocab: Vocabulary,
    model: Model,
    pitfalls: list[Finding],
    strengths: list[Finding],
) -> tuple[list[Finding], list[Finding]]:
    """Add a finding for each kind the model reports and the rules missed.

    The span is the sentence (or clause) that scores highest for the kind; a pitfall gets
    the kind's default ``why`` and a ``try_instead`` chosen by the kind's suggestions.
    """
    hits = [(f.kind, f.start) for f in pitfalls + strengths]
    cache: dict[tuple[int, int], set[str]] = {}
    extra = model_kinds(model, text, lay, hits, cache)
    if not extra:
        return pitfalls, strengths
    by_kind = {r.kind: r for r in vocab.pitfalls}
    pitfalls, strengths = list(pitfalls), list(strengths)
    for kind, (start, end) in spans_for(model, text, lay, extra, cache).items():
        if kind in PITFALL_KINDS:
            rules = by_kind[kind]
            suggestion = _suggestion(rules, low[start:end])
            pitfalls.append(Finding(kind, start, end, text[start:end], rules.why, suggestion))
        else:
            strengths.append(Finding(kind, start, end, text[start:end]))
    pitfalls.sort(key=lambda f: f.start)
    strengths.sort(key=lambda f: f.start)
    return pitfalls, strengths


def find_crisis(
    text: str, vocab: Vocabulary, low: str | None = None, lay: Layout | None = None
) -> CrisisFinding | None:
    """Return the most urgent crisis sign in ``text`` (quotes and negation cues included)."""
    if low is None:
        low = normalise(text)
    if vocab.crisis_prefilter.search(low) is None:
        return None
    if lay is None:
        lay = layout(low, text, vocab.sentence_breaks, vocab.clause_breaks, [])
    for rules in vocab.crisis:  # priority order
        for m in rules.pattern.finditer(low):
            start, end = m.start(), m.end()
            while end > start and not low[end - 1].isalnum():
                end -= 1
            if end > start and not _excluded(rules, low, start, end, lay):
                return CrisisFinding(rules.kind, start, end)
    return None
