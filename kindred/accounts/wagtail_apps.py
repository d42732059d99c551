from wagtail.users.apps import WagtailUsersAppConfig


class KindredWagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with Kindred's forms: pseudonyms, and staff roles granted only by
    an organisation admin (kindred.accounts.wagtail_users)."""

    user_viewset = "kindred.accounts.wagtail_users.UserViewSet"
