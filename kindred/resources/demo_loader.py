"""Demo data for the directory (development only): 31 real national resources (facts only,
our own descriptions) and 15 made-up local ones in Ohio, Oregon and North Carolina, marked as
demo data, from demo/resources.json, loaded with the importer (so it is idempotent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kindred.resources.importing import apply_import, plan_import, read_rows, resource_index
from kindred.resources.models import ResourcePage

DEMO_FILE = Path(__file__).resolve().parent / "demo" / "resources.json"
INTRODUCTION = (
    "<p>Help for your loved one and for you: fellowships, online meetings, helplines and ways "
    "to find treatment. Combine the filters, or enter a ZIP code to see what is near you.</p>"
)


def is_loaded() -> bool:
    return ResourcePage.objects.filter(external_id__startswith="kindred-demo-").exists()


def load(stdout: Any = None) -> None:
    from kindred.content.models import HomePage

    if not HomePage.objects.exists():
        return
    index = resource_index()
    if not index.introduction:
        index.introduction = INTRODUCTION
        index.save_revision().publish()
    plans = plan_import(read_rows(DEMO_FILE))
    apply_import(plans)
    if stdout is not None:
        created = sum(p.action == "create" for p in plans)
        stdout.write(f"Resources: {created} directory entries added.")
    errors = [p.describe() for p in plans if p.action == "error"]
    if errors:
        raise RuntimeError("Demo resources did not import: " + "; ".join(errors))
