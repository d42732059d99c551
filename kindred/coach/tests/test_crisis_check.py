import logging

import pytest

from kindred.coach.crisis import check_for_crisis

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "kind", "line"),
    [
        ("He's on the bathroom floor, not breathing, his lips are blue", "overdose", None),
        ("My daughter told me tonight she wants to kill herself", "suicide", "988"),
        ("He hit me again last night and I'm scared to go home", "violence", "88788"),
    ],
)
def test_a_crisis_brings_the_matching_help(text, kind, line):
    alert = check_for_crisis(text)
    assert alert is not None
    assert alert.kind == kind
    assert alert.emergency_number == "911"
    resources = alert.resources()
    assert resources[0]["tel"] == "tel:911"
    if line:
        assert any(line in f"{r['phone']} {r['sms_number']}" for r in resources)
    if kind == "overdose":
        assert any("naloxone" in step for step in alert.overdose_steps)


@pytest.mark.parametrize(
    "text",
    [
        "",
        None,
        "This traffic is killing me.",
        "My phone died so I couldn't call you back.",
        "I nearly died laughing at your card, thank you!",
    ],
)
def test_ordinary_words_are_not_a_crisis(text):
    assert check_for_crisis(text) is None


def test_the_check_logs_nothing_about_the_text(caplog):
    caplog.set_level(logging.DEBUG)
    check_for_crisis("She took a whole bottle of pills and won't wake up")
    assert "pills" not in caplog.text


def test_a_possible_crisis_is_shown_calmly(monkeypatch):
    from django.template.loader import render_to_string

    from kindred.coach import crisis as crisis_module
    from kindred.coach.engine.results import CrisisFinding

    monkeypatch.setattr(
        crisis_module, "detect_crisis", lambda text: CrisisFinding("suicide", 0, 4, possible=True)
    )
    alert = check_for_crisis("some words")
    assert alert is not None and alert.possible and alert.kind == "suicide"
    assert alert.heading.startswith("If this is happening now")
    assert any("988" in f"{r['phone']} {r['sms_number']}" for r in alert.resources())
    html = render_to_string("coach/includes/crisis_panel.html", {"crisis": alert})
    assert 'role="status"' in html and 'data-crisis-possible="true"' in html
    assert "If this is happening now" in html


def test_a_confirmed_crisis_is_an_alert():
    from django.template.loader import render_to_string

    alert = check_for_crisis("She told me she wants to go to sleep and not wake up.")
    assert alert is not None and alert.kind == "suicide" and not alert.possible
    html = render_to_string("coach/includes/crisis_panel.html", {"crisis": alert})
    assert 'role="alert"' in html and "data-crisis-possible" not in html
