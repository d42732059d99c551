"""Kindred's roles as groups, with the permissions this app needs.

Another part of Kindred also creates "Editors" (and "Moderators") for Wagtail's page
permissions: groups are fetched or created by name, and only our permissions are added.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "Members": [],
    "Coaches": [("wagtailadmin", "admin", "access_admin")],
    "Editors": [("wagtailadmin", "admin", "access_admin")],
    "Organisation admins": [
        ("wagtailadmin", "admin", "access_admin"),
        ("accounts", "user", "add_user"),
        ("accounts", "user", "change_user"),
        ("accounts", "user", "view_user"),
        ("memberships", "sponsorship", "add_sponsorship"),
        ("memberships", "sponsorship", "change_sponsorship"),
        ("memberships", "sponsorship", "delete_sponsorship"),
        ("memberships", "sponsorship", "view_sponsorship"),
        ("memberships", "membership", "add_membership"),
        ("memberships", "membership", "change_membership"),
        ("memberships", "membership", "delete_membership"),
        ("memberships", "membership", "view_membership"),
    ],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure ours exist now.
    for label in ("accounts", "memberships"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, model, codename in permissions:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, content_type__model=model, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)


def remove_our_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, permissions in ROLE_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for app_label, model, codename in permissions:
            group.permissions.remove(
                *group.permissions.filter(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename=codename,
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("memberships", "0001_initial"),
        ("accounts", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_our_permissions)]
