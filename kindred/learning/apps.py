from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "kindred.learning"
    label = "learning"
    verbose_name = "Learning program"

    def ready(self) -> None:
        from kindred.accounts.data_export import register_export
        from kindred.accounts.home import HomeSection, register_home_section
        from kindred.learning.exports import export_learning, home_card_context, home_card_visible

        register_export("learning", export_learning)
        register_home_section(
            HomeSection(
                key="learning",
                template="learning/includes/home_card.html",
                order=20,
                is_visible=home_card_visible,
                section_context=home_card_context,
            )
        )
