"""A task used only by the tests of the background-work set-up."""

from django.core.cache import cache
from django_tasks import task


@task()
def remember(key: str, value: str) -> str:
    cache.set(key, value, timeout=60)
    return value
