"""Members' questions (private, encrypted) and their published, anonymised versions."""

from .pages import QuestionIndexPage, QuestionPage, TaggedQuestion
from .private import (
    AccessRecord,
    EmailPreference,
    InternalNote,
    Message,
    Notification,
    Question,
    ReplyTemplate,
)

__all__ = [
    "AccessRecord",
    "EmailPreference",
    "InternalNote",
    "Message",
    "Notification",
    "Question",
    "QuestionIndexPage",
    "QuestionPage",
    "ReplyTemplate",
    "TaggedQuestion",
]
