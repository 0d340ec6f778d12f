"""A case study as a schema.org Article, for search engines (#16, docs/seo.md).

Google's Article guidelines ask for headline, image (16:9, 4:3 and 1:1), datePublished,
dateModified and an author with name and url. The authors are the member areas the case comes
from (organisations, with their public directory pages), never the contact people: their
details are for members only. The publisher is the network.
"""
from network.absolute_urls import page_url
from network.structured_data import image_urls, isoformat, member_area, one_line, organization
from network.translation import text_language

#: Google shows at most 110 characters of a headline.
HEADLINE_LENGTH = 110


def date_modified(page):
    """When the case last changed for a reader, as the page shows it ("Last updated"): the day
    its facts were last checked (``last_updated``), else when the page was last published."""
    return getattr(page, "last_updated", None) or page.last_published_at


def article(page, request):
    """The schema.org Article of case study ``page`` (a dict, see network.structured_data)."""
    url = page_url(page, request)
    image = getattr(page, "card_image", page.hero_image)
    return {
        "@type": "Article",
        "headline": one_line(page.seo_title or page.title, HEADLINE_LENGTH),
        "description": one_line(page.search_description or page.summary),
        "image": image_urls(image, request),
        "datePublished": isoformat(page.first_published_at),
        "dateModified": isoformat(date_modified(page)),
        "author": [member_area(area, request) for area in page.areas.all()],
        "publisher": organization(request, full=False),
        "inLanguage": text_language(page),
        "about": [{"@type": "Thing", "name": theme.localized_name} for theme in page.themes.all()],
        "mainEntityOfPage": url,
        "url": url,
    }
