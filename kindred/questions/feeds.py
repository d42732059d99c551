"""/questions/feed/: an Atom feed of published questions (public pages only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from kindred.questions.models import QuestionIndexPage, QuestionPage
from kindred.questions.selectors import public_question_list

FEED_LIMIT = 20


class QuestionAtomFeed(Feed):
    feed_type = Atom1Feed
    subtitle = "Members' questions to a coach, answered and shared anonymously."

    def __init__(self, index: QuestionIndexPage) -> None:
        super().__init__()
        self.index = index
        self.request: HttpRequest | None = None

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self) -> str:
        return f"{settings.WAGTAIL_SITE_NAME}: questions"

    def link(self) -> str:
        return self.index.get_url(self.request) or "/questions/"

    def items(self) -> list[QuestionPage]:
        return list(public_question_list(self.index)[:FEED_LIMIT])

    def item_title(self, item: QuestionPage) -> str:
        return item.title

    def item_description(self, item: QuestionPage) -> str:
        return item.summary

    def item_link(self, item: QuestionPage) -> str:
        return item.get_url(self.request) or "/"

    def item_pubdate(self, item: QuestionPage) -> dt.datetime:
        return dt.datetime.combine(
            item.published_date, dt.time(9, 0), tzinfo=timezone.get_current_timezone()
        )

    def item_categories(self, item: QuestionPage) -> list[str]:
        return [c.name for c in item.categories.all()]
