"""Every email allauth sends is discreet: no substances, no addiction, only the site's name."""

import re
from pathlib import Path

import allauth
import pytest
from django.core import mail
from django.template.loader import render_to_string

from kindred.accounts.adapter import AccountAdapter
from kindred.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

FORBIDDEN = re.compile(
    r"addict|alcohol|drug|substance|opioid|stimulant|cannabis|benzo|recovery|treatment|"
    r"craft|overdose|rehab|sober|using",
    re.IGNORECASE,
)
ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"
OURS = Path(__file__).resolve().parents[1] / "templates"


def allauth_email_templates():
    return sorted(
        str(path.relative_to(ALLAUTH_TEMPLATES))
        for folder in ("account/email", "mfa/email")
        for path in (ALLAUTH_TEMPLATES / folder).glob("*.txt")
    )


@pytest.mark.parametrize("name", allauth_email_templates())
def test_every_allauth_email_template_is_ours_and_discreet(name):
    assert (OURS / name).exists(), f"{name} is not overridden"
    context = {
        "site_name": "Kindred",
        "email": "dana@example.com",
        "activate_url": "https://kindred.example/accounts/confirm-email/abc/",
        "password_reset_url": "https://kindred.example/accounts/password/reset/key/1-abc/",
        "signup_url": "https://kindred.example/accounts/signup/",
        "code": "ABC123",
        "from_email": "a@example.com",
        "to_email": "b@example.com",
        "deleted_email": "c@example.com",
        "ip": "203.0.113.9",
        "user_agent": "Firefox",
        "timestamp": "now",
    }
    text = render_to_string(name, context)
    assert not FORBIDDEN.search(text), text
    assert "127.0.0.1" not in text and "testserver" not in text
    if name.endswith("_subject.txt"):
        assert "Kindred" in text


def sent_emails(action):
    mail.outbox.clear()
    action()
    return [(m.subject, m.body) for m in mail.outbox]


def test_the_emails_of_every_flow_are_discreet(client, alice, settings):
    strong = "a-long-and-unusual-passphrase-42"
    emails = []
    emails += sent_emails(
        lambda: client.post(
            "/accounts/signup/",
            {
                "email": "dana@example.com",
                "pseudonym": "Dana",
                "password1": strong,
                "password2": strong,
            },
        )
    )
    emails += sent_emails(lambda: client.post("/accounts/password/reset/", {"email": alice.email}))
    emails += sent_emails(
        lambda: client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
    )
    client.post("/accounts/login/", {"login": alice.email, "password": TEST_PASSWORD})
    emails += sent_emails(
        lambda: client.post(
            "/accounts/password/change/",
            {"oldpassword": TEST_PASSWORD, "password1": strong, "password2": strong},
        )
    )
    emails += sent_emails(
        lambda: client.post(
            "/accounts/email/", {"action_add": "", "email": "alice.new@example.com"}
        )
    )
    subjects = [subject for subject, _ in emails]
    assert "Confirm your email for Kindred" in subjects
    assert "Reset your Kindred password" in subjects
    assert "Your Kindred sign-in request" in subjects
    assert "Your Kindred password was changed" in subjects
    assert len(emails) >= 5
    for subject, body in emails:
        assert not FORBIDDEN.search(subject + body), (subject, body)


def test_subjects_carry_no_prefix_and_name_the_site():
    adapter = AccountAdapter()
    assert adapter.format_email_subject("Reset your Kindred password") == (
        "Reset your Kindred password"
    )
