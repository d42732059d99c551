"""Rewards: /toolkit/rewards/ (the list, the log and the non-using days beside it)."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from kindred.toolkit.forms.rewards import RewardForm, RewardGivenForm
from kindred.toolkit.models import Reward, RewardGiven
from kindred.toolkit.services import rewards, tracker
from kindred.toolkit.services.records import owned_or_404
from kindred.toolkit.views.common import (
    Posted,
    edit_record_page,
    post_form,
    render_tool,
    toolkit_view,
)


def _index_url(_: Any = None) -> str:
    return reverse("toolkit:rewards")


def _page(
    request: HttpRequest,
    *,
    reward_form: Any = None,
    log_form: Any = None,
    posted: Posted | None = None,
) -> HttpResponse:
    member = request.user
    today = tracker.member_today(member)
    reward_list = rewards.rewards_for(member)
    return render_tool(
        request,
        "toolkit/rewards/index.html",
        {
            "reward_form": reward_form or RewardForm(member=member),
            "log_form": log_form or RewardGivenForm(member=member),
            "rewards": reward_list,
            "log": rewards.log_for(member),
            "non_using": rewards.recent_non_using_days(member, today),
            "crisis": posted.crisis if posted else None,
            "saved_draft": posted.saved_draft if posted else "",
        },
        status=posted.status if posted else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@toolkit_view
def index(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        posted = post_form(request, RewardForm, success_url=_index_url, message="Reward saved.")
        return posted.redirect or _page(request, reward_form=posted.form, posted=posted)
    return _page(request)


@require_http_methods(["GET", "HEAD", "POST"])
@toolkit_view
def edit(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    reward = owned_or_404(Reward, request.user, record_id)
    return edit_record_page(
        request,
        reward,
        RewardForm,
        template="toolkit/rewards/edit.html",
        name="reward",
        success_url=_index_url,
        message="Reward saved.",
    )


@require_POST
@toolkit_view
def delete(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    reward = owned_or_404(Reward, request.user, record_id)
    rewards.delete_reward(member=request.user, reward=reward)
    messages.success(request, "Reward deleted, with its log.")
    return HttpResponseRedirect(_index_url())


@require_POST
@toolkit_view
def log(request: HttpRequest) -> HttpResponse:
    posted = post_form(
        request,
        RewardGivenForm,
        success_url=lambda record: _index_url() + "#log",
        message="Noted. Well done for noticing a good moment.",
    )
    return posted.redirect or _page(request, log_form=posted.form, posted=posted)


@require_POST
@toolkit_view
def log_delete(request: HttpRequest, record_id: uuid.UUID) -> HttpResponse:
    given = owned_or_404(RewardGiven, request.user, record_id)
    rewards.delete_given(member=request.user, given=given)
    messages.success(request, "Removed from the log.")
    return HttpResponseRedirect(_index_url() + "#log")
