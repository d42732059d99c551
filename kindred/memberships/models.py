"""Who may use the member areas: sponsorships with access codes, and memberships."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q


class Sponsorship(models.Model):
    """An organisation paying for members: a state agency, a treatment centre, a donor.

    Members join by redeeming one of its codes. ``seats_used`` is a counter updated under a row
    lock (kindred.memberships.services.code_redeem), so the seat limit holds under concurrency.
    """

    name = models.CharField("sponsor name", max_length=120)
    seat_limit = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many members it pays for. Empty: no limit."
    )
    seats_used = models.PositiveIntegerField(default=0, editable=False)
    valid_from = models.DateField(help_text="Codes can be redeemed from this day.")
    valid_until = models.DateField(
        null=True,
        blank=True,
        help_text="Last day codes can be redeemed; memberships end on it. Empty: no end.",
    )
    zip_codes = models.TextField(
        blank=True,
        help_text=(
            'For "free to residents of …": the ZIP codes that may redeem, separated by spaces '
            "or commas. Empty: anyone with a code."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def zip_code_list(self) -> list[str]:
        return [z for z in self.zip_codes.replace(",", " ").split() if z]

    @property
    def needs_zip_code(self) -> bool:
        return bool(self.zip_code_list)

    @property
    def seats_label(self) -> str:
        if self.seat_limit is None:
            return f"{self.seats_used} used (no limit)"
        return f"{self.seats_used} of {self.seat_limit} used"

    def is_open_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class AccessCode(models.Model):
    """A code a member types to join a sponsorship. Stored upper-case, compared upper-case."""

    sponsorship = models.ForeignKey(Sponsorship, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Membership(models.Model):
    """A member's right to use the member areas, from a sponsorship code or granted by an admin."""

    class Source(models.TextChoices):
        SPONSORSHIP = "sponsorship", "Sponsorship code"
        INDIVIDUAL = "individual", "Individual membership"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.INDIVIDUAL)
    sponsorship = models.ForeignKey(
        Sponsorship,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
    )
    code = models.ForeignKey(
        AccessCode, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text="Empty: no end date.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            # One redemption per member per sponsorship: redeeming twice is refused.
            models.UniqueConstraint(
                fields=["user", "sponsorship"],
                condition=Q(sponsorship__isnull=False),
                name="memberships_one_redemption_per_sponsorship",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} from {self.starts_on}"

    def is_active_on(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)
