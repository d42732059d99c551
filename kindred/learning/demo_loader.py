"""Loads the demo curriculum (kindred/learning/demo/*.yaml) into the page tree.

The YAML bodies use a small markup, one construct per line: paragraphs, ``## `` and ``### ``
headings, ``> `` quotes, ``- `` bullets, ``!try `` callouts, ``!say ``/``!dont `` pairs, and
inline **bold**, *italic* and [links](/x/). Pages are created once, found again by slug, so
loading twice changes nothing (and never overwrites what an editor changed since).
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone

from kindred.core import markup
from kindred.core.markup import inline
from kindred.learning.models import LessonPage, LessonProgress, ModulePage, ProgramPage

DEMO_DIR = Path(__file__).resolve().parent / "demo"
PROGRAM_INTRO = (
    "<p>Short lessons, at your own pace, in the order that suits you. Each one ends with "
    "something to reflect on and one small thing to try this week. What you write is yours "
    "alone.</p>"
)


def _id(*parts: object) -> str:
    # Stable block ids: reloading on another laptop gives prompts and choices the same ids.
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "kindred-demo/" + "/".join(map(str, parts))))


def _unquote(text: str) -> str:
    text = text.strip()
    return text[1:-1] if len(text) > 1 and text[0] == text[-1] == '"' else text


def parse_body(body: str, key: str) -> list[dict[str, Any]]:
    """The body markup as raw StreamField data, with stable block ids."""
    blocks: list[dict[str, Any]] = []
    paragraphs: list[str] = []

    def add(kind: str, value: Any) -> None:
        blocks.append({"type": kind, "value": value, "id": _id(key, "body", len(blocks))})

    def flush() -> None:
        if paragraphs:
            add("text", "".join(f"<p>{p}</p>" for p in paragraphs))
            paragraphs.clear()

    for element in markup.parse(body):
        if element.kind == "paragraph":
            paragraphs.append(element.html)
            continue
        flush()
        if element.kind == "bullets":
            items = [
                {"type": "item", "value": f"<p>{item}</p>", "id": _id(key, "li", len(blocks), i)}
                for i, item in enumerate(element.items)
            ]
            add("bullets", items)
        elif element.kind == "heading":
            add("heading", {"text": element.text, "level": element.level})
        elif element.kind == "quote":
            add("quote", {"quote": element.text, "attribution": element.attribution})
        elif element.kind == "try":
            add("try_this", {"text": f"<p>{element.html}</p>"})
        elif element.kind == "say":
            add("say_dont", {"say": _unquote(element.say), "dont": _unquote(element.dont)})
    flush()
    return blocks


def lesson_fields(data: dict[str, Any], module_slug: str) -> dict[str, Any]:
    key = f"{module_slug}/{data['slug']}"
    return {
        "title": data["title"],
        "slug": data["slug"],
        "minutes": data.get("minutes") or 8,
        "objectives": "\n".join(data.get("objectives") or []),
        "body": parse_body(data.get("body") or "", key),
        "reflection": [
            {"type": "prompt", "value": prompt, "id": _id(key, "prompt", i)}
            for i, prompt in enumerate(data.get("reflection") or [])
        ],
        "knowledge_check": [
            {
                "type": "question",
                "id": _id(key, "q", qi),
                "value": {
                    "question": question["question"],
                    "choices": [
                        {
                            "type": "item",
                            "id": _id(key, "q", qi, ci),
                            "value": {
                                "text": choice["text"],
                                "correct": bool(choice.get("correct")),
                                "feedback": choice.get("feedback", ""),
                            },
                        }
                        for ci, choice in enumerate(question["choices"])
                    ],
                },
            }
            for qi, question in enumerate(data.get("knowledge_check") or [])
        ],
        "try_this_week": data.get("try_this_week") or "",
    }


def load_program(home: Any) -> ProgramPage:
    program = ProgramPage.objects.child_of(home).first()
    if program is None:
        program = ProgramPage(title="Learn", slug="learn", intro=PROGRAM_INTRO)
        home.add_child(instance=program)
    return program


def load_module(program: ProgramPage, data: dict[str, Any]) -> ModulePage:
    """Create one module and its lessons (those missing), in the file's order."""
    module = ModulePage.objects.child_of(program).filter(slug=data["slug"]).first()
    if module is None:
        module = ModulePage(
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"],
            intro="".join(f"<p>{inline(p)}</p>" for p in data["intro"].split("\n\n") if p.strip()),
            procedure=data["procedure"],
            is_safety_module=bool(data.get("is_safety_module")),
        )
        program.add_child(instance=module)
    existing = set(LessonPage.objects.child_of(module).values_list("slug", flat=True))
    for lesson in data.get("lessons") or []:
        if lesson["slug"] not in existing:
            module.add_child(instance=LessonPage(**lesson_fields(lesson, data["slug"])))
    return module


@transaction.atomic
def load_learning(home: Any, member: Any = None, directory: Path = DEMO_DIR) -> ProgramPage:
    """The program, every module and lesson from the YAML files, and a little demo progress."""
    program = load_program(home)
    modules = [
        load_module(program, yaml.safe_load(path.read_text(encoding="utf-8")))
        for path in sorted(directory.glob("*.yaml"))
    ]
    if member is not None and modules and not LessonProgress.objects.filter(member=member).exists():
        give_demo_progress(member, modules[0])
    return program


def load_demo(stdout: Any = None) -> None:
    """The demo step: the program under the home page, with progress for the demo member."""
    from kindred.accounts.demo import demo_member
    from kindred.content.models import HomePage

    home = HomePage.objects.first()
    if home is not None:
        load_learning(home, member=demo_member())


def give_demo_progress(member: Any, module: ModulePage) -> None:
    """Two lessons done and the third opened, so "continue" has somewhere to point."""
    now = timezone.now()
    lessons = list(LessonPage.objects.child_of(module).order_by("path")[:3])
    for index, lesson in enumerate(lessons):
        LessonProgress.objects.get_or_create(
            member=member,
            lesson=lesson,
            defaults={
                "opened_at": now,
                "last_opened_at": now,
                "completed_at": now if index < 2 else None,
            },
        )
