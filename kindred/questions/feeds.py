"""/questions/feed/: an Atom feed of published questions (public pages only)."""

from __future__ import annotations

from django.utils.feedgenerator import Atom1Feed

from kindred.content.feeds import IndexPageFeed
from kindred.questions.models import QuestionPage
from kindred.questions.selectors import public_question_list

FEED_LIMIT = 20


class QuestionAtomFeed(IndexPageFeed):
    feed_type = Atom1Feed
    subtitle = "Members' questions to a coach, answered and shared anonymously."
    name = "questions"
    fallback_url = "/questions/"

    def items(self) -> list[QuestionPage]:
        return list(public_question_list(self.index)[:FEED_LIMIT])

    def item_categories(self, item: QuestionPage) -> list[str]:
        return [c.name for c in item.categories.all()]
