"""Editors write and submit; Moderators approve, publish and schedule (docs/content.md)."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page, WorkflowPage

pytestmark = pytest.mark.django_db


def _page_permissions(name):
    permissions = GroupPagePermission.objects.filter(group__name=name)
    return set(permissions.values_list("permission__codename", flat=True))


def test_editors_add_and_edit_pages_but_do_not_publish():
    assert _page_permissions("Editors") == {"add_page", "change_page"}


def test_moderators_also_publish_and_lock():
    assert {"add_page", "change_page", "publish_page", "lock_page"} <= _page_permissions(
        "Moderators"
    )


def test_both_groups_reach_the_admin_and_manage_categories_and_authors():
    for name in ("Editors", "Moderators"):
        codenames = set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        assert {"access_admin", "add_category", "change_author", "add_tag"} <= codenames


def test_the_site_tree_goes_through_the_moderators_approval_workflow():
    root = Page.get_first_root_node()
    workflow = WorkflowPage.objects.get(page=root).workflow
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]


def test_an_editor_can_submit_but_not_publish(tree, editor):
    from wagtail.models import PagePermissionTester

    editor.groups.add(Group.objects.get(name="Editors"))
    article = tree.article("For review")
    tester = PagePermissionTester(editor, article)
    assert tester.can_edit() and not tester.can_publish()
    assert tester.can_submit_for_moderation()
