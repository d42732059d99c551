"""Loads the demo writing in kindred/content/demo/ into Wagtail pages (development only).

The files are Markdown-like: YAML front matter between the first two ``---`` lines, then
paragraphs separated by blank lines, ``## ``/``### `` headings, ``> `` pull quotes (with an
optional ``> — attribution`` line), ``- `` bullets, ``!try`` callouts and ``!say``/``!dont``
pairs. Recordings put ``**Name:** words`` paragraphs after a ``## Transcript`` heading, with
optional chapter markers: a ``### [04:10] Chapter title`` line (the time may be left out).

Idempotent: every page is looked up by slug under its parent and left alone if it exists, so
an editor's changes to demo pages survive a second run.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from kindred.content.demo_images import with_illustration
from kindred.content.models import (
    ArticleCategory,
    ArticleIndexPage,
    ArticlePage,
    Author,
    Category,
    HomeFeaturedArticle,
    HomePage,
    RecordingIndexPage,
    RecordingPage,
    StandardPage,
    StoryIndexPage,
    StoryPage,
)
from kindred.core import markup
from kindred.core.markup import inline, plain

DEMO_DIR = Path(__file__).resolve().parent / "demo"
FEATURED_SLUGS = ["should-i-confront-him", "making-a-safety-plan", "why-tough-love-backfires"]
JOIN_TEXT = (
    "<p>Members learn the CRAFT skills step by step, ask a trained coach anything under a "
    "pseudonym, and keep a private toolkit: a day tracker, a safety plan and a communication "
    "coach that reads a message before you send it.</p>"
)
_TURN = re.compile(r"^\*\*(?P<speaker>[^*]+?):\*\*\s*(?P<text>.+)$", re.DOTALL)
# A chapter marker in a transcript: "### [04:10] What to say first" (the time is optional).
_CHAPTER = re.compile(r"^###\s+(?:\[(?P<start>(?:\d{1,2}:)?\d{1,2}:\d{2})\]\s*)?(?P<title>.+)$")


@dataclass
class Document:
    meta: dict[str, Any]
    body: str


def read_document(path: Path) -> Document:
    """Front matter (YAML between the first two ``---`` lines) and the text after it."""
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return Document(meta=yaml.safe_load(front) or {}, body=body.strip())


def parse_body(text: str) -> list[tuple[str, Any]]:
    """The body text as StreamField blocks: [(block type, value), ...]."""
    blocks: list[tuple[str, Any]] = []
    rich: list[str] = []  # consecutive paragraphs and lists, kept in one rich-text block

    def flush() -> None:
        if rich:
            blocks.append(("paragraph", "".join(rich)))
            rich.clear()

    for element in markup.parse(text):
        if element.kind == "paragraph":
            rich.append(f"<p>{element.html}</p>")
            continue
        if element.kind == "bullets":
            rich.append("<ul>" + "".join(f"<li>{item}</li>" for item in element.items) + "</ul>")
            continue
        flush()
        if element.kind == "heading":
            blocks.append(("heading", {"text": element.text, "level": element.level}))
        elif element.kind == "quote":
            blocks.append(("quote", {"text": element.text, "attribution": element.attribution}))
        elif element.kind == "try":
            blocks.append(("try_this", {"text": f"<p>{element.html}</p>"}))
        elif element.kind == "say":
            blocks.append(("say_this", {"say": element.say, "not_this": element.dont}))
        elif element.kind == "overdose_steps":
            blocks.append(("overdose_steps", None))
    flush()
    return blocks


def parse_recording(text: str) -> tuple[str, list[tuple[str, Any]]]:
    """A recording's introduction (rich text) and its transcript blocks."""
    parts = re.split(r"^## Transcript\s*$", text, maxsplit=1, flags=re.M)
    intro, transcript = (parts[0], parts[1]) if len(parts) == 2 else ("", text)
    turns: list[tuple[str, Any]] = []
    for chunk in re.split(r"\n\s*\n", transcript.strip()):
        chunk = " ".join(chunk.split())
        if not chunk:
            continue
        chapter = _CHAPTER.match(chunk)
        if chapter:
            turns.append(
                ("chapter", {"title": plain(chapter["title"]), "start": chapter["start"] or ""})
            )
            continue
        match = _TURN.match(chunk)
        if match:
            turns.append(
                ("turn", {"speaker": match["speaker"].strip(), "text": plain(match["text"])})
            )
        else:
            turns.append(("paragraph", f"<p>{inline(chunk)}</p>"))
    paragraphs = [p for p in re.split(r"\n\s*\n", intro.strip()) if p.strip()]
    return "".join(f"<p>{inline(' '.join(p.split()))}</p>" for p in paragraphs), turns


