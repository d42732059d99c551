from django.apps import AppConfig


class MembershipsConfig(AppConfig):
    name = "kindred.memberships"
    label = "memberships"
    verbose_name = "Memberships"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kindred.accounts.data_export import register_export
        from kindred.memberships.selectors import export_memberships

        register_export("memberships", export_memberships)
