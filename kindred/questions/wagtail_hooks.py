"""The Wagtail admin shows reply templates only. Members' questions are deliberately absent:
coaches work in /coach/queue/, which logs every opening."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from kindred.core.extensions import (
    DEMO_DATA,
    HOME_SECTIONS,
    MEMBER_DATA,
    SEARCH_KINDS,
    DemoData,
    HomeSection,
    MemberData,
    SearchKind,
)
from kindred.questions.models import ReplyTemplate
from kindred.questions.permissions import is_coach_or_admin


class ReplyTemplateViewSet(SnippetViewSet):
    model = ReplyTemplate
    icon = "doc-full"
    menu_label = "Reply templates"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["title", "slug"]
    search_fields = ["title"]


register_snippet(ReplyTemplateViewSet)


class QueueMenuItem(MenuItem):
    def is_shown(self, request: object) -> bool:
        return is_coach_or_admin(getattr(request, "user", None))


@hooks.register("register_admin_menu_item")
def register_queue_menu_item() -> MenuItem:
    return QueueMenuItem("Questions queue", reverse("questions:queue"), icon_name="help", order=305)


@hooks.register(MEMBER_DATA)
def questions_member_data() -> MemberData:
    from kindred.questions.publishing import public_pages_delete_for_member
    from kindred.questions.selectors import export_questions

    return MemberData("questions", export=export_questions, erase=public_pages_delete_for_member)


@hooks.register(HOME_SECTIONS)
def questions_home_sections() -> list[HomeSection]:
    from kindred.memberships.access import has_active_membership
    from kindred.questions.selectors import home_card_context

    return [
        HomeSection(
            key="questions",
            template="questions/home/card.html",
            order=30,
            is_visible=lambda request: has_active_membership(request.user),
            section_context=home_card_context,
        ),
        HomeSection(
            key="coach_queue",
            template="questions/home/coach_card.html",
            order=5,
            is_visible=lambda request: is_coach_or_admin(request.user),
        ),
    ]


def _question_ids_in(category: object) -> Any:
    from kindred.questions.models import QuestionPage

    # A queryset: site search uses it as a subquery (kindred.core.extensions.SearchKind).
    return QuestionPage.objects.filter(categories=category).values_list("pk", flat=True)


@hooks.register(SEARCH_KINDS)
def questions_search_kind() -> SearchKind:
    from kindred.content.selectors import category_list

    return SearchKind(
        "questions",
        "Questions",
        "questions.QuestionPage",
        "Question",
        category_ids=_question_ids_in,
        categories=category_list,
    )


@hooks.register(DEMO_DATA)
def questions_demo_data() -> DemoData:
    from kindred.questions.demo_loader import load

    return DemoData("questions", order=50, load=load)
