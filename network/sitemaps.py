"""The sitemap: Wagtail's, with every language's pages and their alternates (#15), and page
addresses on the host the sitemap was asked from."""
from collections import defaultdict
from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page

from .absolute_urls import absolute_url


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
                url_info.update(lang_code=item.locale.language_code, key=item.translation_key)
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
