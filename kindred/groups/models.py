"""Live groups: a group meets on a schedule; each meeting is a ``Session`` row.

Times are stored in UTC. A group's schedule is a wall-clock time in the facilitator's time
zone (``time_zone``) plus a recurrence; ``kindred.groups.schedule`` expands it with
``dateutil.rrule`` in that zone, so 7 p.m. stays 7 p.m. across daylight-saving changes, and
materialises the next weeks as rows. Rows let one meeting be cancelled or moved, and give the
RSVP code one row to lock (``select_for_update``) so a session never goes over capacity.
"""

from __future__ import annotations

import secrets
import zoneinfo
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from kindred.core.video import ExternalVideo, parse_external_video

# Words used by the pages under /groups/, so not available as a group's slug.
RESERVED_SLUGS = {"sessions", "recordings", "calendar", "facilitate"}


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    zones = sorted(z for z in zoneinfo.available_timezones() if "/" in z or z == "UTC")
    return [(z, z.replace("_", " ")) for z in zones]


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    FORTNIGHTLY = "fortnightly", "Every other week"
    MONTHLY = "monthly", "Once a month, on the n-th weekday"


class Weekday(models.IntegerChoices):
    # dateutil's numbering: Monday is 0.
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, "First"
    SECOND = 2, "Second"
    THIRD = 3, "Third"
    FOURTH = 4, "Fourth"
    LAST = -1, "Last"


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    SPANISH = "es", "Spanish (Español)"


class SupportGroup(models.Model):
    """A group that meets online with a facilitator, on a schedule."""

    title = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(help_text="Who the group is for and what happens in it.")
    language = models.CharField(max_length=5, choices=Language.choices, default=Language.ENGLISH)
    # The facilitator is shown by pseudonym only; the group outlives their account.
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilitated_groups",
        limit_choices_to=Q(groups__name="Facilitators"),
        help_text="A member of Facilitators. Members see their pseudonym only.",
    )
    time_zone = models.CharField(
        "facilitator's time zone",
        max_length=64,
        default="America/New_York",
        help_text="The schedule below is in this time zone.",
    )
    frequency = models.CharField(max_length=20, choices=Frequency.choices)
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    week_of_month = models.SmallIntegerField(
        choices=WeekOfMonth.choices,
        null=True,
        blank=True,
        help_text="Monthly groups only: which one of that weekday in the month.",
    )
    start_time = models.TimeField(help_text="Wall-clock time in the facilitator's time zone.")
    starts_on = models.DateField(help_text="The first day the group can meet.")
    ends_on = models.DateField(null=True, blank=True, help_text="Empty: no end.")
    duration_minutes = models.PositiveSmallIntegerField(
        default=60, validators=[MinValueValidator(15), MaxValueValidator(240)]
    )
    capacity = models.PositiveSmallIntegerField(
        default=12, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    meeting_url = models.URLField(
        "meeting link",
        help_text="Any provider (Zoom, Jitsi, Teams…). Shown only to members who RSVP'd, "
        "from 15 minutes before the start to the end.",
    )
    is_recorded = models.BooleanField(
        "sessions are recorded",
        default=False,
        help_text="Members see and accept a consent notice before they RSVP.",
    )
    is_active = models.BooleanField(default=True, help_text="Inactive groups are hidden.")
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("language"), FieldPanel("facilitator")]),
        MultiFieldPanel(
            [
                FieldPanel("time_zone"),
                FieldRowPanel(
                    [FieldPanel("frequency"), FieldPanel("weekday"), FieldPanel("week_of_month")]
                ),
                FieldRowPanel([FieldPanel("start_time"), FieldPanel("duration_minutes")]),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
            ],
            heading="Schedule",
        ),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("is_recorded")]),
        FieldPanel("meeting_url"),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = "group"

    def __str__(self) -> str:
        return self.title

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def schedule_label(self) -> str:
        day = Weekday(self.weekday).label
        if self.frequency == Frequency.MONTHLY and self.week_of_month:
            return f"The {WeekOfMonth(self.week_of_month).label.lower()} {day} of each month"
        if self.frequency == Frequency.FORTNIGHTLY:
            return f"Every other {day}"
        return f"Every {day}"

    def clean(self) -> None:
        super().clean()
        if self.frequency == Frequency.MONTHLY and not self.week_of_month:
            raise ValidationError({"week_of_month": "Choose which week of the month it meets."})
        if self.time_zone not in dict(time_zone_choices()):
            raise ValidationError({"time_zone": "Choose a time zone from the list."})
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": "This word is used by Kindred's pages; choose another."})
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The end is before the start."})


