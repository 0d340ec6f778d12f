"""What search engines are told: the sitemap and robots.txt (#15, #16, docs/seo.md).

The sitemap is Wagtail's, with every language's pages and their alternates, page addresses on
the host the sitemap was asked from, and a last modification date for every address. It lists
live pages without a view restriction only: members-only and password-protected pages (and
everything below them) never appear, nor do views outside the page tree (intervision records,
registrations, personal calendars).
"""
import datetime
from collections import defaultdict
from functools import reduce
from itertools import chain
from operator import or_

from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page

from .absolute_urls import absolute_url
from .translation import language_codes


def disallowed_paths():
    """The paths robots.txt asks crawlers to skip: the admin, the health check, accounts, and
    what each app lists in ``robots_disallow`` on its AppConfig (personal calendars, secret
    registration links, members-only records); each under every language's prefix (#15) and
    unprefixed (old links)."""
    paths = ["/account/", *chain.from_iterable(getattr(config, "robots_disallow", ())
                                               for config in apps.get_app_configs())]
    return ["/admin/", "/-/", *paths,
            *(f"/{code}{path}" for path in paths for code in language_codes())]


def last_modified(page):
    """When ``page`` last changed for a reader: its own ``last_updated`` date where it has one
    (a case study's facts last checked: re-publishing a typo fix is no news), else when it was
    last published. An aware datetime (a date is taken at midnight), or None."""
    updated = getattr(page, "last_updated", None)
    if isinstance(updated, datetime.date) and not isinstance(updated, datetime.datetime):
        return datetime.datetime.combine(updated, datetime.time.min,
                                         tzinfo=timezone.get_current_timezone())
    return (updated or page.last_published_at or page.latest_revision_created_at
            or page.first_published_at)


class Sitemap(WagtailSitemap):
    """Pages written in each language (originals and translations, not aliases: an alias
    repeats its original's text), each listing its versions in the other languages."""

    def items(self):
        """Live, public, non-alias pages of every language's tree of the site."""
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key, depth=root.depth)
        in_a_tree = reduce(or_, (Q(path__startswith=path)
                                 for path in roots.values_list("path", flat=True)))
        return (Page.objects.filter(in_a_tree, alias_of__isnull=True).live().public()
                .order_by("path").select_related("locale").defer_streamfields().specific())

    def _urls(self, page, protocol, domain):
        """Wagtail's entries, each remembering its page's language and translation key (the
        alternates are added in ``get_urls``, once the locations are final)."""
        urls = []
        for item in self.paginator.page(page).object_list:
            for url_info in item.get_sitemap_urls(self.request):
                url_info.update(lang_code=item.locale.language_code, key=item.translation_key,
                                lastmod=last_modified(item))
                urls.append(url_info)
        last_mods = {url_info.get("lastmod") for url_info in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def get_urls(self, page=1, site=None, protocol=None):
        """The entries, each location moved from the Site's root URL to the request's, with
        ``alternates`` (hreflang) where a page exists in more than one language."""
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        root = self.get_wagtail_site().root_url
        by_key = defaultdict(list)
        for entry in urls:
            if entry["location"].startswith(root + "/"):
                entry["location"] = absolute_url(entry["location"][len(root):], self.request)
            by_key[entry["key"]].append(entry)
        for versions in by_key.values():
            if len(versions) > 1:
                alternates = [{"lang_code": v["lang_code"], "location": v["location"]}
                              for v in versions]
                for entry in versions:
                    entry["alternates"] = alternates
        return urls
