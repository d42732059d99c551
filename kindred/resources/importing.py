"""Load listings from a CSV or JSON file (``manage.py import_resources``; format in
docs/resources.md).

Every row is checked first, without writing anything, and becomes a plan: create, update (with
the fields that change) or unchanged; or an error with its line. ``--dry-run`` stops there.
Otherwise each row is written in its own transaction (the page, its facets, its revision), so
a row is never half-written, a bad row is skipped without undoing the good ones, and running
the same file again changes nothing. Rows are matched by ``external_id``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import slugify

from kindred.resources.choices import Coverage, ForWhom, Kind
from kindred.resources.models import RESERVED_SLUGS, Facet, ResourceIndexPage, ResourcePage
from kindred.resources.selectors import FACET_FIELDS

SCALAR_FIELDS = {
    # column -> model field
    "name": "title",
    "kind": "kind",
    "for_whom": "for_whom",
    "description": "description",
    "keywords": "keywords",
    "phone": "phone",
    "text": "text_contact",
    "website": "website",
    "hours": "hours",
    "address": "address",
    "city": "city",
    "state": "state",
    "zip_code": "zip_code",
    "coverage": "coverage",
    "states": "covered_states",
    "radius_miles": "radius_miles",
    "last_verified": "last_verified",
    "demo": "is_demo",
}
LIST_COLUMNS = {"approaches", "formats", "languages", "communities", "costs", "states"}
# Columns the model fills or keeps: not compared with what the file says.
TREE_FIELDS = [
    "path", "depth", "numchild", "url_path", "slug", "content_type", "draft_title",
    "live_revision", "latest_revision", "locale", "translation_key", "owner", "locked_by",
]  # fmt: skip
COMPARED = [f for f in SCALAR_FIELDS.values()] + ["latitude", "longitude"]


class ImportFileError(ValueError):
    """The file cannot be read at all (not CSV or JSON, no header, not a list)."""


@dataclass
class RowPlan:
    line: str  # "line 4" (CSV) or "item 3" (JSON)
    external_id: str
    action: str = "error"  # create, update, unchanged, error
    changes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    facets: dict[str, list[str]] = field(default_factory=dict)
    existing: ResourcePage | None = None

    def describe(self) -> str:
        head = f"{self.line} ({self.external_id or 'no external_id'})"
        if self.action == "error":
            return f"{head}: skipped: {'; '.join(self.errors)}"
        if self.action == "update":
            return f"{head}: update {', '.join(self.changes)}"
        return f"{head}: {self.action}"


def read_rows(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """(where, row) pairs from a .csv or .json file."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ImportFileError(f"Not valid JSON: {error}") from error
        if isinstance(data, dict):
            data = data.get("resources")
        if not isinstance(data, list):
            raise ImportFileError('JSON must be a list of entries, or {"resources": [...]}.')
        return [
            (f"item {n}", item if isinstance(item, dict) else {"__invalid__": item})
            for n, item in enumerate(data, start=1)
        ]
    if path.suffix.lower() != ".csv":
        raise ImportFileError("The file must end in .csv or .json.")
    reader = csv.DictReader(text.splitlines(keepends=True))
    if not reader.fieldnames or "external_id" not in reader.fieldnames:
        raise ImportFileError("The CSV file needs a header row with an external_id column.")
    rows = []
    for row in reader:
        rows.append((f"line {reader.line_num}", {k: v for k, v in row.items() if k is not None}))
    return rows


def _as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).replace(",", ";").split(";") if part.strip()]


def _as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"1", "true", "yes", "y"}


def _parse(
    where: str, row: dict[str, Any], vocabulary: dict[str, set[str]], today: dt.date
) -> RowPlan:
    plan = RowPlan(line=where, external_id=str(row.get("external_id", "") or "").strip())
    if "__invalid__" in row:
        plan.errors.append("each entry must be an object")
        return plan
    if not plan.external_id:
        plan.errors.append("external_id is missing")
    for column in ("name", "kind", "description"):
        if not str(row.get(column, "") or "").strip():
            plan.errors.append(f"{column} is missing")
    values: dict[str, Any] = {}
    for column, field_name in SCALAR_FIELDS.items():
        if column not in row or row[column] is None:
            continue
        raw = row[column]
        if column in LIST_COLUMNS:
            values[field_name] = ",".join(s.upper() for s in _as_list(raw))
        elif column == "demo":
            values[field_name] = _as_bool(raw)
        elif column == "radius_miles":
            if str(raw).strip() == "":
                continue
            try:
                values[field_name] = int(str(raw).strip())
            except ValueError:
                plan.errors.append(f"radius_miles must be a whole number, not “{raw}”")
        elif column == "last_verified":
            if str(raw).strip() == "":
                continue
            try:
                values[field_name] = dt.date.fromisoformat(str(raw).strip())
            except ValueError:
                plan.errors.append(f"last_verified must be a date like 2026-05-31, not “{raw}”")
        else:
            values[field_name] = str(raw).strip()
    if values.get("kind") and values["kind"] not in Kind.values:
        plan.errors.append(f"kind “{values['kind']}” is not one of {', '.join(Kind.values)}")
    # An empty cell (a CSV column left blank) means the default, like a missing column.
    values["for_whom"] = values.get("for_whom") or ForWhom.BOTH
    if values["for_whom"] not in ForWhom.values:
        plan.errors.append(f"for_whom must be one of {', '.join(ForWhom.values)}")
    values["coverage"] = values.get("coverage") or Coverage.NATIONAL
    if values["coverage"] not in Coverage.values:
        plan.errors.append(f"coverage must be one of {', '.join(Coverage.values)}")
    if values.get("last_verified") and values["last_verified"] > today:
        plan.errors.append("last_verified is in the future")
    for group, field_name in FACET_FIELDS.items():
        if field_name not in row:
            continue
        slugs = _as_list(row[field_name])
        unknown = [s for s in slugs if s not in vocabulary.get(group, set())]
        if unknown:
            plan.errors.append(f"{field_name}: unknown {', '.join(unknown)}")
        plan.facets[group] = sorted(set(slugs) - set(unknown))
    plan.values = values
    return plan


