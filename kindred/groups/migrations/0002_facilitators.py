"""The "Facilitators" role, and the live-group permissions of facilitators and organisation
admins. Facilitators are staff (kindred.accounts.roles.STAFF_ROLES): only an organisation admin
can add someone to the group, and staff two-factor authentication covers them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_MODELS = ("supportgroup", "recording")
ROLE_PERMISSIONS = {
    "Facilitators": [("wagtailadmin", "admin", "access_admin")]
    + [("groups", m, f"{a}_{m}") for m in GROUP_MODELS for a in ("add", "change", "view")]
    + [("groups", "recording", "delete_recording")],
    "Organisation admins": [
        ("groups", m, f"{a}_{m}") for m in GROUP_MODELS for a in ("add", "change", "delete", "view")
    ],
}


def create_roles(apps, schema_editor):
    app_config = apps.get_app_config("groups")
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


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name="Facilitators").delete()
    admins = Group.objects.filter(name="Organisation admins").first()
    if admins is not None:
        admins.permissions.remove(
            *admins.permissions.filter(content_type__app_label="groups")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0001_initial"),
        ("memberships", "0002_roles"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
