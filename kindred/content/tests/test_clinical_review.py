"""Issue 16: what the clinical review fixed stays fixed (one overdose source, Poison Control,
stepping back never means leaving someone alone, one timing rule, medications, words)."""

import re
from pathlib import Path

import pytest
import yaml
from django.core.cache import cache
from django.urls import reverse

from kindred.core.models import (
    DEFAULT_OVERDOSE_STEPS,
    GET_HELP_CACHE_KEY,
    PREVIOUS_OVERDOSE_STEPS,
    GetHelpSettings,
)
from kindred.learning.demo_loader import load_learning
from kindred.learning.models import LessonPage

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "content" / "demo" / "articles"
LESSONS = ROOT / "learning" / "demo"
QUESTIONS = ROOT / "questions" / "demo"


def _steps(html: str) -> list[str]:
    block = re.search(r"data-overdose-steps>(.*?)</ol>", html, re.S)
    assert block, "no overdose steps block on the page"
    return re.findall(r"<li>(.*?)</li>", block.group(1), re.S)


def _lesson(module: str, slug: str) -> dict:
    data = yaml.safe_load((LESSONS / module).read_text(encoding="utf-8"))
    return next(lesson for lesson in data["lessons"] if lesson["slug"] == slug)


def test_get_help_shows_the_reviewed_steps_and_poison_control(client):
    html = client.get(reverse("get_help")).content.decode()
    steps = " ".join(_steps(html))
    for words in [
        "breathing",
        "call 911",
        "naloxone",
        "rescue breaths or CPR",
        "on their side",
        "Stay with them",
        "2–3 minutes",
        "wear off before the opioid",
    ]:
        assert words in steps, words
    assert 'href="tel:18002221222"' in html
    assert 'id="poison-control"' in html


def test_lesson_2_3_shows_the_get_help_steps_and_follows_a_staff_edit(client, alice, home_page):
    load_learning(home_page)
    lesson = LessonPage.objects.get(slug="overdose-response")
    client.force_login(alice)
    assert _steps(client.get(lesson.url).content.decode()) == _steps(
        client.get(reverse("get_help")).content.decode()
    )
    settings = GetHelpSettings.load()
    settings.overdose_steps = "Step one of our own.\nStep two of our own."
    settings.save()
    lesson_steps = _steps(client.get(lesson.url).content.decode())
    assert lesson_steps == ["Step one of our own.", "Step two of our own."]
    assert lesson_steps == _steps(client.get(reverse("get_help")).content.decode())


def test_the_data_migration_updates_untouched_settings_and_adds_poison_control():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("kindred.core.migrations.0004_update_get_help_defaults")
    settings = GetHelpSettings.load()
    settings.overdose_steps = PREVIOUS_OVERDOSE_STEPS
    settings.helplines = [
        ("helpline", dict(block.value) | {"situations": list(block.value["situations"])})
        for block in settings.helplines
        if block.value["name"] != "Poison Control"
    ]
    settings.save()
    migration.forwards(apps, None)
    migration.forwards(apps, None)  # twice: nothing doubles
    settings = GetHelpSettings.load()
    assert settings.overdose_steps == DEFAULT_OVERDOSE_STEPS
    names = [block.value["name"] for block in settings.helplines]
    assert names.count("Poison Control") == 1
    assert cache.get(GET_HELP_CACHE_KEY) is None
    # Steps a member of staff rewrote are left alone.
    settings.overdose_steps = "Our own steps."
    settings.save()
    migration.forwards(apps, None)
    assert GetHelpSettings.load().overdose_steps == "Our own steps."


def test_the_old_relapse_and_enabling_addresses_redirect(client):
    response = client.get("/articles/category/relapse/")
    assert response.status_code == 301
    assert response["Location"].endswith("/articles/category/recurrence-of-use/")
    response = client.get("/articles/tag/enabling/")
    assert response.status_code == 301
    assert response["Location"].endswith("/articles/tag/protecting-from-consequences/")


def test_no_enabling_tag_title_or_relapse_category_in_the_demo():
    text = (ROOT / "content" / "demo" / "categories.yaml").read_text(encoding="utf-8")
    assert "slug: relapse" not in text and "Recurrence of use" in text
    for path in sorted(ARTICLES.glob("*.md")) + sorted((ROOT / "content/demo").glob("*/*.md")):
        front = path.read_text(encoding="utf-8").split("---\n", 2)[1]
        meta = yaml.safe_load(front)
        assert "enabling" not in meta.get("tags", []), path.name
        assert "relapse" not in meta.get("categories", []), path.name
        assert "enabling" not in meta["title"].lower(), path.name


