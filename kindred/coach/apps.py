from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "kindred.coach"
    label = "coach"
    verbose_name = "Communication coach"

    def ready(self) -> None:
        from kindred.accounts.data_export import register_export
        from kindred.accounts.home import HomeSection, register_home_section
        from kindred.coach.selectors import export_practice_drafts, home_card_context
        from kindred.memberships.access import has_active_membership

        register_export("practice_drafts", export_practice_drafts)
        register_home_section(
            HomeSection(
                key="practice",
                template="coach/home/card.html",
                order=40,
                is_visible=lambda request: has_active_membership(request.user),
                section_context=home_card_context,
            )
        )
