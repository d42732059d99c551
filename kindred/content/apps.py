from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "kindred.content"
    label = "content"
    verbose_name = "Content"

    def ready(self) -> None:
        from kindred.content.search_kinds import register_search_kinds

        register_search_kinds()
