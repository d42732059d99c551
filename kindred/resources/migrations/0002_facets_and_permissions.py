"""The starting filter values, and what Editors and Moderators may do with the directory's
own models: manage filter values, work the queue of problem reports. (Entries are pages:
the page permissions of docs/content.md apply, with the "Moderators approval" workflow.)"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from kindred.resources.choices import STARTING_FACETS

GROUP_PERMISSIONS = [
    "add_facet", "change_facet", "delete_facet", "view_facet",
    "view_problemreport", "change_problemreport", "delete_problemreport",
]  # fmt: skip


def forwards(apps, schema_editor):
    Facet = apps.get_model("resources", "Facet")
    for order, (group, slug, label) in enumerate(STARTING_FACETS):
        Facet.objects.get_or_create(
            group=group, slug=slug, defaults={"label": label, "sort_order": order}
        )

    app_config = apps.get_app_config("resources")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="resources", codename__in=GROUP_PERMISSIONS
    )
    for name in ("Editors", "Moderators"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0001_initial"),
        ("content", "0003_editorial_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
