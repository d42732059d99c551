"""The learning program: Wagtail pages (program → modules → lessons) and each member's own
progress, reflections and practice plan.

The pages are members only: ``serve`` checks membership before anything is shown, and
every member-specific page is sent ``Cache-Control: private, no-store``. None of them is
indexed by site search (``search_fields = []``) or listed in the sitemap.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from kindred.core.fields import EncryptedTextField
from kindred.learning.blocks import (
    KnowledgeCheckBlock,
    LessonBodyBlock,
    ReflectionBlock,
)

PROCEDURES = [
    (1, "1. Motivation"),
    (2, "2. Functional analysis"),
    (3, "3. Domestic violence precautions (safety)"),
    (4, "4. Positive communication"),
    (5, "5. Positive reinforcement of non-using behaviour"),
    (6, "6. Withdrawing rewards and natural consequences"),
    (7, "7. Self-care"),
    (8, "8. Inviting into treatment"),
]
MAX_REFLECTION_CHARACTERS = 20_000


class MembersOnlyPage(Page):
    """Shared behaviour of the program's pages: members only, never cached, never indexed."""

    search_fields: list[Any] = []  # lessons are members' material: not in site search

    class Meta:
        abstract = True

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list[dict[str, Any]]:
        return []

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from kindred.learning import views  # views import the models

        return views.serve_program_page(self, request, *args, **kwargs)

    def get_preview_context(self, request: HttpRequest, mode_name: str) -> dict[str, Any]:
        # Editors previewing a draft see the content, never a member's progress or writing.
        from kindred.learning import views

        return views.preview_context(self, request)


class ProgramPage(MembersOnlyPage):
    """The program's front page (/learn/): overall progress, where to continue, the modules."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["learning.ModulePage"]
    max_count = 1
    template = "learning/program_page.html"


class ModulePage(MembersOnlyPage):
    """One module of the program, mapped to a CRAFT procedure. Lessons are its children."""

    summary = models.CharField(max_length=300, help_text="One or two sentences, shown in lists.")
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    procedure = models.PositiveSmallIntegerField(
        choices=PROCEDURES, help_text="The CRAFT procedure this module teaches."
    )
    is_safety_module = models.BooleanField(
        default=False,
        help_text="Shown first to members whose safety screen raised a concern.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("procedure"),
        FieldPanel("is_safety_module"),
        HelpPanel(content="Lessons are the pages under this module; drag them to reorder."),
    ]
    parent_page_types = ["learning.ProgramPage"]
    subpage_types = ["learning.LessonPage"]
    template = "learning/module_page.html"


class LessonPage(MembersOnlyPage):
    """A short lesson: what you will learn, the body, a reflection, a knowledge check and a
    practice for the week."""

    minutes = models.PositiveSmallIntegerField(default=8, help_text="About how long it takes.")
    objectives = models.TextField(
        blank=True, help_text="What the member will learn: one objective per line."
    )
    body = StreamField(LessonBodyBlock())
    reflection = StreamField(
        ReflectionBlock(),
        blank=True,
        help_text="Prompts the member answers privately. Keep a prompt's wording stable once "
        "members have answered it: their answers stay attached to it.",
    )
    knowledge_check = StreamField(
        KnowledgeCheckBlock(),
        blank=True,
        help_text="Two to four questions, each with three or four choices and feedback for each.",
    )
    try_this_week = models.TextField(
        blank=True, help_text="One small practice the member can add to their plan."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("minutes"),
        FieldPanel("objectives"),
        FieldPanel("body"),
        FieldPanel("reflection"),
        FieldPanel("knowledge_check"),
        FieldPanel("try_this_week"),
    ]
    parent_page_types = ["learning.ModulePage"]
    subpage_types: list[str] = []
    template = "learning/lesson_page.html"

    @property
    def objective_list(self) -> list[str]:
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]

    def prompts(self) -> list[tuple[str, str]]:
        """(stable block id, prompt text) for each reflection prompt."""
        return [(block.id, str(block.value)) for block in self.reflection]

    def has_external_video(self) -> bool:
        return any(
            block.block_type == "video" and block.value.get("external_url") for block in self.body
        )


class LessonProgress(models.Model):
    """A member's progress on one lesson: first opened, last opened, completed.

    One row per (member, lesson), enforced by the database: concurrent requests cannot make two.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="progress")
    opened_at = models.DateTimeField()
    last_opened_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "lesson"], name="learning_progress_once"),
        ]
        indexes = [models.Index(fields=["member", "-last_opened_at"])]

    def __str__(self) -> str:
        return f"Progress {self.pk}"


class Reflection(models.Model):
    """A member's answer to one reflection prompt, saved as they type. Only they can read it:
    encrypted at rest, registered in no admin, exported and deleted with the account."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="reflections")
    prompt_id = models.CharField(max_length=64, help_text="The prompt's StreamField block id.")
    # The prompt as it read when the member answered: editors' words, not the member's.
    prompt = models.TextField()
    text = EncryptedTextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "lesson", "prompt_id"], name="learning_reflection_once"
            ),
        ]
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"Reflection {self.pk}"


class PracticePlanItem(models.Model):
    """A lesson's "try this week" practice that the member added to their plan."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_plan"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="plan_items")
    text = models.TextField(help_text="The practice as the lesson worded it when it was added.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "lesson"], name="learning_plan_once"),
        ]
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Plan item {self.pk}"
