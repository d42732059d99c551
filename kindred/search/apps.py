from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "kindred.search"
    label = "kindred_search"  # "search" alone would be easy to confuse with wagtail.search
    verbose_name = "Site search"
