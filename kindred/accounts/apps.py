from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kindred.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from kindred.accounts.data_export import register_export
        from kindred.accounts.selectors import export_account, export_profile

        register_export("account", export_account)
        register_export("profile", export_profile)
