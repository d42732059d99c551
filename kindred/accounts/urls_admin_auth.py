"""The admins' own sign-in and password URLs, answered by kindred.accounts.staff_auth.

Included in config/urls.py before the Django and Wagtail admins, so these win.
"""

from django.contrib import admin
from django.urls import path, re_path
from taggit.models import Tag

from kindred.accounts import staff_auth

urlpatterns = [
    path("django-admin/login/", staff_auth.django_admin_login),
    path("admin/login/", staff_auth.wagtail_admin_login),
    re_path(r"^django-admin/password_change/", staff_auth.admin_password_change),
    re_path(r"^admin/password_reset/", staff_auth.admin_password_reset),
    re_path(r"^admin/account/change_password/", staff_auth.admin_password_change),
]

# django-taggit registers its Tag model in the Django admin with a "merge tags" view that any
# staff member can open, without tag permissions (and which fails with a 500). Editors manage
# tags in Wagtail; the Django admin does not offer them. Done here because URL modules load
# after every app's admin module.
if admin.site.is_registered(Tag):
    admin.site.unregister(Tag)
