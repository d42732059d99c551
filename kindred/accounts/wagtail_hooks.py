"""What the accounts app adds to shared parts of Kindred (kindred/core/extensions.py)."""

from __future__ import annotations

from wagtail import hooks

from kindred.core.extensions import DEMO_DATA, MEMBER_DATA, DemoData, MemberData


@hooks.register(MEMBER_DATA)
def account_member_data() -> list[MemberData]:
    from kindred.accounts.selectors import export_account, export_profile

    return [MemberData("account", export=export_account), MemberData("profile", export_profile)]


@hooks.register(DEMO_DATA)
def accounts_demo_data() -> DemoData:
    from kindred.accounts import demo

    return DemoData(
        "accounts", order=10, load=demo.load, is_loaded=demo.is_loaded, banner=demo.banner
    )
