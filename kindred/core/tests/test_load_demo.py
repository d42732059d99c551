import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from kindred.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from kindred.accounts.models import User
from kindred.content.models import HomePage

pytestmark = pytest.mark.django_db


def test_load_demo_refuses_to_run_with_debug_off():
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("load_demo")
    assert not User.objects.exists()


@override_settings(DEBUG=True)
def test_load_demo_creates_the_home_page_and_one_account_per_role(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert HomePage.objects.filter(live=True).count() == 1
    for email, _, _ in DEMO_ACCOUNTS:
        assert email in out
        assert User.objects.get(email=email).check_password(DEMO_PASSWORD)
    assert DEMO_PASSWORD in out
    assert User.objects.get(email="admin@example.com").is_superuser
    assert not User.objects.get(email="member@example.com").is_staff


@override_settings(DEBUG=True)
def test_load_demo_twice_keeps_the_data_and_adds_nothing(capsys):
    call_command("load_demo")
    member = User.objects.get(email="member@example.com")
    users = User.objects.count()  # the role accounts, and the demo askers of Ask a coach
    call_command("load_demo")
    assert "already loaded" in capsys.readouterr().out
    assert User.objects.count() == users
    assert User.objects.filter(email__in=[a[0] for a in DEMO_ACCOUNTS]).count() == len(
        DEMO_ACCOUNTS
    )
    assert HomePage.objects.count() == 1
    assert User.objects.get(email="member@example.com").pk == member.pk


def test_the_home_page_is_served_at_the_root(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert "You can help someone you love" in response.content.decode()
