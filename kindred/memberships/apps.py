from django.apps import AppConfig


class MembershipsConfig(AppConfig):
    name = "kindred.memberships"
    label = "memberships"
    verbose_name = "Memberships"
    default_auto_field = "django.db.models.BigAutoField"
