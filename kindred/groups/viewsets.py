"""The Wagtail admin for live groups: groups and recordings.

Organisation admins see and edit every group; a facilitator sees and edits only the groups
they facilitate (and their recordings), and cannot hand a group to someone else. Saving a group
creates its sessions for the weeks ahead (``services.schedule_extend``). Rosters, messages,
moves and cancellations happen on the facilitator pages (/groups/facilitate/), which tell the
members.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from kindred.accounts.models import User
from kindred.accounts.roles import FACILITATORS, is_organisation_admin
from kindred.groups.models import Recording, Session, SupportGroup, time_zone_choices


def _groups_for(user: Any) -> QuerySet[SupportGroup]:
    from kindred.groups.selectors import groups_run_by

    return groups_run_by(user)


class SupportGroupForm(WagtailAdminModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "time_zone" in self.fields:
            # Choices in the form, not the model: the list changes with tzdata releases.
            self.fields["time_zone"].widget = forms.Select(choices=time_zone_choices())
        field = self.fields.get("facilitator")
        if field is None:
            return
        field.queryset = User.objects.filter(groups__name=FACILITATORS).distinct()  # type: ignore[attr-defined]
        if not is_organisation_admin(self.for_user):
            # A facilitator runs their own groups only.
            field.disabled = True
            if not self.instance.pk:
                field.initial = self.for_user.pk


class RecordingForm(WagtailAdminModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("session")
        if field is not None:
            field.queryset = (  # type: ignore[attr-defined]
                Session.objects.filter(
                    group__in=_groups_for(self.for_user), group__is_recorded=True
                )
                .select_related("group")
                .order_by("-starts_at")
            )


class GroupIndexView(generic.IndexView):
    def get_base_queryset(self) -> QuerySet[Any]:
        return super().get_base_queryset().filter(pk__in=_groups_for(self.request.user))


class GroupEditView(generic.EditView):
    def get_object(self, queryset: Any = None) -> Any:
        obj = super().get_object(queryset)
        if not _groups_for(self.request.user).filter(pk=obj.pk).exists():
            raise PermissionDenied
        return obj

    def save_instance(self) -> Any:
        from kindred.groups.services import schedule_extend

        instance = super().save_instance()
        schedule_extend(instance)
        return instance


class GroupCreateView(generic.CreateView):
    def save_instance(self) -> Any:
        from kindred.groups.services import schedule_extend

        instance = super().save_instance()
        schedule_extend(instance)
        return instance


class GroupDeleteView(generic.DeleteView):
    def get_object(self, queryset: Any = None) -> Any:
        obj = super().get_object(queryset)
        if not _groups_for(self.request.user).filter(pk=obj.pk).exists():
            raise PermissionDenied
        return obj


class SupportGroupViewSet(ModelViewSet):
    model = SupportGroup
    icon = "group"
    menu_label = "Groups"
    name = "live_groups"
    list_display = ["title", "schedule_label", "time_zone", "facilitator", "is_active"]
    search_fields = ["title"]
    index_view_class = GroupIndexView
    add_view_class = GroupCreateView
    edit_view_class = GroupEditView
    delete_view_class = GroupDeleteView
    edit_handler = ObjectList(SupportGroup.panels, base_form_class=SupportGroupForm)


class RecordingIndexView(generic.IndexView):
    def get_base_queryset(self) -> QuerySet[Any]:
        return (
            super()
            .get_base_queryset()
            .filter(session__group__in=_groups_for(self.request.user))
            .select_related("session__group")
        )


class RecordingEditView(generic.EditView):
    def get_object(self, queryset: Any = None) -> Any:
        obj = super().get_object(queryset)
        if not _groups_for(self.request.user).filter(pk=obj.session.group_id).exists():
            raise PermissionDenied
        return obj


class RecordingDeleteView(generic.DeleteView):
    def get_object(self, queryset: Any = None) -> Any:
        obj = super().get_object(queryset)
        if not _groups_for(self.request.user).filter(pk=obj.session.group_id).exists():
            raise PermissionDenied
        return obj


class RecordingViewSet(ModelViewSet):
    model = Recording
    icon = "media"
    menu_label = "Group recordings"
    name = "group_recordings"
    list_display = ["__str__", "created_at"]
    index_view_class = RecordingIndexView
    edit_view_class = RecordingEditView
    delete_view_class = RecordingDeleteView
    edit_handler = ObjectList(Recording.panels, base_form_class=RecordingForm)


class LiveGroupsViewSetGroup(ViewSetGroup):
    menu_label = "Live groups"
    menu_icon = "group"
    menu_order = 320
    items = (SupportGroupViewSet, RecordingViewSet)
