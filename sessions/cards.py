"""Session cards as markup, kept until what they show changes (#17).

The programme shows a page of session cards, the home page its next three, a member area's
page the sessions it hosted. Loading them (places taken, series, themes, the text in the active
language, the home page's first picture) and writing them through the card template was most
of an uncached programme page at 5,000 sessions. So the markup of a list of cards is kept in
the process (``network.memo.remember_tables``) until

- a table it was read from is written (a session edited, a registration, a theme renamed), or
- the next moment sessions change by the clock passes (``network.pagecache.kept_next_change``:
  a session starting or ending, registration opening or closing, a held place running out),
  or the year turns (a card names the year of a session outside the current one).

Nothing in a card depends on who is looking: the key is the sessions, the list's options, the
language, the host (links to another site are absolute) and, where theme chips link to the
programme filtered by their theme, the programme's other filters, which those links keep.
"""
from django.http import QueryDict
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe

from network import memo, pagecache
from network.images import with_card_images
from network.translation import active_language

LIST_TEMPLATE = "sessions/includes/session_list.html"
#: How many lists of cards one process keeps: the programme's common pages, the home page's,
#: the member areas' most visited.
REMEMBERED_LISTS = 64
#: What a list may be asked to show (session_list.html's options).
OPTIONS = frozenset({"show_seats", "show_details", "show_materials", "compact", "theme_links",
                     "empty_message"})


def listing_query(request):
    """The programme's filters in ``request`` without the page number, in a fixed order: the
    query the theme chips' links start from (the rest of the key, so one entry per filter)."""
    query = QueryDict(mutable=True)
    if request is not None:
        for name, values in sorted(request.GET.lists()):
            if name != "page":
                query.setlist(name, values)
    return query


def load_sessions(pks, *, counts=True, images=False):
    """The live sessions with the keys ``pks``, in that order, with what a card shows: places
    taken (``counts``), series, host area, themes, the first card's picture (``images``) and
    the text in the active language. Keys no longer there are left out."""
    from .languages import attach_texts
    from .models import SessionPage

    rows = (SessionPage.objects.published().filter(pk__in=pks)
            .select_related("series", "host_area").prefetch_related("themes")
            .defer("agenda", "join_url"))
    if counts:
        rows = rows.with_registration_counts()
    if images:
        rows = with_card_images(rows, "image")
    found = {session.pk: session for session in rows}
    return attach_texts([found[pk] for pk in pks if pk in found])


def session_list_html(pks, request=None, **options):
    """The session list (``session_list.html``) of the sessions with the keys ``pks``, in that
    order, with ``options`` (show_seats, show_details, …) as markup; its empty state when
    there are none. Read and written once, then kept (module docstring)."""
    unknown = set(options) - OPTIONS
    if unknown:
        raise TypeError(f"session_list_html() got unknown options: {', '.join(sorted(unknown))}")
    pks = tuple(pks)
    query = listing_query(request) if options.get("theme_links") else QueryDict()
    host = request.get_host() if request is not None else ""
    key = (pks, tuple(sorted(options.items())), active_language(), host, query.urlencode(),
           timezone.localdate().year, pagecache.kept_next_change())

    def load():
        sessions = load_sessions(pks, counts=bool(options.get("show_seats")),
                                 images=bool(options.get("compact"))) if pks else []
        return get_template(LIST_TEMPLATE).render(
            {"sessions": sessions, "request": request, "listing_query": query, **options})

    # Written by the template engine, which escaped what it took from the database.
    return mark_safe(memo.remember_tables("sessions.cards", key, load, size=REMEMBERED_LISTS))  # noqa: S308
