from django.urls import path

from kindred.search import views

urlpatterns = [path("", views.search, name="search")]
