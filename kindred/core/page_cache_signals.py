"""What empties the page cache (kindred.core.page_cache): any change a visitor could see."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from kindred.core.page_cache import purge_all

# Models in these apps shape public pages: pages themselves (a delete, a draft's title in a
# menu), categories, authors and tags, images, redirects, sites and Kindred's own settings.
# (Sites live in wagtailcore; crisis numbers in core.)
PUBLIC_APPS = {"wagtailcore", "content", "core", "wagtailimages", "wagtailredirects", "taggit"}
# Saved often and never shown to visitors: leave the cache alone.
IGNORED_MODELS = {
    "revision",
    "pagelogentry",
    "modellogentry",
    "pagesubscription",
    "comment",
    "commentreply",
    "workflowstate",
    "taskstate",
    "referenceindex",
    "rendition",
}


def _on_model_change(sender: Any, **kwargs: Any) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.model_name in IGNORED_MODELS:
        return
    if meta.app_label in PUBLIC_APPS:
        purge_all()


def connect() -> None:
    page_published.connect(purge_all, dispatch_uid="kindred_page_cache_published")
    page_unpublished.connect(purge_all, dispatch_uid="kindred_page_cache_unpublished")
    post_page_move.connect(purge_all, dispatch_uid="kindred_page_cache_moved")
    post_save.connect(_on_model_change, dispatch_uid="kindred_page_cache_saved")
    post_delete.connect(_on_model_change, dispatch_uid="kindred_page_cache_deleted")