def _first_published(date: dt.date) -> dt.datetime:
    return dt.datetime.combine(date, dt.time(9, 0), tzinfo=timezone.get_current_timezone())


def _child(parent: Page, model: type[Page], slug: str) -> Page | None:
    return model.objects.child_of(parent).filter(slug=slug).first()


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _index(home: HomePage, model: type[Page], slug: str, title: str, intro: str) -> Page:
    existing = _child(home, model, slug)
    if existing is not None:
        return existing
    return _publish(home, model(title=title, slug=slug, introduction=f"<p>{intro}</p>"))


def load_taxonomy() -> None:
    for item in yaml.safe_load((DEMO_DIR / "categories.yaml").read_text(encoding="utf-8")):
        Category.objects.get_or_create(
            slug=item["slug"], defaults={"name": item["name"], "description": item["description"]}
        )
    for item in yaml.safe_load((DEMO_DIR / "authors.yaml").read_text(encoding="utf-8")):
        Author.objects.get_or_create(
            slug=item["slug"],
            defaults={"name": item["name"], "role": item.get("role", ""), "bio": item["bio"]},
        )


def _tag_names(meta: dict[str, Any]) -> list[str]:
    return [str(tag).replace("-", " ") for tag in meta.get("tags", [])]


def load_articles(index: Page) -> int:
    created = 0
    categories = {c.slug: c for c in Category.objects.all()}
    authors = {a.slug: a for a in Author.objects.all()}
    for path in sorted((DEMO_DIR / "articles").glob("*.md")):
        doc = read_document(path)
        meta = doc.meta
        if _child(index, ArticlePage, meta["slug"]) is not None:
            continue
        page = ArticlePage(
            title=meta["title"],
            slug=meta["slug"],
            summary=meta["summary"],
            author=authors.get(meta.get("author", "")),
            published_date=meta["published"],
            first_published_at=_first_published(meta["published"]),
            members_only=bool(meta.get("members_only", False)),
            body=with_illustration(meta["slug"], meta["title"], parse_body(doc.body)),
        )
        page.category_links = [
            ArticleCategory(category=categories[slug], sort_order=i)
            for i, slug in enumerate(meta.get("categories", []))
        ]
        page.tags.add(*_tag_names(meta))
        _publish(index, page)
        created += 1
    return created


def load_stories(index: Page) -> int:
    created = 0
    categories = {c.slug: c for c in Category.objects.all()}
    for path in sorted((DEMO_DIR / "stories").glob("*.md")):
        doc = read_document(path)
        meta = doc.meta
        if _child(index, StoryPage, meta["slug"]) is not None:
            continue
        page = StoryPage(
            title=meta["title"],
            slug=meta["slug"],
            summary=meta["summary"],
            published_date=meta["published"],
            first_published_at=_first_published(meta["published"]),
            body=with_illustration(meta["slug"], meta["title"], parse_body(doc.body)),
        )
        page.categories = [categories[slug] for slug in meta.get("categories", [])]
        page.tags.add(*_tag_names(meta))
        _publish(index, page)
        created += 1
    return created


