"""The toolkit's foundation: the home page, the chart module and the shared autosave."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from django.test import Client

from kindred.toolkit.charts import Chart, Datum
from kindred.toolkit.tools import tools


@pytest.fixture
def member_client(client: Client, alice) -> Client:  # type: ignore[no-untyped-def]
    client.force_login(alice)
    return client


def test_the_home_lists_every_tool_privately(member_client: Client) -> None:
    response = member_client.get("/toolkit/")
    assert response.status_code == 200
    for tool in tools():
        assert tool.title in response.text
        assert tool.url in response.text
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_home_is_for_members(client: Client, carol) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/toolkit/").status_code == 302
    client.force_login(carol)
    response = client.get("/toolkit/")
    assert response.status_code == 302
    assert response["Location"] == "/my/join/"


def test_an_empty_chart_says_so_and_draws_nothing() -> None:
    chart = Chart(key="c", title="T", summary="S", category_label="a", value_label="b")
    assert chart.is_empty
    assert chart.bars() == [] and chart.points() == []


def test_a_bar_chart_scales_to_its_tallest_bar() -> None:
    chart = Chart(
        key="c",
        title="T",
        summary="S",
        category_label="a",
        value_label="b",
        data=[Datum("one", 1), Datum("four", 4), Datum("zero", 0)],
    )
    bars = chart.bars()
    assert [bar.height for bar in bars][2] == 0
    tallest = chart.plot_bottom - 14  # TOP
    assert bars[1].height == pytest.approx(tallest)
    assert bars[0].height == pytest.approx(tallest / 4)
    assert [tick.label for tick in chart.ticks()] == ["0", "1", "2", "3", "4"]


def test_autosave_refuses_an_unknown_tool(member_client: Client) -> None:
    response = member_client.post(
        "/api/toolkit/autosave/nothing",
        json.dumps({"record_id": str(uuid.uuid4()), "fields": {}}),
        content_type="application/json",
    )
    assert response.status_code == 404


def test_the_demo_member_gets_a_toolkit(db) -> None:  # type: ignore[no-untyped-def]
    from kindred.accounts import demo as accounts_demo
    from kindred.toolkit import demo
    from kindred.toolkit.models import (
        FunctionalAnalysis,
        Reward,
        RewardGiven,
        SafetyPlan,
        TrackerDay,
        Used,
    )

    accounts_demo.load()
    member = accounts_demo.demo_member()
    demo.load_demo()
    demo.load_demo()  # idempotent
    days = TrackerDay.objects.filter(member=member)
    assert 30 <= days.count() <= 42
    span = max(d.day for d in days) - min(d.day for d in days)
    assert span.days >= 35
    used = {d.used for d in days}
    assert Used.NO in used and Used.YES in used
    from kindred.toolkit.services.tracker import member_today

    assert max(d.day for d in days) <= member_today(member)
    assert max(d.day for d in days) >= member_today(member) - dt.timedelta(days=2)
    # A realistic pattern: use clusters at the weekend (Friday, Saturday) and has triggers.
    weekend = [d for d in days if d.day.weekday() in (4, 5)]
    weekdays = [d for d in days if d.day.weekday() not in (4, 5)]

    def rate(rows: list[TrackerDay]) -> float:
        return sum(1 for d in rows if d.used == Used.YES) / len(rows)

    assert rate(weekend) > rate(weekdays)
    assert any(d.tags for d in days if d.used == Used.YES)
    assert FunctionalAnalysis.objects.filter(member=member).count() == 1
    assert Reward.objects.filter(member=member).count() == 3
    assert RewardGiven.objects.filter(member=member).exists()
    assert SafetyPlan.objects.get(member=member).safe_places
    assert demo.is_loaded()
