"""factory_boy factories shared by every app's tests."""

from __future__ import annotations

import datetime

import factory

from kindred.accounts.models import User

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    pseudonym = factory.Sequence(lambda n: f"Member{n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):  # type: ignore[no-untyped-def]
        if create:
            instance.save()


class VerifiedUserFactory(UserFactory):
    """A user whose email address is verified (what allauth requires before member pages)."""

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class SponsorshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "memberships.Sponsorship"

    name = factory.Sequence(lambda n: f"Sponsor {n}")
    seat_limit = 100
    valid_from = factory.LazyFunction(lambda: _today() - datetime.timedelta(days=30))
    valid_until = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=365))


class AccessCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "memberships.AccessCode"

    sponsorship = factory.SubFactory(SponsorshipFactory)
    code = factory.Sequence(lambda n: f"CODE-{n:04d}")


class MembershipFactory(factory.django.DjangoModelFactory):
    """An individual membership, active from today with no end date."""

    class Meta:
        model = "memberships.Membership"

    user = factory.SubFactory(VerifiedUserFactory)
    source = "individual"
    starts_on = factory.LazyFunction(lambda: _today())
    ends_on = None


def _today() -> datetime.date:
    from django.utils import timezone

    return timezone.localdate()


def helpline_block(
    name: str, phone: str = "", *, hours: str = "", situations: tuple[str, ...] = ()
) -> tuple[str, dict[str, object]]:
    """One "helpline" block for ``GetHelpSettings.helplines`` (no text number, no description)."""
    return (
        "helpline",
        {
            "name": name,
            "description": "",
            "phone": phone,
            "sms_number": "",
            "sms_body": "",
            "hours": hours,
            "situations": list(situations),
        },
    )
