"""Run compiled rules over a text: pitfalls, strengths and crisis signs."""

from __future__ import annotations

import re

from .crisis_reader import CrisisReader, load_crisis_reader
from .kind_reader import KindReader
from .message_model import blank_quotes, load_crisis_model
from .results import PITFALL_KINDS, CrisisFinding, Finding
from .stage import load_stage
from .text import Layout, layout, negated, normalise, units
from .vocabulary import Combo, KindRules, Vocabulary

_WORDS = re.compile(r"[\w']+")
#: The crisis model's probability from which a danger concept the rules did not confirm is
#: reported as a *possible* crisis (the model's own threshold, 0.9, makes it a crisis).
POSSIBLE_THRESHOLD = 0.5
#: The crisis reader is asked only about a message of at least this many words (after its
#: ``reader_block`` phrases are blanked): on two or three words its unit-length vector rests
#: on one or two grams, and "he said:" alone read as a crisis at 0.99.
READER_MIN_WORDS = 4


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


def _benign(vocab: Vocabulary, low: str, start: int, end: int) -> bool:
    """True when any pitfall kind's ``exclude`` matches in ``low[start:end]``.

    The ``exclude`` patterns describe kind, benign constructions ("you never have to go
    back", "if you want, I'll…", "remember when we went…", "not your fault"); the rules skip
    their own matches there, and the reader does not report a pitfall in such a sentence.
    """
    return any(
        r.exclude is not None and r.exclude.search(low, start, end) is not None
        for r in vocab.pitfalls
    )


def add_kind_reader_findings(
    text: str,
    low: str,
    lay: Layout,
    vocab: Vocabulary,
    reader: KindReader,
    pitfalls: list[Finding],
    strengths: list[Finding],
) -> tuple[list[Finding], list[Finding], float]:
    """Add the kinds the kind reader finds in the message and the rules did not.

    A kind is reported when the message's probability (quotes blanked) reaches the kind's
    threshold, on the sentence the reader scores highest for it; a pitfall only in a
    sentence without a benign construction (any pitfall kind's ``exclude``) or a governing
    negation (``_reader_may_flag``), so every "may hurt" points at words with an
    alternative; then the same sentence-level suppression as the rules' (sarcasm cancels
    warmth). Returns the findings and the message's highest pitfall probability.
    """
    plain = blank_quotes(low, lay)
    probs = reader.probabilities(plain)
    hurt = max((probs[k] for k in PITFALL_KINDS if k in probs), default=0.0)
    found = {f.kind for f in pitfalls} | {f.kind for f in strengths}
    wanted = [k for k, p in probs.items() if k not in found and p >= reader.thresholds.get(k, 1.1)]
    if not wanted:
        return pitfalls, strengths, hurt
    spans = [(s, e) for s, e in units(text, lay) if plain[s:e].strip(" .!?")]
    if not spans:
        return pitfalls, strengths, hurt
    by_sentence = (
        [probs] if len(spans) == 1 else [reader.probabilities(plain[s:e]) for s, e in spans]
    )
    by_kind = {r.kind: r for r in vocab.pitfalls}
    new_p: list[Finding] = []
    new_s: list[Finding] = []
    for kind in wanted:
        order = sorted(range(len(spans)), key=lambda i: -by_sentence[i][kind])
        if kind in PITFALL_KINDS:
            rules = by_kind[kind]
            i = next((i for i in order if _reader_may_flag(vocab, rules, low, *spans[i])), -1)
            if i < 0:
                continue
            start, end = spans[i]
            suggestion = _suggestion(rules, low[start:end])
            new_p.append(Finding(kind, start, end, text[start:end], rules.why, suggestion))
        else:
            start, end = spans[order[0]]
            new_s.append(Finding(kind, start, end, text[start:end]))
    everything = _suppress(pitfalls + new_p + strengths + new_s, vocab, lay)
    keep = {id(f) for f in everything}
    pitfalls = sorted((f for f in pitfalls + new_p if id(f) in keep), key=lambda f: f.start)
    strengths = sorted((f for f in strengths + new_s if id(f) in keep), key=lambda f: f.start)
    return pitfalls, strengths, hurt


def _reader_may_flag(vocab: Vocabulary, rules: KindRules, low: str, start: int, end: int) -> bool:
    """Whether the kind reader may report a pitfall of ``rules`` in ``low[start:end]``: not
    in a benign construction, nor, for a kind the rules negate, where a negation governs a
    verb of saying, thinking or being ("I'm not saying you're an alcoholic")."""
    if _benign(vocab, low, start, end):
        return False
    if rules.negatable and vocab.negation_scope is not None:
        cue = vocab.negation.search(low, start, end)
        if cue is not None and vocab.negation_scope.search(low, cue.end(), end) is not None:
            return False
    return True


def _in_scope(
    rx: re.Pattern[str], scope: str, low: str, sentence: tuple[int, int]
) -> re.Match[str] | None:
    if scope == "text":
        return rx.search(low)
    return rx.search(low, sentence[0], sentence[1])


