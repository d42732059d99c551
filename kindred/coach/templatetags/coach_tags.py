from django import template

from kindred.coach.analysis import kind_label

register = template.Library()


@register.filter(name="kind_label")
def kind_label_filter(kind: str) -> str:
    """A plain-language name for a finding's kind ("absolute" → "Always / never")."""
    return kind_label(kind)
