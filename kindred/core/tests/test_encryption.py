import pytest
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from kindred.core.encryption import DecryptionError, KeyRing, generate_key, keyring
from kindred.core.fields import Sealed, binding
from kindred.testing.models import PrivateNote

SECRET = "He drank again on Friday and I found the bottle behind the boiler."


def raw_row(note: PrivateNote) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT body, extra FROM testing_privatenote WHERE id = %s",
            [note.pk.hex if connection.vendor == "sqlite" else note.pk],
        )
        return cursor.fetchone()


@pytest.mark.django_db
def test_the_database_never_holds_the_plain_text():
    note = PrivateNote.objects.create(body=SECRET)
    body, _ = raw_row(note)
    assert SECRET not in body
    assert "bottle" not in body
    assert body.startswith("kv1$" + keyring().newest_id + "$")


@pytest.mark.django_db
def test_values_come_back_as_written():
    note = PrivateNote.objects.create(body=SECRET, extra="émoji 🌱 and 中文")
    fresh = PrivateNote.objects.get(pk=note.pk)
    assert fresh.body == SECRET
    assert fresh.extra == "émoji 🌱 and 中文"
    fresh.title = "renamed"
    fresh.save()  # saving without reading the text keeps it intact
    assert PrivateNote.objects.get(pk=note.pk).body == SECRET


@pytest.mark.django_db
def test_deferred_and_empty_values():
    note = PrivateNote.objects.create(body=None)
    assert PrivateNote.objects.get(pk=note.pk).body is None
    assert PrivateNote.objects.defer("extra").get(pk=note.pk).extra == ""


@pytest.mark.django_db
def test_a_value_copied_to_another_row_does_not_open():
    first = PrivateNote.objects.create(body=SECRET)
    second = PrivateNote.objects.create(body="something else")
    body, _ = raw_row(first)
    PrivateNote.objects.filter(pk=second.pk).update(body=Sealed(body))
    with pytest.raises(DecryptionError):
        _ = PrivateNote.objects.get(pk=second.pk).body


@pytest.mark.django_db
def test_a_value_copied_to_another_column_does_not_open():
    note = PrivateNote.objects.create(body=SECRET, extra="x")
    body, _ = raw_row(note)
    PrivateNote.objects.filter(pk=note.pk).update(extra=Sealed(body))
    with pytest.raises(DecryptionError):
        _ = PrivateNote.objects.get(pk=note.pk).extra


@pytest.mark.django_db
def test_encrypted_text_cannot_be_filtered():
    with pytest.raises(FieldError, match="Unsupported lookup"):
        list(PrivateNote.objects.filter(body__icontains="bottle"))


@pytest.mark.django_db
def test_rotation_reseals_everything_under_the_newest_key(settings, capsys):
    old_key = settings.KINDRED_ENCRYPTION_KEYS[0]
    note = PrivateNote.objects.create(body=SECRET, extra="second")
    new_key = generate_key()
    settings.KINDRED_ENCRYPTION_KEYS = [new_key, old_key]
    # Old values still open while both keys are configured.
    assert PrivateNote.objects.get(pk=note.pk).body == SECRET
    call_command("rotate_encryption_keys")
    assert "2 value(s) re-encrypted" in capsys.readouterr().out
    body, extra = raw_row(note)
    assert KeyRing.key_id_of(body) == KeyRing.key_id_of(extra) == keyring().newest_id
    settings.KINDRED_ENCRYPTION_KEYS = [new_key]  # the old key can now be retired
    fresh = PrivateNote.objects.get(pk=note.pk)
    assert (fresh.body, fresh.extra) == (SECRET, "second")
    call_command("rotate_encryption_keys")
    assert "0 value(s) re-encrypted" in capsys.readouterr().out


@pytest.mark.django_db
def test_a_value_under_a_removed_key_fails_loudly(settings):
    note = PrivateNote.objects.create(body=SECRET)
    settings.KINDRED_ENCRYPTION_KEYS = [generate_key()]
    with pytest.raises(DecryptionError, match="no key"):
        _ = PrivateNote.objects.get(pk=note.pk).body


@pytest.mark.parametrize("bad", [[], ["short"], ["not base64 at all!!"]])
def test_bad_keys_are_refused_with_a_clear_message(bad):
    with pytest.raises(ImproperlyConfigured, match="KINDRED_ENCRYPTION_KEYS"):
        KeyRing.from_strings(bad)


def test_the_new_key_command_prints_a_usable_key(capsys):
    call_command("rotate_encryption_keys", "--new-key")
    key = capsys.readouterr().out.strip()
    ring = KeyRing.from_strings([key])
    assert ring.open(ring.seal("hello", "t.c.1"), "t.c.1") == "hello"


def test_the_system_check_refuses_an_auto_primary_key():
    from django.db import models
    from django.test.utils import isolate_apps

    from kindred.core.fields import EncryptedTextField

    with isolate_apps("kindred.testing"):

        class Unsafe(models.Model):  # noqa: DJ008
            body = EncryptedTextField()

            class Meta:
                app_label = "testing"

        errors = Unsafe._meta.get_field("body").check()
    assert [error.id for error in errors] == ["kindred.E001"]


@override_settings(KINDRED_ENCRYPTION_KEYS=["dGVzdC1vbmx5LWtpbmRyZWQta2V5LTMyLWJ5dGVzLi4="])
def test_same_text_encrypts_differently_each_time():
    ring = keyring()
    assert ring.seal("same", "t.c.1") != ring.seal("same", "t.c.1")


# --- Security issue 11: findings 6 and 8 ---------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_update_and_bulk_update_cannot_store_plain_text():
    note = PrivateNote.objects.create(title="n", body="sealed at first")
    with pytest.raises(ValueError, match="encrypted"):
        PrivateNote.objects.filter(pk=note.pk).update(body="plain text via update")
    note.body = "plain text via bulk_update"
    with pytest.raises(ValueError, match="encrypted"):
        PrivateNote.objects.bulk_update([note], ["body"])
    assert "plain text via" not in raw_row(note)[0]
    assert PrivateNote.objects.get().body == "sealed at first"


@pytest.mark.django_db
def test_update_may_empty_a_field_or_store_a_value_sealed_for_it():
    note = PrivateNote.objects.create(body="old")
    PrivateNote.objects.filter(pk=note.pk).update(body=None, extra="")
    assert PrivateNote.objects.get().body is None
    token = keyring().seal("new", binding(PrivateNote, "body", note.pk))
    PrivateNote.objects.filter(pk=note.pk).update(body=Sealed(token))
    assert PrivateNote.objects.get().body == "new"


@pytest.mark.django_db
def test_a_lone_surrogate_is_stored_as_a_replacement_character_not_a_crash():
    note = PrivateNote.objects.create(body="before \ud800 after")
    assert PrivateNote.objects.get(pk=note.pk).body == "before \ufffd after"
