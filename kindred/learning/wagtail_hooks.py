"""What the learning app adds to shared parts of Kindred (kindred/core/extensions.py)."""

from __future__ import annotations

from wagtail import hooks

from kindred.core.extensions import (
    DEMO_DATA,
    HOME_SECTIONS,
    MEMBER_DATA,
    DemoData,
    HomeSection,
    MemberData,
)


@hooks.register(MEMBER_DATA)
def learning_member_data() -> MemberData:
    from kindred.learning.exports import export_learning

    return MemberData("learning", export=export_learning)


@hooks.register(HOME_SECTIONS)
def learning_home_section() -> HomeSection:
    from kindred.learning.exports import home_card_context, home_card_visible

    return HomeSection(
        key="learning",
        template="learning/includes/home_card.html",
        order=20,
        is_visible=home_card_visible,
        section_context=home_card_context,
    )


@hooks.register(DEMO_DATA)
def learning_demo_data() -> DemoData:
    from kindred.learning.demo_loader import load_demo

    return DemoData("learning", order=40, load=load_demo)