def _candidate(plan: RowPlan, today: dt.date) -> ResourcePage:
    """The entry as it would be after this row, checked like the admin checks it."""
    if plan.existing is not None:
        page = ResourcePage.objects.get(pk=plan.existing.pk)
    else:
        page = ResourcePage(external_id=plan.external_id, last_verified=today)
    for name, value in plan.values.items():
        setattr(page, name, value)
    page.clean_fields(exclude=TREE_FIELDS)
    page.clean_resource()
    return page


def plan_import(rows: Iterable[tuple[str, dict[str, Any]]]) -> list[RowPlan]:
    """What importing ``rows`` would do, row by row. Reads the database; writes nothing."""
    today = timezone.localdate()
    vocabulary: dict[str, set[str]] = {}
    for facet in Facet.objects.all():
        vocabulary.setdefault(facet.group, set()).add(facet.slug)
    plans = [_parse(where, row, vocabulary, today) for where, row in rows]
    ids = [p.external_id for p in plans if p.external_id]
    existing = {
        page.external_id: page
        for page in ResourcePage.objects.filter(external_id__in=ids).prefetch_related(
            *FACET_FIELDS.values()
        )
    }
    seen: set[str] = set()
    for plan in plans:
        if plan.external_id in seen:
            plan.errors.append("the same external_id appears earlier in the file")
        seen.add(plan.external_id)
        if plan.errors:
            plan.action = "error"
            continue
        plan.existing = existing.get(plan.external_id)
        try:
            candidate = _candidate(plan, today)
        except ValidationError as error:
            plan.errors += [
                f"{name}: {' '.join(msgs)}" for name, msgs in error.message_dict.items()
            ]
            plan.action = "error"
            continue
        plan.values = {name: getattr(candidate, name) for name in COMPARED}
        if plan.existing is None:
            plan.action = "create"
            continue
        old = plan.existing
        plan.changes = [
            name
            for name in COMPARED
            if name in plan.values and getattr(old, name) != plan.values[name]
        ]
        for group, slugs in plan.facets.items():
            current = sorted(f.slug for f in getattr(old, FACET_FIELDS[group]).all())
            if current != slugs:
                plan.changes.append(FACET_FIELDS[group])
        plan.action = "update" if plan.changes else "unchanged"
    return plans


def resource_index() -> ResourceIndexPage:
    """The /resources/ page that entries live under, created under the home page if missing."""
    from kindred.content.models import HomePage

    index = ResourceIndexPage.objects.first()
    if index is not None:
        return index
    home = HomePage.objects.first()
    if home is None:
        raise ImportFileError("There is no home page yet: run migrate and load_demo first.")
    index = ResourceIndexPage(title="Recovery resources", slug="resources")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def _unique_slug(name: str, taken: set[str]) -> str:
    base = slugify(name)[:200] or "resource"
    slug, n = base, 2
    while slug in taken or slug in RESERVED_SLUGS:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def apply_import(plans: list[RowPlan], user: Any = None) -> list[RowPlan]:
    """Write the planned creates and updates, one transaction per row, published at once.

    A row the database refuses while it is written (a constraint, a full disk) is rolled back
    whole, marked as an error, and the other rows carry on. Returns the rows that failed so.
    """
    writes = [p for p in plans if p.action in ("create", "update")]
    if not writes:
        return []
    index = resource_index()
    taken = set(index.get_children().values_list("slug", flat=True))
    facets = {(f.group, f.slug): f for f in Facet.objects.all()}
    failed = []
    for plan in writes:
        try:
            _write_row(plan, index, taken, facets, user)
        except (DatabaseError, ValidationError) as error:
            plan.action = "error"
            plan.errors.append(f"could not be saved ({error})")
            failed.append(plan)
    return failed


@transaction.atomic
def _write_row(
    plan: RowPlan,
    index: ResourceIndexPage,
    taken: set[str],
    facets: dict[tuple[str, str], Facet],
    user: Any,
) -> None:
    if plan.existing is None:
        page = ResourcePage(external_id=plan.external_id)
        page.slug = _unique_slug(str(plan.values["title"]), taken)
    else:
        page = ResourcePage.objects.get(pk=plan.existing.pk)
    for name, value in plan.values.items():
        setattr(page, name, value)
    for group, slugs in plan.facets.items():
        getattr(page, FACET_FIELDS[group]).set([facets[(group, s)] for s in slugs])
    if plan.existing is None:
        index.add_child(instance=page)
    page.save_revision(user=user, log_action=True).publish(user=user)