def _crisis_negated(low: str, lay: Layout, start: int, negation: re.Pattern[str] | None) -> bool:
    """True when a negation cue is among the three words before ``start`` in its clause."""
    if negation is None:
        return False
    words = _WORDS.findall(low[lay.clause_start(start) : start])[-3:]
    return any(negation.fullmatch(w) for w in words)


def _combo_match(
    combo: Combo, low: str, lay: Layout, negation: re.Pattern[str] | None
) -> tuple[int, int] | None:
    """Span of the first ``find`` match that has every ``need`` and no ``unless``."""
    if combo.key is not None and combo.key.search(low) is None:
        return None
    if combo.min > 1 and len({m.group(0) for m in combo.find.finditer(low)}) < combo.min:
        return None
    for m in combo.find.finditer(low):
        start, end = m.start(), m.end()
        while end > start and not low[end - 1].isalnum():
            end -= 1
        if end <= start:
            continue
        sentence = lay.sentence_of(start)
        if any(_in_scope(rx, sc, low, sentence) is None for rx, sc in combo.need):
            continue
        if any(_in_scope(rx, sc, low, sentence) is not None for rx, sc in combo.unless):
            continue
        if combo.negatable and _crisis_negated(low, lay, start, negation):
            continue
        return start, end
    return None


def find_crisis(
    text: str,
    vocab: Vocabulary,
    low: str | None = None,
    lay: Layout | None = None,
    *,
    use_model: bool = True,
) -> CrisisFinding | None:
    """Return the most urgent crisis sign in ``text`` (quotes and negation cues included).

    Per kind, in priority order: the phrase ``patterns`` (minus ``exclude`` and
    ``block``), then the concept ``combos``; the first finding of the most urgent kind
    wins. If none: the crisis reader (``crisis_reader.json``, round 20) raises a crisis from
    its ``crisis`` threshold, whatever words are there. Else, if a danger concept no veto
    covers is present (its kind and span are the finding's): the crisis model
    (``crisis_model.json``) raises a crisis at its threshold and a calm *possible* one from
    ``POSSIBLE_THRESHOLD``; the word-count stage (``stage.json``) adds a *possible* crisis
    from its ``crisis_possible`` threshold (a full one only from its ``crisis`` threshold,
    which round 18 sets out of reach). Last, the reader raises a *possible* crisis from its
    ``crisis_possible`` threshold. ``use_model=False``: the rules alone.
    """
    if low is None:
        low = normalise(text)
    keyed: list[KindRules] = []  # kinds whose danger concept is in the text, in priority order
    dropped = False  # a phrase pattern matched but an exclude or block dropped it
    for rules in vocab.crisis:  # priority order
        for m in rules.pattern.finditer(low):
            start, end = m.start(), m.end()
            while end > start and not low[end - 1].isalnum():
                end -= 1
            if end <= start:
                continue
            if lay is None:
                lay = layout(low, text, vocab.sentence_breaks, vocab.clause_breaks, [])
            if not _crisis_dropped(rules, low, start, end, lay):
                return CrisisFinding(rules.kind, start, end)
            dropped = True
        key = rules.combo_key.search(low) if rules.combo_key is not None else None
        if key is None:
            continue
        keyed.append(rules)
        if lay is None:
            lay = layout(low, text, vocab.sentence_breaks, vocab.clause_breaks, [])
        for combo in rules.combos:
            span = _combo_match(combo, low, lay, vocab.crisis_negation)
            if span is not None and not _crisis_dropped(rules, low, span[0], span[1], lay):
                return CrisisFinding(rules.kind, span[0], span[1])
    if not use_model:
        return None
    reader = load_crisis_reader(vocab.lang)
    if reader is not None and (dropped or keyed):
        # The rules know these danger words: when every one of them is vetoed (an idiom, a
        # film, a past event, a locked safe…), the reader, which reads spelling, not sense,
        # is not asked. It speaks where the rules saw no danger words, or an unvetoed one.
        assert lay is not None
        if crisis_anchor(vocab, low, lay) is None:
            reader = None
    read = _without_phrases(low, vocab.crisis_reader_block) if reader is not None else low
    if reader is not None and len(_WORDS.findall(read)) < READER_MIN_WORDS:
        reader = None  # too few words for a reader of spelling: the rules decide alone
    reader_p, reader_kind = reader.scores(read) if reader is not None else (0.0, "")
    if reader is not None and reader_p >= reader.thresholds["crisis"]:
        return _reader_finding(reader, reader_kind, text, low, read, lay, vocab, possible=False)
    found = _backstop(text, vocab, low, lay, keyed) if keyed else None
    if found is not None:
        return found
    if reader is not None and reader_p >= reader.thresholds["crisis_possible"]:
        return _reader_finding(reader, reader_kind, text, low, read, lay, vocab, possible=True)
    return None


def _without_phrases(low: str, blocks: tuple[tuple[re.Pattern[str], str], ...]) -> str:
    """``low`` with every ``reader_block`` match of scope ``"phrase"`` blanked (same length):
    what the crisis reader must not lean on, though the rest of the message may still be a
    crisis ("I can't go on like this" is a CRAFT dip; "… like this, and the pills are ready"
    is not)."""
    out = low
    for rx, scope in blocks:
        if scope == "phrase":
            out = rx.sub(lambda m: " " * len(m.group(0)), out)
    return out


