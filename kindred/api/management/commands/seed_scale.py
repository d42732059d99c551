"""Scale data for benchmarks: many members, articles and public questions (development only).

    DEBUG=1 python manage.py load_demo          # first: the site, its pages and demo accounts
    DEBUG=1 python manage.py seed_scale         # 100,000 members, 10,000 articles, 1,000 Q&A
    DEBUG=1 python manage.py seed_scale --members 1000 --articles 500 --questions 100

Rows are written in bulk (Wagtail pages through their base table, then their own rows), so
10,000 articles take a minute, not an hour; the search index is rebuilt, then ``ANALYZE``
refreshes the planner's statistics (without it, search took 4.6 s a request on PostgreSQL),
after a ``VACUUM`` on PostgreSQL (the GIN indexes' pending lists, docs/performance.md).
Made-up text from a small vocabulary: nothing here reads like real advice. Idempotent per
size: a second run adds nothing that is already there (articles are numbered).

Later parts of Kindred add their own scale data (for example the toolkit's 1,000,000 tracker
days) with a Wagtail hook in their ``wagtail_hooks.py``, as for the other shared parts
(kindred/core/extensions.py)::

    from kindred.core.extensions import SCALE_DATA, ScaleSeeder

    @hooks.register(SCALE_DATA)
    def toolkit_scale_data() -> ScaleSeeder:
        from kindred.toolkit.scale import seed_tracker_days
        return seed_tracker_days     # called as seed(member_ids, options, stdout)
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Iterator, Sequence
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page

from kindred.accounts.models import User

# The hook other apps register their scale data under (see the module docstring).
from kindred.core.extensions import SCALE_DATA, ScaleSeeder

__all__ = ["SCALE_DATA", "Command", "ScaleSeeder", "bulk_add_pages"]


WORDS = [
    "family",
    "listen",
    "calm",
    "evening",
    "plan",
    "reward",
    "safe",
    "choice",
    "moment",
    "kindness",
    "boundary",
    "routine",
    "support",
    "patience",
    "honest",
    "sleep",
    "walk",
    "dinner",
    "conversation",
    "pause",
    "breathe",
    "notice",
    "small",
    "step",
    "progress",
    "setback",
    "morning",
    "weekend",
    "promise",
    "garden",
    "kitchen",
    "letter",
    "phone",
    "message",
    "hope",
    "rest",
]
BATCH = 2000


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 16))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))


def _batches(items: Sequence[Any], size: int = BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def bulk_add_pages(parent: Page, model: type[Page], rows: list[dict[str, Any]]) -> list[int]:
    """Add ``rows`` (field values of ``model``) as live children of ``parent``, in bulk.

    Django cannot bulk-create a multi-table model, so the base ``wagtailcore_page`` rows go
    in with ``bulk_create`` (tree paths computed here, as treebeard would) and each page's
    own row is inserted on its own (``save_base(raw=True)`` writes only that table).
    """
    parent = Page.objects.get(pk=parent.pk)
    content_type = ContentType.objects.get_for_model(model)
    base_fields = {f.name for f in Page._meta.concrete_fields}
    start = parent.numchild
    now = timezone.now()
    pages: list[Page] = []
    for i, row in enumerate(rows, start=1):
        base = {k: v for k, v in row.items() if k in base_fields}
        pages.append(
            Page(
                **base,
                content_type=content_type,
                path=parent._get_path(parent.path, parent.depth + 1, start + i),
                depth=parent.depth + 1,
                numchild=0,
                live=True,
                has_unpublished_changes=False,
                url_path=f"{parent.url_path}{row['slug']}/",
                locale_id=parent.locale_id,
                draft_title=row["title"],
                last_published_at=row.get("first_published_at", now),
                latest_revision_created_at=row.get("first_published_at", now),
            )
        )
    ids: list[int] = []
    for chunk in _batches(pages):
        created = Page.objects.bulk_create(chunk)
        if created and created[0].pk is None:  # SQLite before RETURNING: read the ids back
            paths = [p.path for p in chunk]
            by_path = dict(Page.objects.filter(path__in=paths).values_list("path", "pk"))
            for page in chunk:
                page.pk = page.id = by_path[page.path]
        ids += [p.pk for p in chunk]
    own_fields = {f.name for f in model._meta.local_concrete_fields} - {"page_ptr"}
    for page, row in zip(pages, rows, strict=True):
        specific = model(page_ptr_id=page.pk, **{k: v for k, v in row.items() if k in own_fields})
        specific.__dict__.update({f: getattr(page, f) for f in ("path", "depth", "title")})
        specific.save_base(raw=True)
    Page.objects.filter(pk=parent.pk).update(numchild=start + len(rows))
    return ids


class Command(BaseCommand):
    help = "Add scale data for benchmarks (development only; needs DEBUG=1 and load_demo)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--members", type=int, default=100_000)
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument("--questions", type=int, default=1_000)
        parser.add_argument(
            "--tracker-days", type=int, default=1_000_000, help="the toolkit's tracker days"
        )
        parser.add_argument("--seed", type=int, default=10)
        parser.add_argument("--no-index", action="store_true", help="skip the search index")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("seed_scale only runs with DEBUG=1: it is for benchmarks.")
        from kindred.content.models import ArticleIndexPage

        if not ArticleIndexPage.objects.exists():
            raise CommandError("Run `manage.py load_demo` first.")
        rng = random.Random(options["seed"])  # noqa: S311 (made-up text, not secrets)
        started = time.monotonic()
        members = self._members(options["members"])
        self._articles(rng, options["articles"])
        self._questions(rng, options["questions"])
        for hook in hooks.get_hooks(SCALE_DATA):
            hook()(members, options, self.stdout)
        if not options["no_index"]:
            self.stdout.write("Rebuilding the search index ...")
            call_command("update_index", verbosity=0)
        # PostgreSQL: VACUUM as well, which moves the rows just written from the GIN indexes'
        # pending lists into the indexes and marks the pages all-visible (a title search's
        # index scan took 7 ms before it, 0.04 ms after). VACUUM cannot run inside a
        # transaction (a test's), where ANALYZE alone is run.
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        self.stdout.write(f"Scale data ready in {time.monotonic() - started:.0f}s.")

    def _members(self, count: int) -> list[int]:
        existing = User.objects.filter(email__endswith="@scale.invalid").count()
        users = [
            User(
                email=f"member{n}@scale.invalid",
                pseudonym=f"Scale{n}",
                password="!",  # noqa: S106 (unusable: nobody signs in as a seeded member)
                is_active=True,
            )
            for n in range(existing, count)
        ]
        with transaction.atomic():
            for chunk in _batches(users):
                User.objects.bulk_create(chunk)
        self.stdout.write(f"Members: {len(users)} added ({count} in all).")
        return list(
            User.objects.filter(email__endswith="@scale.invalid").values_list("pk", flat=True)
        )

    def _articles(self, rng: random.Random, count: int) -> None:
        from kindred.content.models import (
            ArticleCategory,
            ArticleIndexPage,
            ArticlePage,
            Author,
            Category,
            Tag,
            TaggedArticle,
        )

        index = ArticleIndexPage.objects.get()
        existing = ArticlePage.objects.filter(slug__startswith="scale-article-").count()
        categories = list(Category.objects.values_list("pk", flat=True))
        authors: list[int | None] = [*Author.objects.values_list("pk", flat=True)] or [None]
        tags = [Tag.objects.get_or_create(name=w, defaults={"slug": w})[0].pk for w in WORDS[:20]]
        start_day = dt.date(2020, 1, 1)
        rows = []
        for n in range(existing, count):
            day = start_day + dt.timedelta(days=n % 2000)
            rows.append(
                {
                    "title": f"Scale article {n}: {_sentence(rng)[:60]}",
                    "slug": f"scale-article-{n}",
                    "summary": _sentence(rng),
                    "author_id": rng.choice(authors),
                    "published_date": day,
                    "first_published_at": dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC),
                    "members_only": n % 10 == 0,
                    "body": [
                        {"type": "paragraph", "value": f"<p>{_paragraph(rng)}</p>"}
                        for _ in range(rng.randint(4, 8))
                    ],
                }
            )
        with transaction.atomic():
            ids = bulk_add_pages(index, ArticlePage, rows)
            links, tagged = [], []
            for page_id in ids:
                chosen = rng.sample(categories, k=min(len(categories), rng.randint(1, 2)))
                links += [
                    ArticleCategory(page_id=page_id, category_id=c, sort_order=i)
                    for i, c in enumerate(chosen)
                ]
                tagged += [
                    TaggedArticle(content_object_id=page_id, tag_id=t)
                    for t in rng.sample(tags, k=3)
                ]
            ArticleCategory.objects.bulk_create(links, batch_size=BATCH)
            TaggedArticle.objects.bulk_create(tagged, batch_size=BATCH)
        self.stdout.write(f"Articles: {len(rows)} added ({count} scale articles in all).")

    def _questions(self, rng: random.Random, count: int) -> None:
        from kindred.questions.models import QuestionIndexPage, QuestionPage

        index = QuestionIndexPage.objects.first()
        if index is None:
            self.stdout.write("Questions: no question index page; none added.")
            return
        existing = QuestionPage.objects.filter(slug__startswith="scale-question-").count()
        rows = []
        for n in range(existing, count):
            day = dt.date(2021, 1, 1) + dt.timedelta(days=n % 1500)
            rows.append(
                {
                    "title": f"Scale question {n}: {_sentence(rng)[:60]}",
                    "slug": f"scale-question-{n}",
                    "question": _paragraph(rng),
                    "answer": f"<p>{_paragraph(rng)}</p><p>{_paragraph(rng)}</p>",
                    "asker_name": "A member",
                    "answered_by": "Coach",
                    "published_date": day,
                    "first_published_at": dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC),
                }
            )
        with transaction.atomic():
            bulk_add_pages(index, QuestionPage, rows)
        self.stdout.write(f"Public questions: {len(rows)} added ({count} in all).")
