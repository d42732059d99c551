import io
import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(lines: list[str]) -> list[dict]:
    out = io.StringIO()
    call_command("coach", "--jsonl", stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_each_line_gets_one_answer_in_order():
    text = "You never listen. I'm worried about you and I could come with you on Monday."
    results = run(
        [
            json.dumps({"text": text}),
            "{not json",
            json.dumps({"message": "no text key"}),
            json.dumps(["a list"]),
            json.dumps({"text": 42}),
            "",
            json.dumps({"text": "Thanks for fixing the fence, it looks great."}),
        ]
    )
    assert len(results) == 7
    first = results[0]
    assert set(first) == {"may_hurt", "score", "pius", "pitfalls", "strengths", "crisis"}
    assert 0 <= first["score"] <= 100
    assert first["crisis"] is None
    for finding in first["pitfalls"] + first["strengths"]:
        assert text[finding["start"] : finding["end"]] == finding["excerpt"]
    assert {"kind", "start", "end", "excerpt", "why", "try_instead"} <= set(first["pitfalls"][0])
    assert "absolute" in {f["kind"] for f in first["pitfalls"]}
    assert "offer_help" in {f["kind"] for f in first["strengths"]}
    for bad in results[1:6]:
        assert set(bad) == {"error"}
    assert results[6]["pius"]["positive"] is True


def test_offsets_are_python_indices_with_emoji_and_accents():
    text = "😔 Tu nunca escuchas. You never call me back 🙏"
    [result] = run([json.dumps({"text": text})])
    for finding in result["pitfalls"] + result["strengths"]:
        assert text[finding["start"] : finding["end"]] == finding["excerpt"]


def test_a_crisis_line_carries_the_resources():
    [result] = run([json.dumps({"text": "I think he overdosed, he's not breathing"})])
    assert result["crisis"]["kind"] == "overdose"
    assert result["crisis"]["resources"][0]["phone"] == "911"


def test_the_command_needs_the_jsonl_flag():
    with pytest.raises(CommandError, match="--jsonl"):
        call_command("coach", stdin=io.StringIO(""), stdout=io.StringIO())
