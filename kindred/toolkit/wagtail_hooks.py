"""What the toolkit adds to shared parts of Kindred (kindred/core/extensions.py).

The toolkit is never searchable: it registers no SEARCH_KINDS.
"""

from __future__ import annotations

from wagtail import hooks

from kindred.core.extensions import (
    DEMO_DATA,
    HOME_SECTIONS,
    LESSON_TOOLS,
    MEMBER_DATA,
    SCALE_DATA,
    DemoData,
    HomeSection,
    LessonTool,
    MemberData,
    ScaleSeeder,
)


@hooks.register(MEMBER_DATA)
def toolkit_member_data() -> MemberData:
    from kindred.toolkit.exports import export_toolkit

    return MemberData("toolkit", export=export_toolkit)


@hooks.register(HOME_SECTIONS)
def toolkit_home_section() -> HomeSection:
    from kindred.toolkit.exports import home_card_context, home_card_visible

    return HomeSection(
        key="toolkit",
        template="toolkit/includes/home_card.html",
        order=25,
        is_visible=home_card_visible,
        section_context=home_card_context,
    )


@hooks.register(DEMO_DATA)
def toolkit_demo_data() -> DemoData:
    from kindred.toolkit.demo import is_loaded, load_demo

    return DemoData("toolkit", order=60, load=load_demo, is_loaded=is_loaded)


# Part 2: the "Week at a glance" card, and the demo member's check-ins, goals and journal.
@hooks.register(HOME_SECTIONS)
def toolkit_week_section() -> HomeSection:
    from kindred.toolkit.exports import home_card_visible
    from kindred.toolkit.services.week import week_card_context

    return HomeSection(
        key="toolkit-week",
        template="toolkit/includes/week_card.html",
        order=26,
        is_visible=home_card_visible,
        section_context=week_card_context,
    )


@hooks.register(DEMO_DATA)
def toolkit_wellbeing_demo_data() -> DemoData:
    from kindred.toolkit.demo import load_wellbeing_demo, wellbeing_demo_loaded

    return DemoData(
        "toolkit-wellbeing", order=61, load=load_wellbeing_demo, is_loaded=wellbeing_demo_loaded
    )


# The treatment-invitation planner: "a window just opened" on /my/, and its demo (after the
# resource directory's, since one demo option comes from it).
@hooks.register(HOME_SECTIONS)
def toolkit_invitation_home_section() -> HomeSection:
    from kindred.toolkit.exports import home_card_visible
    from kindred.toolkit.views.invitation import home_card_context

    return HomeSection(
        key="toolkit-invitation",
        template="toolkit/invitation/home_card.html",
        order=27,
        is_visible=home_card_visible,
        section_context=home_card_context,
    )


@hooks.register(DEMO_DATA)
def toolkit_invitation_demo_data() -> DemoData:
    from kindred.toolkit.demo import invitation_is_loaded, load_invitation_demo

    return DemoData(
        "toolkit-invitation", order=75, load=load_invitation_demo, is_loaded=invitation_is_loaded
    )


# Scale data for benchmarks: 1,000,000 tracker days (manage.py seed_scale --tracker-days).
@hooks.register(SCALE_DATA)
def toolkit_scale_data() -> ScaleSeeder:
    from kindred.toolkit.scale import seed_tracker_days

    return seed_tracker_days


@hooks.register(LESSON_TOOLS)
def toolkit_lesson_tools() -> list[LessonTool]:
    """Each lesson that teaches a tool links to it from its "Try this week"."""
    from kindred.toolkit.tools import tools

    return [
        LessonTool(lesson_slug=slug, title=tool.title, url=tool.url)
        for tool in tools()
        for slug in tool.lesson_slugs
    ]
