"""The sitemap: Wagtail's, with page addresses on the host the sitemap was asked from."""
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from .absolute_urls import absolute_url


class Sitemap(WagtailSitemap):
    """Wagtail builds each location from the Site record's host and port; use the request's."""

    def get_urls(self, page=1, site=None, protocol=None):
        """Wagtail's entries, each location moved from the Site's root URL to the request's."""
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        root = self.get_wagtail_site().root_url
        for entry in urls:
            location = entry["location"]
            if location.startswith(root + "/"):
                entry["location"] = absolute_url(location[len(root):], self.request)
        return urls
