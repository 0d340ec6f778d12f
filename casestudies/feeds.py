"""RSS feeds of newly published case studies: all of them, and one per theme.

Only live pages outside any private section appear, and an item carries the title, summary,
areas and themes: never contact details (those are for logged-in members only).

Each language has its feeds (/nl/feeds/case-studies/, #15): the case studies of that language's
tree, each once. An item whose text is in another language (an original not translated yet)
says so with ``<dc:language>``; the old unprefixed address is the English feed.
"""
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from network.absolute_urls import absolute_url, page_url
from network.models import Theme
from network.translation import active_language, prefetch_text_languages, text_language

from .models import CaseStudyIndexPage, active_case_studies

FEED_LENGTH = 30
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


class LanguageMarkingFeed(Rss201rev2Feed):
    """RSS 2.0 whose items may name their own language (Dublin Core's ``language``).

    The namespace is declared on the element itself, so a feed whose items are all in the
    feed's language is byte for byte a plain RSS 2.0 feed.
    """

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("text_language"):
            handler.addQuickElement("dc:language", item["text_language"],
                                    {"xmlns:dc": DUBLIN_CORE})


class CaseStudyFeed(Feed):
    feed_type = LanguageMarkingFeed

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
        library = (CaseStudyIndexPage.objects.live().filter(locale__language_code=active_language())
                   .order_by("path").first())
        return page_url(library, self.request) if library else absolute_url("/", self.request)

    def title(self, theme):
        from django.conf import settings

        if theme:
            return _("%(site)s: case studies about %(theme)s") % {
                "site": settings.WAGTAIL_SITE_NAME, "theme": theme.localized_name}
        return _("%(site)s: new case studies") % {"site": settings.WAGTAIL_SITE_NAME}

    def link(self, theme):
        url = self._library_url()
        return f"{url}?theme={theme.slug}" if theme else url

    def description(self, theme):
        if theme:
            return _("New case studies from member areas about %(theme)s.") % {"theme": theme.localized_name}
        return _("New case studies from the network's member areas.")

    def items(self, theme):
        pages = active_case_studies()
        if theme:
            pages = pages.filter(themes=theme)
        return prefetch_text_languages(pages.select_related("locale").prefetch_related("areas", "themes")
                                   .order_by("-first_published_at", "-pk")[:FEED_LENGTH])

    def item_extra_kwargs(self, page):
        code = text_language(page)
        return {"text_language": code if code != active_language() else ""}

    def item_title(self, page):
        return page.title

    def item_description(self, page):
        areas = ", ".join(area.localized_name for area in page.areas.all())
        return f"{page.summary} ({areas})" if areas else page.summary

    def item_link(self, page):
        return page_url(page, self.request)

    def item_pubdate(self, page):
        return page.first_published_at

    def item_updateddate(self, page):
        return page.last_published_at

    def item_categories(self, page):
        return [theme.localized_name for theme in page.themes.all()]
