from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from kindred.api.api import api
from kindred.core import views as core_views
from kindred.toolkit.views import safety_plan as toolkit_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("get-help/", core_views.get_help, name="get_help"),
    path("get-help/safety-plan/", toolkit_views.blank_plan, name="blank_safety_plan"),
    path("api/", api.urls),
    path("my/practice/", include("kindred.coach.urls")),
    path("accounts/", include("kindred.accounts.urls_allauth")),
    path("my/", include("kindred.accounts.urls")),
    path("my/", include("kindred.memberships.urls")),
    path("my/", include("kindred.learning.urls")),
    # The admins' own login and password views: allauth's instead (docs/security.md).
    path("", include("kindred.accounts.urls_admin_auth")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", include("kindred.search.urls")),
    path("toolkit/", include("kindred.toolkit.urls")),
    path("groups/", include("kindred.groups.urls")),
    path("resources/", include("kindred.resources.urls")),
    path("", include("kindred.questions.urls")),
    path("", include("kindred.content.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Uploaded images and documents from MEDIA_ROOT. In production the reverse proxy serves
    # /media/ first (deploy/nginx.conf); this keeps a bare gunicorn whole (docs/deployment.md).
    urlpatterns += [
        re_path(
            r"^media/(?P<path>.*)$",
            core_views.media,
            name="media",
        )
    ]

# Wagtail serves every other URL from the page tree; keep it last.
urlpatterns += [path("", include(wagtail_urls))]

handler400 = "kindred.core.views.bad_request"
handler403 = "kindred.core.views.permission_denied"
handler404 = "kindred.core.views.page_not_found"
handler500 = "kindred.core.views.server_error"
