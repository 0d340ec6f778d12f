"""URL configuration: the network's own views first, then Wagtail's page tree."""
import re

from django.conf import settings
from django.urls import include, path, re_path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from . import accounts, admin_views, csp, faults, media, views
from .sitemaps import Sitemap

urlpatterns = [
    # Before the admin: Wagtail's password reset with the site's request limits (#14).
    path("admin/password_reset/", admin_views.AdminPasswordResetView.as_view()),
    path("admin/password_reset/confirm/<uidb64>/<token>/",
         admin_views.AdminPasswordResetConfirmView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", views.search, name="search"),
    path("members/", views.area_index, name="area_index"),
    # Before <slug>: "people" is also a reserved area slug (MemberArea.clean).
    path("members/people/", views.people_index, name="people_index"),
    path("members/<slug:slug>/", views.area_detail, name="area_detail"),
    path("account/", include(accounts.urlpatterns)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": Sitemap}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("-/health/", faults.HealthView.as_view(), name="health"),  # for the load balancer (#14)
    path("csp-report/", csp.csp_report, name="csp_report"),
]

# Apps that build on the core contribute their own URL modules (feeds, calendars).
urlpatterns += [
    path("", include("sessions.urls")),
    path("", include("intervisions.urls")),
    path("", include("casestudies.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Never documents/, by any spelling: they go through Wagtail's serve view, which applies
    # privacy settings (see network.media.is_public_media_path).
    urlpatterns += [
        re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", media.serve_public_media),
    ]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "network.views.page_not_found"
handler500 = "network.faults.server_error"  # 503 when the database is unreachable (#14)
