"""``{% submission_key %}``: the hidden one-time key of a form that creates something
(kindred/core/submissions.py). A form shown again after an error keeps the key it was sent
with."""

from __future__ import annotations

import uuid
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from kindred.core.submissions import FIELD, key_from

register = template.Library()


@register.simple_tag(takes_context=True)
def submission_key(context: dict[str, Any]) -> SafeString:
    request = context.get("request")
    key = (key_from(request) if request is not None else None) or uuid.uuid4()
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, key)
