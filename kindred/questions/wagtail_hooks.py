"""The Wagtail admin shows reply templates only. Members' questions are deliberately absent:
coaches work in /coach/queue/, which logs every opening."""

from __future__ import annotations

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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
