"""A small program tree for the learning tests (the demo curriculum is tested on its own)."""

from __future__ import annotations

from typing import Any

import pytest

from kindred.learning.demo_loader import load_module, load_program
from kindred.learning.models import LessonPage, ModulePage, ProgramPage
from kindred.learning.tests.builders import module_data


@pytest.fixture
def program(home_page: Any) -> ProgramPage:
    """/learn/ with "basics" (3 lessons), then "safety" (2 lessons, the safety module)."""
    program = load_program(home_page)
    load_module(program, module_data("basics", 3))
    load_module(program, module_data("safety", 2, procedure=3, safety=True))
    return program


@pytest.fixture
def basics(program: ProgramPage) -> ModulePage:
    return ModulePage.objects.get(slug="basics")


@pytest.fixture
def safety(program: ProgramPage) -> ModulePage:
    return ModulePage.objects.get(slug="safety")


@pytest.fixture
def lesson(basics: ModulePage) -> LessonPage:
    return LessonPage.objects.child_of(basics).order_by("path").first()
