"""Editors and Moderators: who writes, who approves (docs/content.md).

Editors add and edit pages and submit them to Wagtail's "Moderators approval" workflow;
Moderators approve, publish and schedule. Both may manage categories, authors, tags, images
and documents. Idempotent: safe on a database where Wagtail already made these groups.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
SNIPPET_MODELS = ["category", "author", "tag"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add", "change", "choose"]),
    ("wagtaildocs", "document", ["add", "change", "choose"]),
]


def ensure_groups(apps, schema_editor):
    # Model permissions are normally created after migrations; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    def perm(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    editors, _ = Group.objects.get_or_create(name="Editors")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    root = Page.objects.filter(depth=1).order_by("path").first()
    collection = Collection.objects.filter(depth=1).first()

    for group, page_codenames in (
        (editors, EDITOR_PAGE_PERMISSIONS),
        (moderators, MODERATOR_PAGE_PERMISSIONS),
    ):
        group.permissions.add(perm("wagtailadmin", "access_admin"))
        for model in SNIPPET_MODELS:
            for action in ("add", "change", "delete"):
                group.permissions.add(perm("content", f"{action}_{model}"))
        if root is not None:
            for codename in page_codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=perm("wagtailcore", codename)
                )
        if collection is not None:
            for app_label, model, actions in COLLECTION_PERMISSIONS:
                for action in actions:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=collection,
                        permission=perm(app_label, f"{action}_{model}"),
                    )

    # Wagtail's default workflow: an editor submits, a moderator approves.
    if root is not None and not WorkflowPage.objects.filter(page=root).exists():
        workflow, _ = Workflow.objects.get_or_create(name="Moderators approval")
        task = GroupApprovalTask.objects.filter(name="Moderators approval").first()
        if task is None:
            task = GroupApprovalTask.objects.create(
                name="Moderators approval",
                content_type=ContentType.objects.get_for_model(GroupApprovalTask),
            )
            task.groups.add(moderators)
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(workflow=workflow, page=root)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0002_articles_stories_recordings"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(ensure_groups, migrations.RunPython.noop)]