def test_stepping_back_never_leaves_someone_alone_after_sedatives():
    texts = {
        "6.1": _lesson("06-stepping-back.yaml", "stepping-back-from-use")["body"],
        "6.3": _lesson("06-stepping-back.yaml", "stepping-back-safely")["body"],
        "template": next(
            t["body"]
            for t in yaml.safe_load((QUESTIONS / "reply_templates.yaml").read_text())
            if t["slug"] == "stepping-back-safely"
        ),
        "article 07": (ARTICLES / "07-natural-consequences-not-punishment.md").read_text(),
    }
    for name, text in texts.items():
        flat = " ".join(text.split())
        for words in ["opioids", "benzodiazepines", "heavy drinking", "alone"]:
            assert words in flat, (name, words)
    assert "I'm not going to sit with you tonight" not in texts["6.3"]


def test_one_timing_rule_for_inviting_to_treatment():
    sources = [
        _lesson("08-inviting-to-treatment.yaml", "dips-and-wishes")["body"],
        (ARTICLES / "05-dips-and-wishes.md").read_text(),
        (ARTICLES / "17-inviting-to-treatment-step-by-step.md").read_text(),
        (QUESTIONS / "published.yaml").read_text(),
    ]
    for text in sources:
        lowered = " ".join(text.split()).lower()
        assert "hungover" not in lowered
        assert "the morning after a bad night" not in lowered
        assert "rough comedown" not in lowered
    for text in sources[:3]:
        assert "in withdrawal or angry" in " ".join(text.split())


def test_naltrexone_is_not_said_to_lower_the_risk_of_dying():
    text = " ".join((ARTICLES / "14-treatment-options-explained.md").read_text().split())
    assert "buprenorphine, methadone and naltrexone" not in text
    assert "has not shown the same protection against death" in text
    assert "after stopping naltrexone" in text
    assert "benzodiazepines" in text and "alcohol can slow breathing" in text


def test_lesson_2_2_suggests_another_device_or_a_private_window():
    body = " ".join(_lesson("02-safety-first.yaml", "safety-plan")["body"].split())
    assert "Clear your browser history if needed" not in body
    assert "a device they do not check" in body and "private" in body


def test_transcript_chapter_markers_become_chapter_blocks():
    from kindred.content.demo_loader import parse_recording

    intro, blocks = parse_recording(
        "Intro with [a link](/get-help/).\n\n## Transcript\n\n### [02:10] Keeping the door open\n\n"
        "**Maya:** Hello.\n\n### No time here\n\n**Rosa:** Hi."
    )
    assert '<a href="/get-help/">a link</a>' in intro
    assert blocks[0] == ("chapter", {"title": "Keeping the door open", "start": "02:10"})
    assert blocks[1] == ("turn", {"speaker": "Maya", "text": "Hello."})
    assert blocks[2] == ("chapter", {"title": "No time here", "start": ""})


def test_a_recording_lists_its_chapters_with_anchors(client, home_page):
    from kindred.content import demo_loader

    demo_loader.load(home_page)
    from kindred.content.models import RecordingPage

    page = RecordingPage.objects.get(slug="when-the-insurer-says-no")
    assert page.chapters[0] == {
        "title": "A yes, and then a no",
        "start": "00:00",
        "anchor": "chapter-a-yes-and-then-a-no",
    }
    html = client.get(page.url).content.decode()
    assert 'href="#chapter-a-yes-and-then-a-no"' in html
    assert 'id="chapter-a-yes-and-then-a-no"' in html
    # The MOUD recording links to Poison Control on the Get-help page.
    moud = RecordingPage.objects.get(slug="medications-for-opioid-use-disorder")
    assert 'href="/get-help/#poison-control"' in client.get(moud.url).content.decode()


def test_the_words_migration_renames_an_existing_category_tag_and_title(home_page):
    from importlib import import_module

    from django.apps import apps

    from kindred.content.models import ArticleIndexPage, ArticlePage, Category, Tag

    migration = import_module(
        "kindred.content.migrations.0005_recurrence_of_use_and_protecting_tag"
    )
    Category.objects.filter(slug="recurrence-of-use").delete()
    relapse = Category.objects.create(slug="relapse", name="Relapse", description="Old.")
    enabling = Tag.objects.create(slug="enabling", name="enabling")
    index = ArticleIndexPage(title="Articles", slug="articles")
    home_page.add_child(instance=index)
    article = ArticlePage(title=migration.OLD_TITLE, slug="rewarding-sober-time", summary="s")
    article.tags.add("enabling")
    index.add_child(instance=article)
    migration.forwards(apps, None)
    migration.forwards(apps, None)
    relapse.refresh_from_db()
    assert (relapse.slug, relapse.name) == ("recurrence-of-use", "Recurrence of use")
    assert not Tag.objects.filter(slug="enabling").exists()
    assert Tag.objects.get(slug="protecting-from-consequences").pk == enabling.pk
    article.refresh_from_db()
    assert article.title == migration.NEW_TITLE
    assert [t.slug for t in article.tags.all()] == ["protecting-from-consequences"]
