"""URL configuration: the network's own views first, then Wagtail's page tree.

Every address a visitor reads is prefixed with its language (/en/, /nl/, /da/; #15,
docs/languages.md). Unprefixed: the admin, documents, media, sitemap, robots.txt, health and
CSP reports, and the feeds' old addresses, which stay English for existing subscribers.
Any other unprefixed address redirects to the visitor's language (``language_views.unprefixed``).
"""
import re
from importlib import import_module

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from . import accounts, admin_views, csp, faults, language_views, media, views
from .sitemaps import Sitemap
from .translation import in_language

# The apps that build on the core, each with a ``urls`` module: ``urlpatterns`` (namespaced by
# its ``app_name``) and, where it has feeds, ``feed_urlpatterns``.
APP_URLCONFS = ["sessions.urls", "intervisions.urls", "casestudies.urls"]


def english(patterns):
    """The same URL patterns, each view run in English whatever the visitor's language."""
    return [URLPattern(p.pattern, in_language(settings.LANGUAGE_CODE)(p.callback),
                       p.default_args, p.name) for p in patterns]


urlpatterns = [
    # Before the admin: Wagtail's password reset with the site's request limits (#14).
    path("admin/password_reset/", admin_views.AdminPasswordResetView.as_view()),
    path("admin/password_reset/confirm/<uidb64>/<token>/",
         admin_views.AdminPasswordResetConfirmView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": Sitemap}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("-/health/", faults.HealthView.as_view(), name="health"),  # for the load balancer (#14)
    path("csp-report/", csp.csp_report, name="csp_report"),
]

# The feeds' addresses from before there were languages: English, so no subscription breaks.
for module_name in APP_URLCONFS:
    module = import_module(module_name)
    if getattr(module, "feed_urlpatterns", None):
        urlpatterns.append(path("", include((english(module.feed_urlpatterns),
                                             f"{module.app_name}_unprefixed"))))

if settings.DEBUG or settings.SERVE_MEDIA:
    # Never documents/, by any spelling: they go through Wagtail's serve view, which applies
    # privacy settings (see network.media.is_public_media_path).
    urlpatterns += [
        re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", media.serve_public_media),
    ]

urlpatterns += i18n_patterns(
    path("search/", views.search, name="search"),
    path("members/", views.area_index, name="area_index"),
    # Not a slug (the dot), so never an area's address.
    path("members/areas.json", views.area_suggestions, name="area_suggestions"),
    # Before <slug>: "people" is also a reserved area slug (MemberArea.clean).
    path("members/people/", views.people_index, name="people_index"),
    path("members/<slug:slug>/", views.area_detail, name="area_detail"),
    path("account/", include(accounts.urlpatterns)),
    # Apps that build on the core contribute their own URL modules (feeds, calendars).
    *[path("", include(module_name)) for module_name in APP_URLCONFS],
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# Last: an old unprefixed address goes to the same page or view in the visitor's language.
urlpatterns += [re_path(r"^(?P<path>.*)$", language_views.unprefixed)]

handler404 = "network.views.page_not_found"
handler500 = "network.faults.server_error"  # 503 when the database is unreachable (#14)
