from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kindred.core"
    label = "core"
    verbose_name = "Kindred core"

    def ready(self) -> None:
        from kindred.core import page_cache_signals

        page_cache_signals.connect()
