"""RSS feeds of newly published case studies: all of them, and one per theme.

Only live pages outside any private section appear, and an item carries the title, summary,
areas and themes: never contact details (those are for logged-in members only).
"""
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from network.absolute_urls import absolute_url, page_url
from network.models import Theme

from .models import CaseStudyIndexPage, CaseStudyPage

FEED_LENGTH = 30


class CaseStudyFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request  # for absolute page URLs on the request's site
        return super().__call__(request, *args, **kwargs)

    @classmethod
    def view(cls, request, slug=None):
        """A fresh feed object per request, so the stored request is never shared."""
        return cls()(request, slug=slug)

    def get_object(self, request, slug=None):
        return get_object_or_404(Theme, slug=slug) if slug else None

    def _library_url(self):
        library = CaseStudyIndexPage.objects.live().first()
        return page_url(library, self.request) if library else absolute_url("/", self.request)

    def title(self, theme):
        from django.conf import settings

        if theme:
            return _("%(site)s: case studies about %(theme)s") % {
                "site": settings.WAGTAIL_SITE_NAME, "theme": theme.name}
        return _("%(site)s: new case studies") % {"site": settings.WAGTAIL_SITE_NAME}

    def link(self, theme):
        url = self._library_url()
        return f"{url}?theme={theme.slug}" if theme else url

    def description(self, theme):
        if theme:
            return _("New case studies from member areas about %(theme)s.") % {"theme": theme.name}
        return _("New case studies from the network's member areas.")

    def items(self, theme):
        pages = CaseStudyPage.objects.live().public()
        if theme:
            pages = pages.filter(themes=theme)
        return (pages.prefetch_related("areas", "themes")
                .order_by("-first_published_at", "-pk")[:FEED_LENGTH])

    def item_title(self, page):
        return page.title

    def item_description(self, page):
        areas = ", ".join(area.name for area in page.areas.all())
        return f"{page.summary} ({areas})" if areas else page.summary

    def item_link(self, page):
        return page_url(page, self.request)

    def item_pubdate(self, page):
        return page.first_published_at

    def item_updateddate(self, page):
        return page.last_published_at

    def item_categories(self, page):
        return [theme.name for theme in page.themes.all()]
