"""What the coach app adds to shared parts of Kindred (kindred/core/extensions.py)."""

from __future__ import annotations

from wagtail import hooks

from kindred.core.extensions import HOME_SECTIONS, MEMBER_DATA, HomeSection, MemberData


@hooks.register(MEMBER_DATA)
def coach_member_data() -> MemberData:
    from kindred.coach.selectors import export_practice_drafts

    return MemberData("practice_drafts", export=export_practice_drafts)


@hooks.register(HOME_SECTIONS)
def coach_home_section() -> HomeSection:
    from kindred.coach.selectors import home_card_context
    from kindred.memberships.access import has_active_membership

    return HomeSection(
        key="practice",
        template="coach/home/card.html",
        order=40,
        is_visible=lambda request: has_active_membership(request.user),
        section_context=home_card_context,
    )
