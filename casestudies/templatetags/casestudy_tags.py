"""Template tags through which other pages (home, member areas) show case studies."""
from django import template

from casestudies.cards import cards_html, render_cards
from casestudies.filters import with_card_data
from casestudies.models import CaseStudyIndexPage, active_case_studies
from network import hub, memo
from network.translation import active_language, language_name, prefetch_text_languages, text_language

register = template.Library()


def _cards(pages):
    # The cards show areas, period, themes, an image and the language of their text: prefetch
    # them so the count of queries stays flat.
    return with_card_data(pages).order_by("-first_published_at", "-pk")


@register.inclusion_tag("casestudies/includes/case_study_list.html", takes_context=True)
def latest_case_studies(context, limit=4):
    """The most recently published case studies (of the active language's tree).

    Which ones is kept until a table it reads is written (network.memo.remember_tables):
    sorting every case by date is most of this section's time at 10,000 cases."""
    def latest():
        return list(active_case_studies().order_by("-first_published_at", "-pk")
                    .values_list("pk", flat=True)[:limit])

    request = context.get("request")
    pks = memo.remember_tables("casestudies-latest", (active_language(), limit), latest)
    return {"cards": cards_html(pks, request), "request": request, "empty_message": "latest",
            "library": active_library(request)}


@register.inclusion_tag("casestudies/includes/case_study_list.html", takes_context=True)
def area_case_studies(context, area, limit=None):
    """Case studies a member area took part in, newest first (of the active language's tree)."""
    pages = prefetch_text_languages(_cards(active_case_studies().filter(areas=area))[:limit])
    return {"cards": render_cards(pages, context.get("request")), "request": context.get("request"),
            "empty_message": "area"}


def active_library(request=None):
    """The live library of the active language's tree, for "All case studies" links, or None.
    No query of its own when the library is right under the site's root (where it must be),
    where the header has already looked."""
    if request is not None:
        library = hub.root_page_of_type(request, CaseStudyIndexPage)
        if library is not None:
            return library
    return (CaseStudyIndexPage.objects.live().public()
            .filter(locale__language_code=active_language()).first())


@register.simple_tag
def foreign_text_language(page):
    """``{"code", "name"}`` of the language of ``page``'s text when it is not the active
    language (a card of an original not translated yet), else None."""
    code = text_language(page)
    if code == active_language():
        return None
    return {"code": code, "name": language_name(code)}


@register.filter
def nobreak(value):
    """The text with non-breaking spaces, so that a short value such as a key figure ("+12 %",
    "€ 40.000") never breaks over two lines."""
    return str(value).replace(" ", "\u00a0")
