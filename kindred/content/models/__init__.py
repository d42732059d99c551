"""Wagtail pages of the public site and the snippets they use."""

from .articles import ArticleCategory, ArticleIndexPage, ArticlePage
from .home import HomeFeaturedArticle, HomePage
from .stories import (
    RecordingIndexPage,
    RecordingPage,
    StandardPage,
    StoryIndexPage,
    StoryPage,
)
from .taxonomy import Author, Category, Tag, TaggedArticle, TaggedRecording, TaggedStory

__all__ = [
    "ArticleCategory",
    "ArticleIndexPage",
    "ArticlePage",
    "Author",
    "Category",
    "HomeFeaturedArticle",
    "HomePage",
    "RecordingIndexPage",
    "RecordingPage",
    "StandardPage",
    "StoryIndexPage",
    "StoryPage",
    "Tag",
    "TaggedArticle",
    "TaggedRecording",
    "TaggedStory",
]
