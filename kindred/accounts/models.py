"""Kindred's user: signs in with an email address, is shown everywhere by a pseudonym."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower

from kindred.core.fields import EncryptedChoiceListField, EncryptedTextField


class KindredUserManager(UserManager["User"]):
    use_in_migrations = True

    def _create_user_object(self, username: Any, email: Any, password: Any, **extra: Any) -> User:
        email = self.normalize_email(email)
        user = self.model(email=email, **extra)
        user.password = ""
        if password is not None:
            user.set_password(password)
        else:
            user.set_unusable_password()
        return user

    def create_user(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        user = self._create_user_object(None, email, password, **extra)
        user.save(using=self._db)
        return user

    def create_superuser(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A member or a staff member. Real names are never asked for nor shown."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)
    pseudonym = models.CharField(
        max_length=40,
        help_text="The name shown to others instead of a real name.",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["pseudonym"]

    objects = KindredUserManager()  # type: ignore[misc]

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("pseudonym"), name="accounts_user_pseudonym_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.pseudonym

    def get_full_name(self) -> str:
        return self.pseudonym

    def get_short_name(self) -> str:
        return self.pseudonym


class Relationship(models.TextChoices):
    PARENT = "parent", "Parent"
    PARTNER = "partner", "Partner or spouse"
    SIBLING = "sibling", "Sibling"
    ADULT_CHILD = "adult_child", "Adult child"
    OTHER_FAMILY = "other_family", "Other family"
    FRIEND = "friend", "Friend"


class Substance(models.TextChoices):
    ALCOHOL = "alcohol", "Alcohol"
    OPIOIDS = "opioids", "Opioids"
    STIMULANTS = "stimulants", "Stimulants"
    CANNABIS = "cannabis", "Cannabis"
    BENZODIAZEPINES = "benzodiazepines", "Benzodiazepines"
    OTHER = "other", "Other"


class SafetyAnswer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT = "prefer_not", "Prefer not to say"


class Profile(models.Model):
    """What a member tells Kindred about themselves. Every answer is optional.

    The hopes and the safety answers are sensitive: they are encrypted at rest and shown only
    to the member.
    """

    # The user's key is the profile's key: encrypted values are bound to a key that exists
    # before the first save.
    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="profile", primary_key=True
    )
    # Health answers: encrypted at rest, never filtered on (docs/security.md, "Health fields").
    relationship = EncryptedTextField(choices=Relationship.choices, blank=True, default="")
    substances = EncryptedChoiceListField(default=list, blank=True)
    time_zone = models.CharField(max_length=64, blank=True)
    hopes = EncryptedTextField(blank=True)
    safety_afraid = EncryptedTextField(blank=True)
    safety_harmed = EncryptedTextField(blank=True)
    safety_weapons = EncryptedTextField(blank=True)
    onboarded_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    @property
    def substance_labels(self) -> list[str]:
        labels = dict(Substance.choices)
        return [str(labels[value]) for value in self.substances if value in labels]
