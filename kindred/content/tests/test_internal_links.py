"""Every internal link in the demo writing leads somewhere (issue 16).

Loads the demo content as ``load_demo`` does, opens every lesson, module, article, story,
recording, plain page and published Q&A (as the demo member, with an active membership, and the
public ones as a visitor too), collects each internal link inside ``<main>`` and fetches it the
same way; the links in the reply templates (Markdown a coach inserts) are fetched as the member.
Any 404 (or server error, or a missing ``#fragment``) fails, and the message lists every broken
address with the pages that point at it. The toolkit, the resource directory, live groups and
the printable blank safety plan are all linked from the demo writing, so they are crawled too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client
from wagtail.models import Page

from kindred.accounts.demo import DEMO_MEMBER_EMAIL
from kindred.accounts.models import User
from kindred.core import demo
from kindred.questions.models import ReplyTemplate

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [
    "content.articlepage",
    "content.storypage",
    "content.recordingpage",
    "content.standardpage",
    "content.articleindexpage",
    "learning.programpage",
    "learning.modulepage",
    "learning.lessonpage",
    "questions.questionpage",
]
MEMBERS_ONLY_MODELS = {"learning.programpage", "learning.modulepage", "learning.lessonpage"}
MARKDOWN_LINK = re.compile(r"\]\((/[^)\s]*)\)")


class _MainLinks(HTMLParser):
    """The href of every <a> inside <main>."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.depth += 1
        elif tag == "a" and self.depth:
            href = dict(attrs).get("href") or ""
            if href:
                self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "main" and self.depth:
            self.depth -= 1


def _internal(href: str) -> str | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None  # tel:, sms:, mailto:, other sites, "#top"
    return href


def _links_in(html: str) -> list[str]:
    parser = _MainLinks()
    parser.feed(html)
    return [link for link in map(_internal, parser.links) if link]


def _check(
    client: Client, links: dict[str, set[str]], who: str, broken: list[str], reported: set[str]
) -> None:
    """Fetch each link once; add a line to ``broken`` for each one that fails (once a link)."""
    pages: dict[str, str] = {}
    for link in sorted(links):
        path, fragment = urldefrag(link)
        if path not in pages:
            response = client.get(path)
            status = response.status_code
            if status == 404:
                pages[path] = ""
            elif status >= 500:
                pages[path] = ""
                reported.add(link)
                broken.append(f"  {link}  ({who}: HTTP {status})")
            else:
                pages[path] = response.content.decode() if status == 200 else "<redirect>"
        if pages[path] == "" and link not in reported:
            reported.add(link)
            sources = ", ".join(sorted(links[link]))
            broken.append(f"  {link}  ({who}: 404)  linked from: {sources}")
        elif (
            fragment
            and pages[path] not in ("", "<redirect>")
            and f'id="{fragment}"' not in pages[path]
        ):
            broken.append(
                f"  {link}  ({who}: no #{fragment} on the page)  linked from: "
                + ", ".join(sorted(links[link]))
            )


def test_every_internal_link_in_the_demo_content_resolves():
    demo.load()
    member = User.objects.get(email=DEMO_MEMBER_EMAIL)
    as_member, as_visitor = Client(), Client()
    as_member.force_login(member)

    pages = [
        page
        for page in Page.objects.live().specific().order_by("path")
        if page._meta.label_lower in CONTENT_MODELS
    ]
    assert len(pages) > 50, "the demo content did not load"
    member_links: dict[str, set[str]] = defaultdict(set)
    visitor_links: dict[str, set[str]] = defaultdict(set)
    for page in pages:
        response = as_member.get(page.url)
        assert response.status_code == 200, (page.url, response.status_code)
        for link in _links_in(response.content.decode()):
            member_links[link].add(page.url)
        if page._meta.label_lower in MEMBERS_ONLY_MODELS or getattr(page, "members_only", False):
            continue
        response = as_visitor.get(page.url)
        assert response.status_code == 200, (page.url, response.status_code)
        for link in _links_in(response.content.decode()):
            visitor_links[link].add(page.url)
    for template in ReplyTemplate.objects.all():
        for link in MARKDOWN_LINK.findall(template.body):
            member_links[link].add(f"reply template '{template.slug}'")

    # The tools the writing sends families to are crawled (so the crawl is not vacuous).
    crawled = {urldefrag(link)[0] for link in member_links}
    assert {
        "/toolkit/",
        "/toolkit/tracker/",
        "/toolkit/safety-plan/",
        "/toolkit/analysis/",
        "/toolkit/rewards/",
        "/toolkit/stepping-back/",
        "/resources/",
        "/get-help/",
    } <= crawled

    broken: list[str] = []
    reported: set[str] = set()
    _check(as_member, member_links, "member", broken, reported)
    _check(as_visitor, visitor_links, "visitor", broken, reported)
    assert not broken, f"{len(broken)} broken internal link(s) in the demo content:\n" + "\n".join(
        broken
    )
