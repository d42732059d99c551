"""Blocks that show the installation's own crisis content inside editors' pages.

The overdose steps are written once, in the "Get help now" settings (``GetHelpSettings``), and
shown on /get-help/ and wherever an editor drops this block into a lesson or an article, so a
change made by staff shows everywhere at once and the steps can never disagree.
"""

from __future__ import annotations

from typing import Any

from wagtail import blocks


class OverdoseStepsBlock(blocks.StaticBlock):
    """The overdose steps from the Get-help settings (nothing to fill in here)."""

    class Meta:
        icon = "warning"
        label = "Overdose steps (from the Get help settings)"
        admin_text = (
            "Shows the overdose steps written in Settings → Get help now, so every page "
            "says the same thing."
        )
        template = "core/includes/overdose_steps.html"

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict:
        from kindred.core.get_help import get_help_content

        context = super().get_context(value, parent_context=parent_context)
        context["help"] = get_help_content()
        return context
