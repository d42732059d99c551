"""Marking a knowledge check: feedback on every answer, never a fail."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class UnknownChoice(ValueError):
    """A posted choice id that is not one of the question's choices."""


@dataclass
class ChoiceView:
    id: str
    text: str
    correct: bool
    feedback: str


@dataclass
class QuestionResult:
    id: str
    question: str
    choices: list[ChoiceView]
    chosen: ChoiceView | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        return self.chosen is not None

    @property
    def is_correct(self) -> bool:
        return bool(self.chosen and self.chosen.correct)

    @property
    def correct_choices(self) -> list[ChoiceView]:
        return [choice for choice in self.choices if choice.correct]


def questions_of(lesson: Any) -> list[QuestionResult]:
    """The lesson's questions with stable ids for each question and choice."""
    questions = []
    for block in lesson.knowledge_check:
        if block.block_type != "question":
            continue
        choices = [
            ChoiceView(
                id=str(item.id),
                text=item.value["text"],
                correct=bool(item.value["correct"]),
                feedback=item.value["feedback"],
            )
            for item in block.value["choices"].bound_blocks
        ]
        questions.append(
            QuestionResult(id=block.id, question=block.value["question"], choices=choices)
        )
    return questions


def mark(lesson: Any, answers: Mapping[str, str]) -> list[QuestionResult]:
    """Feedback for each answered question. ``answers`` maps question id → choice id.

    Raises UnknownChoice when a posted choice does not belong to its question (a stale or
    tampered form); unanswered questions simply get no feedback.
    """
    results = questions_of(lesson)
    for result in results:
        chosen_id = answers.get(f"question-{result.id}")
        if not chosen_id:
            continue
        chosen = next((choice for choice in result.choices if choice.id == chosen_id), None)
        if chosen is None:
            raise UnknownChoice(chosen_id)
        result.chosen = chosen
    return results