def load_recordings(index: Page) -> int:
    """Recordings without a video file: the demo has no real recording to show, only the
    transcript, so the page says "Transcript only"."""
    created = 0
    categories = {c.slug: c for c in Category.objects.all()}
    for path in sorted((DEMO_DIR / "recordings").glob("*.md")):
        doc = read_document(path)
        meta = doc.meta
        if _child(index, RecordingPage, meta["slug"]) is not None:
            continue
        introduction, transcript = parse_recording(doc.body)
        page = RecordingPage(
            title=meta["title"],
            slug=meta["slug"],
            summary=meta["summary"],
            published_date=meta["published"],
            first_published_at=_first_published(meta["published"]),
            duration=meta.get("duration", ""),
            speakers=", ".join(meta.get("speakers", [])),
            introduction=introduction,
            transcript=transcript,
        )
        page.categories = [categories[slug] for slug in meta.get("categories", [])]
        page.tags.add(*_tag_names(meta))
        _publish(index, page)
        created += 1
    return created


def load_plain_pages(home: HomePage) -> None:
    for path in sorted((DEMO_DIR / "pages").glob("*.md")):
        doc = read_document(path)
        if _child(home, StandardPage, doc.meta["slug"]) is not None:
            continue
        page = StandardPage(
            title=doc.meta["title"],
            slug=doc.meta["slug"],
            summary=doc.meta.get("summary", ""),
            body=parse_body(doc.body),
        )
        _publish(home, page)


def load_home_extras(home: HomePage, articles: Page) -> None:
    if not home.join_text:
        home.join_text = JOIN_TEXT
    if not home.featured_articles.exists():
        chosen = ArticlePage.objects.child_of(articles).filter(slug__in=FEATURED_SLUGS)
        by_slug = {a.slug: a for a in chosen}
        home.featured_articles = [
            HomeFeaturedArticle(article=by_slug[slug], sort_order=i)
            for i, slug in enumerate(FEATURED_SLUGS)
            if slug in by_slug
        ]
    home.save_revision().publish()


def load(home: HomePage, stdout: Any = None) -> None:
    """Create the demo categories, authors, articles, stories, recordings and pages."""
    load_taxonomy()
    articles = _index(
        home,
        ArticleIndexPage,
        "articles",
        "Articles",
        "Practical, plain-language guides for families: what to say, how to stay safe, "
        "and how to look after yourself while you help someone you love.",
    )
    stories = _index(
        home,
        StoryIndexPage,
        "stories",
        "Stories",
        "Families who have been where you are, in their own words (names and details changed).",
    )
    recordings = _index(
        home,
        RecordingIndexPage,
        "recordings",
        "Recordings",
        "Recorded conversations with our coaches, each with a full transcript.",
    )
    counts = (load_articles(articles), load_stories(stories), load_recordings(recordings))
    load_plain_pages(home)
    load_home_extras(home, articles)
    if stdout is not None:
        stdout.write(
            f"Content: {counts[0]} articles, {counts[1]} stories, {counts[2]} recordings added."
        )


def load_home_page() -> HomePage:
    """The site's home page (replacing Wagtail's placeholder) and the default Site."""
    existing = HomePage.objects.first()
    if existing is not None:
        return existing
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node()
    if root is None:  # a flushed test database has no tree at all
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    # Wagtail's initial migration creates a placeholder "Welcome" page; replace it.
    for child in root.get_children():
        if child.specific_class is Page:
            Site.objects.filter(root_page=child).delete()
            child.delete()
    home = HomePage(
        title="Kindred",
        slug="home",
        headline="You can help someone you love — and feel better yourself.",
        introduction=(
            "<p>If someone you love is using alcohol or drugs, you are not alone and you are "
            "not powerless. Kindred teaches CRAFT, an approach with decades of research behind "
            "it: stay safe, talk without shame or confrontation, reward the good days, and "
            "invite your loved one into treatment when the moment is right.</p>"
        ),
    )
    root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Kindred"},
    )
    return home


def load_demo(stdout: Any = None) -> None:
    """The demo step: the home page, then everything under it."""
    home = load_home_page()
    load(home, stdout)
    if stdout is not None:
        stdout.write(f"Home page: {home.title}")
