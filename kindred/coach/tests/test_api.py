import json
import logging

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db
URL = "/api/coach/analyze"


def post(client, payload, **extra):
    return client.post(URL, data=json.dumps(payload), content_type="application/json", **extra)


def test_anonymous_visitors_are_refused(client):
    assert post(client, {"text": "hello"}).status_code == 401


def test_a_member_gets_the_analysis(client, alice):
    client.force_login(alice)
    text = "You always ruin dinner. I'm sorry I yelled; tell me what would help."
    response = post(client, {"text": text})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"may_hurt", "score", "pius", "pitfalls", "strengths", "crisis"}
    assert body["may_hurt"] is True
    assert set(body["pius"]) == {
        "positive",
        "i_statement",
        "understanding",
        "shared_responsibility",
        "offer_help",
    }
    kinds = {f["kind"] for f in body["pitfalls"] + body["strengths"]}
    assert {"absolute", "shared_responsibility", "offer_help"} <= kinds
    for finding in body["pitfalls"] + body["strengths"]:
        assert text[finding["start"] : finding["end"]] == finding["excerpt"]


def test_a_crisis_comes_with_resources(client, alice):
    client.force_login(alice)
    body = post(client, {"text": "she said she wants to end her life tonight"}).json()
    assert body["crisis"]["kind"] == "suicide"
    assert any(r["phone"] == "988" for r in body["crisis"]["resources"])


def test_more_than_5000_characters_gets_a_clear_413(client, alice):
    client.force_login(alice)
    response = post(client, {"text": "a" * 5001})
    assert response.status_code == 413
    assert "5,000" in response.json()["error"]
    assert post(client, {"text": "a" * 5000}).status_code == 200


@pytest.mark.parametrize("payload", [{}, {"text": None}, {"text": ["list"]}])
def test_a_missing_or_wrong_text_is_a_422(client, alice, payload):
    client.force_login(alice)
    assert post(client, payload).status_code == 422


def test_a_body_that_is_not_json_is_refused(client, alice):
    client.force_login(alice)
    response = client.post(URL, data="text=hello", content_type="application/json")
    assert 400 <= response.status_code < 500


@override_settings(KINDRED_COACH_RATE_LIMIT=(3, 60))
def test_each_member_is_rate_limited_on_their_own(client, alice, bob):
    client.force_login(alice)
    codes = [post(client, {"text": "hi"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    other = Client()
    other.force_login(bob)
    assert post(other, {"text": "hi"}).status_code == 200


def test_csrf_is_required_for_the_session(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert post(client, {"text": "hi"}).status_code == 403


def test_the_text_is_never_logged(client, alice, caplog):
    caplog.set_level(logging.DEBUG)
    client.force_login(alice)
    post(client, {"text": "my son Theo drinks at the quarry"})
    assert "Theo" not in caplog.text


def test_the_openapi_schema_documents_the_endpoint(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    operation = schema["paths"]["/api/coach/analyze"]["post"]
    assert {"200", "413", "429"} <= set(operation["responses"])
    assert "AnalysisOut" in json.dumps(schema)


def test_the_interactive_docs_use_our_own_files(client):
    response = client.get("/api/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn." not in html
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_a_person_without_membership_is_refused(client, carol):
    client.force_login(carol)
    response = post(client, {"text": "hello"})
    assert response.status_code == 403
    assert "member" in response.json()["error"]


def test_a_crisis_says_whether_it_is_only_possible(client, alice, monkeypatch):
    from kindred.coach.engine import rules as engine_rules

    class Unsure:
        threshold = 0.9

        def probability(self, text):
            return 0.6

    client.force_login(alice)
    body = post(client, {"text": "she said she wants to end her life tonight"}).json()
    assert body["crisis"]["possible"] is False
    monkeypatch.setattr(engine_rules, "load_stage", lambda lang: None)  # the older backstop
    monkeypatch.setattr(engine_rules, "load_crisis_model", lambda lang: Unsure())
    monkeypatch.setattr(engine_rules, "load_crisis_reader", lambda lang: None)  # round 20's
    body = post(client, {"text": "he keeps a gun in the truck"}).json()
    assert body["crisis"]["kind"] == "violence"
    assert body["crisis"]["possible"] is True
    assert body["crisis"]["resources"]


def test_may_hurt_is_false_for_a_kind_message(client, alice):
    client.force_login(alice)
    body = post(client, {"text": "I missed you tonight. Want to get tacos tomorrow?"}).json()
    assert body["may_hurt"] is False
