""" "Download my data": everything Kindred stores about a member.

Every app declares what it stores with a `kindred.core.extensions.MemberData` contribution
(``MEMBER_DATA`` hook in its ``wagtail_hooks.py``); ``build_export`` gathers them all.
"""

from __future__ import annotations

from typing import Any

from kindred.core.extensions import member_data


def build_export(user: Any) -> dict[str, Any]:
    """Everything Kindred stores about the member, keyed by what each app named it."""
    return {item.key: item.export(user) for item in member_data()}
