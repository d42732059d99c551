"""manage.py import_resources: --dry-run writes nothing, a second run changes nothing, and a bad
row is reported by its CSV line or JSON item and skipped whole, in CSV and in JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import PageLogEntry, Revision

from kindred.resources.models import ResourcePage

pytestmark = pytest.mark.django_db

COLUMNS = [
    "external_id", "name", "kind", "for_whom", "description", "formats", "approaches",
    "coverage", "states", "zip_code", "radius_miles", "last_verified",
]  # fmt: skip
GOOD = [
    {
        "external_id": "t-helpline",
        "name": "Test Helpline",
        "kind": "helpline",
        "for_whom": "both",
        "description": "A line that answers every day.",
        "formats": "phone;online",
        "approaches": "",
        "coverage": "national",
        "states": "",
        "zip_code": "",
        "radius_miles": "",
        "last_verified": "2026-01-15",
    },
    {
        "external_id": "t-ohio",
        "name": "Test Ohio Group",
        "kind": "family-support",
        "for_whom": "family",
        "description": "Families meeting in Columbus.",
        "formats": "in-person",
        "approaches": "secular",
        "coverage": "area",
        "states": "",
        "zip_code": "43215",
        "radius_miles": "40",
        "last_verified": "2026-02-01",
    },
]
# Each is wrong in one way; none may land, not even in part.
BAD = [
    {"name": "No Id", "kind": "helpline", "description": "Missing its external id."},
    {"external_id": "t-bad-kind", "name": "Bad Kind", "kind": "spa", "description": "Unknown."},
    {
        "external_id": "t-bad-facet",
        "name": "Bad Facet",
        "kind": "helpline",
        "description": "Has one good and one unknown format.",
        "formats": "phone;carrier-pigeon",
    },
    {
        "external_id": "t-bad-zip",
        "name": "Bad Zip",
        "kind": "treatment-provider",
        "description": "An area with a ZIP code that does not exist.",
        "coverage": "area",
        "zip_code": "00000",
    },
    {
        "external_id": "t-bad-date",
        "name": "Bad Date",
        "kind": "helpline",
        "description": "A date nobody can read.",
        "last_verified": "31/05/2026",
    },
]


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_json(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps({"resources": rows}), encoding="utf-8")
    return path


def run(path: Path, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_resources", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def snapshot() -> dict[str, Any]:
    """Everything an import could touch, to compare before and after."""
    pages = {
        p.external_id: (
            p.title,
            p.kind,
            p.for_whom,
            p.description,
            p.coverage,
            p.zip_code,
            p.latitude,
            p.radius_miles,
            p.last_verified,
            p.live,
            p.latest_revision_id,
            sorted(f.slug for f in p.formats.all()),
            sorted(f.slug for f in p.approaches.all()),
        )
        for p in ResourcePage.objects.prefetch_related("formats", "approaches")
    }
    return {
        "pages": pages,
        "revisions": Revision.objects.count(),
        "log": PageLogEntry.objects.count(),
    }


@pytest.fixture
def csv_file(tmp_path: Path, home_page) -> Path:
    return write_csv(tmp_path / "resources.csv", GOOD)


def test_dry_run_changes_nothing(csv_file: Path) -> None:
    before = snapshot()
    out, _ = run(csv_file, "--dry-run")
    assert "line 2 (t-helpline): create" in out and "line 3 (t-ohio): create" in out
    assert "Dry run: nothing was changed. 2 to create" in out
    assert snapshot() == before and not ResourcePage.objects.exists()


def test_dry_run_of_an_update_shows_the_changes_and_writes_nothing(
    tmp_path: Path, csv_file: Path
) -> None:
    run(csv_file)
    changed = [dict(GOOD[0], description="New words."), GOOD[1]]
    before = snapshot()
    out, _ = run(write_csv(tmp_path / "changed.csv", changed), "--dry-run")
    assert "line 2 (t-helpline): update description" in out
    assert "0 to create, 1 to update, 1 unchanged" in out
    assert snapshot() == before
    assert ResourcePage.objects.get(external_id="t-helpline").description == GOOD[0]["description"]


def test_a_second_import_of_the_same_file_changes_nothing(csv_file: Path) -> None:
    out, _ = run(csv_file)
    assert "Imported: 2 to create" in out
    ohio = ResourcePage.objects.get(external_id="t-ohio")
    assert ohio.live and ohio.state == "OH" and ohio.latitude is not None
    assert [f.slug for f in ohio.approaches.all()] == ["secular"]
    before = snapshot()
    out, _ = run(csv_file)
    assert "0 to create, 0 to update, 2 unchanged, 0 skipped" in out
    assert snapshot() == before


def test_a_changed_row_updates_the_same_entry(tmp_path: Path, csv_file: Path) -> None:
    run(csv_file)
    pk = ResourcePage.objects.get(external_id="t-ohio").pk
    changed = [GOOD[0], dict(GOOD[1], formats="online", radius_miles="60")]
    out, _ = run(write_csv(tmp_path / "changed.csv", changed))
    assert "line 3 (t-ohio): update radius_miles, formats" in out
    ohio = ResourcePage.objects.get(external_id="t-ohio")
    assert ohio.pk == pk and ohio.radius_miles == 60
    assert [f.slug for f in ohio.formats.all()] == ["online"]
    assert ResourcePage.objects.count() == 2


def test_bad_csv_rows_are_reported_by_line_and_skipped_whole(tmp_path: Path, home_page) -> None:
    rows = [GOOD[0], *BAD, GOOD[1]]  # header is line 1: GOOD[0] line 2, BAD lines 3-7
    out, err = run(write_csv(tmp_path / "mixed.csv", rows))
    assert "line 3 (no external_id): skipped: external_id is missing" in err
    assert "line 4 (t-bad-kind): skipped: kind “spa” is not one of" in err
    assert "line 5 (t-bad-facet): skipped: formats: unknown carrier-pigeon" in err
    assert "line 6 (t-bad-zip): skipped: zip_code: We could not find the ZIP code 00000" in err
    assert "line 7 (t-bad-date): skipped: last_verified must be a date" in err
    assert "Imported: 2 to create, 0 to update, 0 unchanged, 5 skipped (errors)" in out
    assert set(ResourcePage.objects.values_list("external_id", flat=True)) == {
        "t-helpline",
        "t-ohio",
    }
    assert not ResourcePage.objects.filter(title__startswith="Bad").exists()


def test_bad_json_items_are_reported_by_item_and_skipped_whole(tmp_path: Path, home_page) -> None:
    good = [dict(GOOD[0], formats=["phone", "online"]), GOOD[1]]
    items: list[Any] = [good[0], *BAD, "not an object", good[1]]
    out, err = run(write_json(tmp_path / "mixed.json", items))
    assert "item 2 (no external_id): skipped: external_id is missing" in err
    assert "item 4 (t-bad-facet): skipped: formats: unknown carrier-pigeon" in err
    assert "item 5 (t-bad-zip): skipped" in err and "item 6 (t-bad-date): skipped" in err
    assert "item 7 (no external_id): skipped: each entry must be an object" in err
    assert "Imported: 2 to create, 0 to update, 0 unchanged, 6 skipped (errors)" in out
    helpline = ResourcePage.objects.get(external_id="t-helpline")
    assert sorted(f.slug for f in helpline.formats.all()) == ["online", "phone"]
    assert ResourcePage.objects.count() == 2


def test_a_bad_row_for_an_existing_entry_leaves_it_as_it_was(
    tmp_path: Path, csv_file: Path
) -> None:
    run(csv_file)
    before = snapshot()
    broken = dict(GOOD[1], formats="in-person;carrier-pigeon", description="Half of a change.")
    _, err = run(write_csv(tmp_path / "broken.csv", [GOOD[0], broken]))
    assert "line 3 (t-ohio): skipped: formats: unknown carrier-pigeon" in err
    assert snapshot() == before


def test_a_row_that_fails_while_being_written_leaves_nothing_behind(
    tmp_path: Path, home_page, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The write of each row is one transaction: a failure after the page and its facets are
    saved (here: publishing) rolls all of it back, and the other rows still land."""
    original = ResourcePage.save_revision

    def save_revision(self: ResourcePage, *args: Any, **kwargs: Any) -> Any:
        if self.external_id == "t-helpline":
            from django.db import DatabaseError

            raise DatabaseError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ResourcePage, "save_revision", save_revision)
    out, err = run(write_csv(tmp_path / "resources.csv", GOOD))
    assert "line 2 (t-helpline): skipped: could not be saved (disk full)" in err
    assert "Imported: 1 to create, 0 to update, 0 unchanged, 1 skipped (errors)" in out
    assert list(ResourcePage.objects.values_list("external_id", flat=True)) == ["t-ohio"]
    assert not ResourcePage.objects.filter(title="Test Helpline").exists()


def test_the_same_external_id_twice_in_one_file_is_refused(tmp_path: Path, home_page) -> None:
    _, err = run(write_csv(tmp_path / "twice.csv", [GOOD[0], dict(GOOD[0], name="Again")]))
    assert "line 3 (t-helpline): skipped: the same external_id appears earlier" in err
    assert list(ResourcePage.objects.values_list("title", flat=True)) == ["Test Helpline"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("r.txt", "external_id\n", "must end in .csv or .json"),
        ("r.csv", "name,kind\nA,helpline\n", "needs a header row with an external_id"),
        ("r.json", "{not json", "Not valid JSON"),
        ("r.json", '{"entries": []}', "JSON must be a list"),
    ],
)
def test_a_file_that_cannot_be_read_is_a_clear_error(
    tmp_path: Path, home_page, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run(path)
    assert not ResourcePage.objects.exists()