class Session(models.Model):
    """One meeting of a group. ``scheduled_for`` is the recurrence's occurrence (UTC) and never
    changes, so extending the schedule never recreates a meeting that was moved or cancelled;
    ``starts_at`` is when it actually starts."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"

    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="sessions")
    scheduled_for = models.DateTimeField(null=True, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    is_moved = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "scheduled_for"], name="groups_session_one_per_occurrence"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="groups_session_ends_after"
            ),
        ]
        indexes = [models.Index(fields=["starts_at"])]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at, self.group.zone)
        return f"{self.group.title}, {local:%Y-%m-%d %H:%M} ({self.group.time_zone})"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_recorded(self) -> bool:
        return self.group.is_recorded

    @property
    def capacity(self) -> int:
        return self.group.capacity


class Rsvp(models.Model):
    """A member's place in a session (going), or in its waiting list (first come, first
    promoted). Cancelling deletes the row."""

    class Status(models.TextChoices):
        GOING = "going", "Going"
        WAITING = "waiting", "On the waiting list"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="rsvps")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_rsvps"
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(default=timezone.now)
    consented_at = models.DateTimeField(
        null=True, blank=True, help_text="When the member accepted that the session is recorded."
    )
    # Set once, by a conditional UPDATE, just before the reminder is sent: never twice.
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="groups_one_rsvp_per_member")
        ]
        indexes = [models.Index(fields=["session", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.member} {self.status}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A member's private calendar address. The token is the only secret: resetting it makes
    the old address answer 404."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="group_calendar_feed",
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    show_titles = models.BooleanField(
        default=False, help_text="Show group names in my calendar (off: a neutral title)."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reset_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return "Calendar feed"


class Recording(models.Model):
    """The recording of a past session: our own file or a YouTube/Vimeo link (loaded only after
    a click), with a transcript and chapter markers. Members only."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="recording")
    video_file = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="An .mp4 or .webm file, served by this site.",
    )
    captions_file = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Captions for the video file (.vtt).",
    )
    external_video_url = models.URLField(
        blank=True, help_text="Or a YouTube or Vimeo link, loaded only when the member chooses."
    )
    summary = models.TextField(blank=True)
    chapters = models.TextField(
        blank=True,
        help_text='One chapter a line: a time, then a title. For example "12:30 Planning a '
        'reward".',
    )
    transcript = models.TextField(
        help_text='Plain text. Start a line with a name and a colon ("Facilitator: ...") for '
        "a speaker; a blank line between turns."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("session"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("video_file"),
                FieldPanel("captions_file"),
                FieldPanel("external_video_url"),
            ],
            heading="Video (optional: a transcript alone is fine)",
        ),
        FieldPanel("chapters"),
        FieldPanel("transcript"),
    ]

    class Meta:
        ordering = ["-session__starts_at"]

    def __str__(self) -> str:
        return f"Recording: {self.session}"

    @property
    def external_video(self) -> ExternalVideo | None:
        if self.video_file_id or not self.external_video_url:
            return None
        return parse_external_video(self.external_video_url)

    def clean(self) -> None:
        from kindred.groups.recordings import ChapterError, parse_chapters

        super().clean()
        if self.external_video_url and parse_external_video(self.external_video_url) is None:
            raise ValidationError(
                {"external_video_url": "Use a https:// link to a YouTube or Vimeo video."}
            )
        try:
            parse_chapters(self.chapters)
        except ChapterError as error:
            raise ValidationError({"chapters": str(error)}) from error


class GroupNotice(models.Model):
    """An in-app notice to a member about a session: moved, cancelled, a place opened, or a
    message from the facilitator (staff-written; never member text)."""

    class Kind(models.TextChoices):
        MESSAGE = "message", "A message from your group's facilitator"
        MOVED = "moved", "A session you signed up for has a new time"
        CANCELLED = "cancelled", "A session you signed up for was cancelled"
        PROMOTED = "promoted", "A place opened up: you are now going"

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_notices"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["member", "read_at"])]

    def __str__(self) -> str:
        return str(self.Kind(self.kind).label)
