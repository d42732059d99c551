"""Coaches write replies in Markdown; what reaches a page is HTML cleaned by nh3.

Only p, br, strong, em, ul, ol, li, blockquote and links (http, https or relative) survive,
and every link gets rel="noopener noreferrer". Raw HTML typed into a reply is cleaned the same
way, so a pasted <script> or onclick never reaches a member.
"""

from __future__ import annotations

import re

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https"}


def clean_html(html: str) -> str:
    """Sanitise HTML to the reply allow-list (relative links are kept: nh3 allows them)."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_reply(text: str) -> SafeString:
    """A coach's Markdown reply as safe HTML."""
    html = markdown.markdown(text or "", extensions=["sane_lists"])
    return mark_safe(clean_html(html))  # noqa: S308  # nosec B308 B703  # cleaned by nh3 just above


def reply_as_richtext(text: str) -> str:
    """The reply in Wagtail's rich-text format (<b>/<i>), for a published QuestionPage."""
    html = clean_html(markdown.markdown(text or "", extensions=["sane_lists"]))
    html = re.sub(r"<(/?)strong>", r"<\1b>", html)
    html = re.sub(r"<(/?)em>", r"<\1i>", html)
    # Wagtail's editor keeps only href on links; the rel is added again when rendered.
    return re.sub(r' rel="noopener noreferrer"', "", html)
