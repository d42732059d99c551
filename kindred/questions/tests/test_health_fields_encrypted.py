"""Health answers (relationship, substances, duration) are encrypted at rest (finding 8)."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.db import connection

from kindred.accounts.models import Profile
from kindred.core.encrypt_columns import encrypt_columns
from kindred.questions import services
from kindred.questions.models import Question

pytestmark = pytest.mark.django_db

PLAIN = ("parent", "alcohol", "opioids", "under_2_years")


def raw_row(model: Any, pk: Any, columns: list[str]) -> list[str]:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM {table} WHERE {model._meta.pk.column} = %s",  # noqa: S608
            [model._meta.pk.get_db_prep_value(pk, connection)],
        )
        return [str(value) for value in cursor.fetchone()]


def test_a_questions_health_answers_are_ciphertext_in_the_database(alice: Any) -> None:
    question, _ = services.question_submit(
        member=alice,
        fields=services.QuestionFields(
            title="Evenings",
            body="How do I start?",
            relationship="parent",
            substances=("alcohol", "opioids"),
            duration="under_2_years",
        ),
    )
    raw = raw_row(Question, question.pk, ["relationship", "substances", "duration"])
    assert all(value.startswith("kv1$") for value in raw), raw
    assert not any(word in " ".join(raw) for word in PLAIN)
    fresh = Question.objects.get(pk=question.pk)
    assert (fresh.relationship, fresh.substances, fresh.duration) == (
        "parent",
        ["alcohol", "opioids"],
        "under_2_years",
    )


def test_a_profiles_health_answers_are_ciphertext_in_the_database(alice: Any) -> None:
    Profile.objects.create(user=alice, relationship="parent", substances=["alcohol"])
    raw = raw_row(Profile, alice.pk, ["relationship", "substances"])
    assert all(value.startswith("kv1$") for value in raw), raw
    profile = Profile.objects.get(pk=alice.pk)
    assert (profile.relationship, profile.substances) == ("parent", ["alcohol"])


def test_the_choices_are_still_validated(alice: Any) -> None:
    from django.core.exceptions import ValidationError

    profile = Profile(user=alice, relationship="not-a-choice")
    with pytest.raises(ValidationError):
        profile.full_clean()


class _Editor:
    connection = connection


def test_the_data_migration_seals_plain_rows_and_can_undo_it(alice: Any) -> None:
    profile = Profile.objects.create(user=alice)
    table = Profile._meta.db_table
    with connection.cursor() as cursor:  # a row as the old plain columns held it
        cursor.execute(
            f"UPDATE {table} SET relationship = %s, substances = %s WHERE user_id = %s",  # noqa: S608
            ["partner", '["cannabis"]', alice.pk],
        )
    migration = encrypt_columns("accounts", "profile", ["relationship", "substances"])
    migration.code(apps, _Editor())  # type: ignore[arg-type]
    raw = raw_row(Profile, profile.pk, ["relationship", "substances"])
    assert all(value.startswith("kv1$") for value in raw) and "partner" not in raw[0]
    profile = Profile.objects.get(pk=alice.pk)
    assert (profile.relationship, profile.substances) == ("partner", ["cannabis"])
    migration.code(apps, _Editor())  # type: ignore[arg-type]  # a second run changes nothing
    assert raw_row(Profile, profile.pk, ["relationship", "substances"]) == raw

    migration.reverse_code(apps, _Editor())  # type: ignore[arg-type,misc]
    assert raw_row(Profile, profile.pk, ["relationship", "substances"]) == [
        "partner",
        '["cannabis"]',
    ]
