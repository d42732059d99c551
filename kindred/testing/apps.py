from django.apps import AppConfig


class TestingConfig(AppConfig):
    """Installed only by config.settings.test: models for testing shared machinery."""

    name = "kindred.testing"
    label = "testing"
