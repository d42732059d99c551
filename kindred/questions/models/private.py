"""What a member writes to a coach, and everything around it. Member text is encrypted at
rest (``EncryptedTextField``) and never filtered on: the queue filters on metadata only."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from kindred.accounts.models import Relationship
from kindred.core.fields import EncryptedChoiceListField, EncryptedTextField


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    WAITING = "waiting", "Waiting for a coach"
    WAITING_MEMBER = "waiting_member", "Waiting for you"
    ANSWERED = "answered", "Answered"


class Publication(models.TextChoices):
    NONE = "", "Not published"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Duration(models.TextChoices):
    UNDER_6_MONTHS = "under_6_months", "Less than 6 months"
    UNDER_2_YEARS = "under_2_years", "6 months to 2 years"
    UNDER_5_YEARS = "under_5_years", "2 to 5 years"
    OVER_5_YEARS = "over_5_years", "More than 5 years"
    NOT_SURE = "not_sure", "Not sure"


class UrgentReason(models.TextChoices):
    # The kind of crisis the check found, never the words that matched.
    OVERDOSE = "overdose", "Possible overdose"
    SUICIDE = "suicide", "Suicide risk"
    VIOLENCE = "violence", "Violence"


class Question(models.Model):
    """A member's question to a coach. Title, question and context are private."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questions"
    )
    title = EncryptedTextField(blank=True, default="")
    body = EncryptedTextField(blank=True, default="")
    context = EncryptedTextField(blank=True, default="")
    # Health answers, encrypted too (docs/security.md, "Health fields"): never filtered on.
    relationship = EncryptedTextField(choices=Relationship.choices, blank=True, default="")
    substances = EncryptedChoiceListField(default=list, blank=True)
    duration = EncryptedTextField(choices=Duration.choices, blank=True, default="")
    category = models.ForeignKey(
        "content.Category", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    # Plain on purpose: the coaches' queue puts urgent questions first (an ORDER BY on it) and
    # the coach notification is chosen by it. It is the kind of crisis the check found, never
    # the member's words (docs/security.md, "Health fields").
    urgent_reason = models.CharField(max_length=20, choices=UrgentReason.choices, blank=True)
    allow_publish = models.BooleanField(default=False)
    show_pseudonym = models.BooleanField(default=False)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_questions",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Since when the question has waited for a coach (reset when the member replies).
    waiting_since = models.DateTimeField(null=True, blank=True)
    first_answered_at = models.DateTimeField(null=True, blank=True)
    publication = models.CharField(
        max_length=20, choices=Publication.choices, blank=True, default=Publication.NONE
    )
    public_page = models.OneToOneField(
        "questions.QuestionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="source_question",
    )

    class Meta:
        indexes = [
            models.Index(fields=["member", "-updated_at"]),
            models.Index(fields=["status", "waiting_since"]),
            models.Index(fields=["first_answered_at"]),
        ]

    def __str__(self) -> str:
        return f"Question {self.pk}"

    @property
    def is_urgent(self) -> bool:
        return bool(self.urgent_reason)

    @property
    def state_label(self) -> str:
        """What the member sees: the publication state wins once there is one."""
        if self.publication == Publication.PUBLISHED and self.status == Status.ANSWERED:
            return "Published"
        return str(Status(self.status).label)

    def substance_labels(self) -> list[str]:
        from kindred.accounts.models import Substance

        labels = dict(Substance.choices)
        return [str(labels[value]) for value in self.substances if value in labels]


class Message(models.Model):
    """One message in a question's thread: from the member, or from a coach."""

    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        COACH = "coach", "Coach"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="messages")
    # A coach's message outlives the coach's account (SET_NULL); the member's own messages go
    # with the question when the member's account is deleted.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="question_messages",
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    # Member messages are plain text; coach messages are Markdown, rendered through nh3.
    body = EncryptedTextField()
    asks_for_detail = models.BooleanField(default=False)
    suggested_pages: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        "wagtailcore.Page", blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Message {self.pk}"


class InternalNote(models.Model):
    """A note between coaches about a question. Members never see it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Note {self.pk}"


class Notification(models.Model):
    """An in-app notice. Its text comes from its kind: it never repeats what anyone wrote."""

    class Kind(models.TextChoices):
        REPLY = "reply", "A coach answered your question"
        DETAIL = "detail", "A coach asked for a little more detail"
        PUBLISHED = "published", "Your question was published anonymously"
        NEW_QUESTION = "new_question", "A new question is waiting"
        URGENT_QUESTION = "urgent_question", "An urgent question is waiting"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return str(self.Kind(self.kind).label)

    @property
    def text(self) -> str:
        return str(self.Kind(self.kind).label)


class EmailPreference(models.Model):
    """Whether a person wants email about their questions (on unless they turn it off)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="question_email_preference",
    )
    email_on = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Email {'on' if self.email_on else 'off'}"


class AccessRecord(models.Model):
    """A staff member opened (or published) a member's question. Written once, never changed.

    The staff member's key is SET_NULL so the record outlives their account; the pseudonym
    copy still says who it was. The record goes only when the question itself is deleted
    (with the member's account).
    """

    class Action(models.TextChoices):
        OPENED = "opened", "Opened"
        PUBLISHED = "published", "Published"

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="access_records")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    staff_pseudonym = models.CharField(max_length=40)
    action = models.CharField(max_length=20, choices=Action.choices, default=Action.OPENED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["-created_at"])]

    def __str__(self) -> str:
        return f"{self.staff_pseudonym} {self.action} {self.question_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A guard, not logic: an access log that can be rewritten is not a log.
        if not self._state.adding:
            raise PermissionError("access records cannot be changed")
        super().save(*args, **kwargs)


class ReplyTemplate(index.Indexed, models.Model):  # type: ignore[django-manager-missing]
    """A short CRAFT pointer a coach inserts into a reply and adapts (Markdown)."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=120)
    body = models.TextField(help_text="Markdown: **bold**, *italic*, [links](/get-help/).")

    panels = [FieldPanel("title"), FieldPanel("slug"), FieldPanel("body")]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
