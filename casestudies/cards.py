"""Case-study cards as markup, kept by the tables they were made from (#17).

A page of the library shows twelve cards. Loading them (the pages with their areas, themes,
text language and image renditions) and writing them through the card template was more than
half of an uncached library page at 10,000 cases. The same twelve cards are asked for again
and again (the first page of the library, of a theme, the home page's latest), so the markup of
a list of cards is kept (``network.memo.remember_tables``) until one of the tables it was read
from is written: a case published or edited, an area or theme renamed, a new rendition.

Nothing in a card depends on who is looking: the key is the cases, the language and the host
(links to a page of another site are absolute).
"""
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from network import memo
from network.translation import active_language, prefetch_text_languages

CARD_TEMPLATE = "casestudies/includes/case_study_card.html"
#: How many lists of cards one process keeps: a page of each common listing, the home page's.
REMEMBERED_LISTS = 64


def render_cards(cases, request=None):
    """The cards of ``cases`` (loaded with ``filters.with_card_data``) as markup, in order."""
    template = get_template(CARD_TEMPLATE)
    # The card needs no context processor: only the request, for its links.
    return mark_safe("".join(template.render({"case": case, "request": request})  # noqa: S308 — rendered by the template engine, escaped there
                             for case in cases))


def cards_html(pks, request=None):
    """The cards of the case studies with the keys ``pks``, in that order, as markup; keys no
    longer there are left out. Read and written once, then kept (module docstring)."""
    pks = tuple(pks)
    if not pks:
        return ""

    def load():
        # Imported here: filters imports the models, which import this module's app.
        from .filters import cards_in_order
        from .models import CaseStudyPage

        cases = cards_in_order(CaseStudyPage.objects.all(), pks)
        return render_cards(prefetch_text_languages(cases), request)

    host = request.get_host() if request is not None else ""
    return memo.remember_tables("casestudies.cards", (pks, active_language(), host), load,
                                size=REMEMBERED_LISTS)
