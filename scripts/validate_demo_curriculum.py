#!/usr/bin/env python3
"""Validate the demo curriculum YAML files (schema, lengths, language)."""

import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent.parent / "kindred" / "learning" / "demo"
EXPECTED = [
    ("01-getting-started.yaml", 1),
    ("02-safety-first.yaml", 3),
    ("03-understanding-use.yaml", 2),
    ("04-positive-communication.yaml", 4),
    ("05-rewarding-non-using.yaml", 5),
    ("06-stepping-back.yaml", 6),
    ("07-taking-care-of-yourself.yaml", 7),
    ("08-inviting-to-treatment.yaml", 8),
]
MODULE_KEYS = {"slug", "title", "procedure", "is_safety_module", "summary", "intro", "lessons"}
LESSON_KEYS = {
    "slug",
    "title",
    "minutes",
    "objectives",
    "body",
    "reflection",
    "knowledge_check",
    "try_this_week",
}
BANNED = [r"addict", r"junkie", r"alcoholic", r"\bclean", r"dirty"]
LINE_OK = re.compile(r"^(## |### |> |- |!try |!say |!dont |!overdose-steps$)")


def words(text):
    return len(re.findall(r"[A-Za-z0-9'’%.-]+", text))


def main(only=None):
    errors, report = [], []
    files = sorted(HERE.glob("*.yaml"))
    names = [f.name for f in files]
    if only is None and names != [n for n, _ in EXPECTED]:
        errors.append(f"files {names} != expected {[n for n, _ in EXPECTED]}")
    slugs = set()
    for name, proc in EXPECTED:
        path = HERE / name
        if not path.exists():
            if only is None:
                errors.append(f"{name}: missing")
            continue
        raw = path.read_text(encoding="utf-8")
        for pat in BANNED:
            for m in re.finditer(pat, raw, re.I):
                line = raw[: m.start()].count("\n") + 1
                errors.append(f"{name}:{line}: banned word {m.group(0)!r}")
        if re.search(r"<[a-zA-Z/][^>]*>", raw):
            errors.append(f"{name}: looks like HTML")
        try:
            data = yaml.safe_load(raw)
        except yaml.YAMLError as e:
            errors.append(f"{name}: YAML error {e}")
            continue
        missing = MODULE_KEYS - set(data)
        if missing:
            errors.append(f"{name}: missing module keys {missing}")
        if data.get("procedure") != proc:
            errors.append(f"{name}: procedure {data.get('procedure')} != {proc}")
        if data.get("is_safety_module") is not (proc == 3):
            errors.append(f"{name}: is_safety_module wrong")
        iw = words(data.get("intro", ""))
        if not 40 <= iw <= 90:
            errors.append(f"{name}: intro {iw} words (40-90)")
        lessons = data.get("lessons") or []
        if len(lessons) < 3:
            errors.append(f"{name}: only {len(lessons)} lessons")
        for les in lessons:
            tag = f"{name}:{les.get('slug')}"
            missing = LESSON_KEYS - set(les)
            if missing:
                errors.append(f"{tag}: missing {missing}")
            if les.get("slug") in slugs:
                errors.append(f"{tag}: duplicate slug")
            slugs.add(les.get("slug"))
            body = les.get("body", "")
            wc = words(body)
            report.append((name, les.get("slug"), wc))
            if not 300 <= wc <= 900:
                errors.append(f"{tag}: body {wc} words (300-900)")
            for ln in body.splitlines():
                if ln.strip() and ln[0] in "#>-!" and not LINE_OK.match(ln):
                    errors.append(f"{tag}: odd markup line {ln[:50]!r}")
                if re.match(r"^\s*\d+[.)] ", ln):
                    errors.append(f"{tag}: numbered list {ln[:50]!r}")
            if not 2 <= len(les.get("objectives") or []) <= 4:
                errors.append(f"{tag}: objectives count")
            if not 1 <= len(les.get("reflection") or []) <= 3:
                errors.append(f"{tag}: reflection count")
            kc = les.get("knowledge_check") or []
            if not 2 <= len(kc) <= 4:
                errors.append(f"{tag}: {len(kc)} questions (2-4)")
            for q in kc:
                ch = q.get("choices") or []
                if not q.get("question"):
                    errors.append(f"{tag}: question text missing")
                if not 3 <= len(ch) <= 4:
                    errors.append(f"{tag}: {len(ch)} choices in {q.get('question')!r}")
                if sum(1 for c in ch if c.get("correct") is True) != 1:
                    errors.append(f"{tag}: not exactly one correct in {q.get('question')!r}")
                for c in ch:
                    if not c.get("text") or not (c.get("feedback") or "").strip():
                        errors.append(
                            f"{tag}: choice without text/feedback in {q.get('question')!r}"
                        )
                    if not isinstance(c.get("correct"), bool):
                        errors.append(f"{tag}: 'correct' not boolean")
            if not isinstance(les.get("minutes"), int):
                errors.append(f"{tag}: minutes not int")
            if not (les.get("try_this_week") or "").strip():
                errors.append(f"{tag}: try_this_week empty")
    for name, slug, wc in report:
        print(f"{name:36} {slug:34} {wc:4d}")
    print(f"{len(report)} lessons, {sum(w for *_, w in report)} body words")
    for problem in errors:
        print("ERROR:", problem)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(only=sys.argv[1:] or None))
