"""The public Q&A: /questions/ (QuestionIndexPage) and each published, anonymised exchange
(QuestionPage). Nothing here points at the member: the page keeps only the name they chose
to show ("A member" or their pseudonym), copied at publication."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import Truncator
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

ANSWER_FEATURES = ["bold", "italic", "link", "ol", "ul", "blockquote"]
# Django views under /questions/ that a page slug must never shadow.
RESERVED_SLUGS = frozenset({"ask", "feed", "category"})


class QuestionIndexPage(RoutablePageMixin, Page):
    """/questions/: published questions, newest first, with a category filter and a feed."""

    introduction = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["questions.QuestionPage"]
    max_count = 1

    @path("")
    def index_route(self, request: HttpRequest) -> TemplateResponse:
        from kindred.content.selectors import category_list
        from kindred.core.pagination import paginate
        from kindred.questions.selectors import public_question_list

        categories = category_list()
        slug = request.GET.get("category", "")
        category = next((c for c in categories if c.slug == slug), None)
        page_obj = paginate(request, public_question_list(self, category=category))
        context = {
            **self.get_context(request),
            "questions": page_obj,
            "page_obj": page_obj,
            "category": category,
            "categories": categories,
        }
        return TemplateResponse(request, "questions/question_index_page.html", context)

    @path("feed/")
    def feed_route(self, request: HttpRequest) -> HttpResponse:
        from kindred.questions.feeds import QuestionAtomFeed

        return QuestionAtomFeed(self)(request)


class TaggedQuestion(ItemBase):
    # The articles' own tag vocabulary, shared so a topic means the same everywhere.
    tag = models.ForeignKey(
        "content.Tag", related_name="tagged_questions", on_delete=models.CASCADE
    )
    content_object = ParentalKey(
        "questions.QuestionPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class QuestionPage(Page):
    """One published exchange: the anonymised question and the coach's answer."""

    question = models.TextField(help_text="The anonymised question: no names, places or details.")
    answer = RichTextField(features=ANSWER_FEATURES)
    asker_name = models.CharField(
        max_length=40, default="A member", help_text='The pseudonym, or "A member".'
    )
    answered_by = models.CharField(max_length=80, blank=True)
    published_date = models.DateField("publication date", default=timezone.localdate)
    categories = ParentalManyToManyField(
        "content.Category", blank=True, related_name="question_pages"
    )
    tags = ClusterTaggableManager(through=TaggedQuestion, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("question"),
        FieldPanel("answer"),
        MultiFieldPanel(
            [
                FieldPanel("asker_name"),
                FieldPanel("answered_by"),
                FieldPanel("published_date"),
                FieldPanel("categories"),
                FieldPanel("tags"),
            ],
            heading="About this question",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("question", boost=2),
        index.SearchField("answer"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("published_date"),
    ]
    parent_page_types = ["questions.QuestionIndexPage"]
    subpage_types: list[str] = []

    @property
    def summary(self) -> str:
        return Truncator(self.question).words(40)

    @cached_property
    def search_excerpt_source(self) -> str:
        return f"{self.question}\n{strip_tags(self.answer)}"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from kindred.questions.selectors import related_questions

        context = super().get_context(request, *args, **kwargs)
        context["categories"] = list(self.categories.all())
        context["related_questions"] = related_questions(self)
        return context

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        if path_components:
            raise Http404
        return super().route(request, path_components)
