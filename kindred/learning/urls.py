from django.urls import path

from kindred.learning import views

app_name = "learning"
urlpatterns = [
    path("reflections/", views.my_reflections, name="reflections"),
    path(
        "reflections/<uuid:reflection_id>/delete/",
        views.reflection_delete,
        name="reflection_delete",
    ),
    path(
        "learning/lessons/<id:lesson_id>/autosave/",
        views.reflection_autosave,
        name="autosave",
    ),
]