def _reader_finding(
    reader: CrisisReader,
    kind: str,
    text: str,
    low: str,
    read: str,
    lay: Layout | None,
    vocab: Vocabulary,
    *,
    possible: bool,
) -> CrisisFinding | None:
    """The crisis reader's finding: its kind; as span, the first danger concept of that kind
    no veto covers, else the sentence the reader scores highest (spaces trimmed). None when
    that sentence has one of the kind's ``block``s in scope (a film, a question, a dream…) or
    an everyday sense the reader misreads (``reader_block``)."""
    if lay is None:
        lay = layout(low, text, vocab.sentence_breaks, vocab.clause_breaks, [])
    kind_rules = next(r for r in vocab.crisis if r.kind == kind)
    span = _reader_span(reader, kind_rules, low, read, lay)
    if span is None:
        return None
    sentence = lay.sentence_of(span[0])
    for rx, scope in kind_rules.block + vocab.crisis_reader_block:
        if scope != "phrase" and _in_scope(rx, scope, low, sentence) is not None:
            return None
    return CrisisFinding(kind, span[0], span[1], possible=possible)


def _reader_span(
    reader: CrisisReader, rules: KindRules, low: str, read: str, lay: Layout
) -> tuple[int, int] | None:
    if rules.combo_key is not None and rules.combo_key.search(low):
        anchor = _backstop_anchor(rules, low, lay)
        if anchor is not None:
            start, end = anchor[1], anchor[2]
            while end > start and not low[end - 1].isalnum():
                end -= 1
            if end > start:
                return start, end
    best: tuple[float, int, int] | None = None
    for start, end in zip(lay.sentence_starts, lay.sentence_ends, strict=True):
        while start < end and low[start].isspace():
            start += 1
        while end > start and low[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        p = reader.probability(read[start:end])
        if best is None or p > best[0]:
            best = (p, start, end)
    return None if best is None else (best[1], best[2])


def _backstop(
    text: str,
    vocab: Vocabulary,
    low: str,
    lay: Layout | None,
    keyed: list[KindRules],
) -> CrisisFinding | None:
    """The rules found nothing, but a danger concept is there: the crisis model may raise it
    when it is very sure (kind and span: the most urgent danger concept that no veto covers).
    Below that, but still reasonably likely: a "possible" crisis, shown calmly. The model is
    asked first: the anchor search is only needed when it is sure."""
    sure = possible = False
    model = load_crisis_model(vocab.lang)
    if model is not None:
        probability = model.probability(text)
        sure = probability >= model.threshold
        possible = probability >= POSSIBLE_THRESHOLD
    stage = load_stage(vocab.lang)
    if not sure and stage is not None and "crisis_possible" in stage.thresholds:
        stage_probability = stage.probability(text, "crisis")
        sure = stage_probability >= stage.thresholds.get("crisis", 1.1)
        possible = possible or stage_probability >= stage.thresholds["crisis_possible"]
    if not (sure or possible):
        return None
    assert lay is not None
    anchor = crisis_anchor(vocab, low, lay)
    if anchor is None:
        return None
    kind, start, end = anchor
    return CrisisFinding(kind, start, end, possible=not sure)


def crisis_anchor(vocab: Vocabulary, low: str, lay: Layout) -> tuple[str, int, int] | None:
    """The most urgent danger concept in ``low`` that no exclude, block or combo veto covers.

    This is where a learned crisis stage may raise a crisis the rules did not confirm: its
    kind and span. ``None`` when no danger concept is there or every one is vetoed.
    """
    for rules in vocab.crisis:
        if rules.combo_key is None or rules.combo_key.search(low) is None:
            continue
        anchor = _backstop_anchor(rules, low, lay)
        if anchor is None:
            continue
        kind, start, end = anchor
        while end > start and not low[end - 1].isalnum():
            end -= 1
        if end > start:
            return kind, start, end
    return None


def _backstop_anchor(rules: KindRules, low: str, lay: Layout) -> tuple[str, int, int] | None:
    """First danger-concept match of the kind that no exclude, block or combo veto covers."""
    assert rules.combo_key is not None
    for m in rules.combo_key.finditer(low):
        start, end = m.start(), m.end()
        if _crisis_dropped(rules, low, start, end, lay):
            continue
        sentence = lay.sentence_of(start)
        if any(
            _in_scope(rx, sc, low, sentence) is not None
            for combo in rules.combos
            for rx, sc in combo.unless
        ):
            continue
        return rules.kind, start, end
    return None


def _crisis_dropped(rules: KindRules, low: str, start: int, end: int, lay: Layout) -> bool:
    """True when an ``exclude`` overlaps the match or a kind-wide ``block`` is in scope."""
    if _excluded(rules, low, start, end, lay):
        return True
    sentence = lay.sentence_of(start)
    return any(_in_scope(rx, sc, low, sentence) is not None for rx, sc in rules.block)
