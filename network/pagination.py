"""Paging shared by every listing: the page sizes and a paginator that never fails.

Malformed ``?page=`` values never become an error page: anything that is not a plain positive
number (``abc``, ``0``, ``-1``, ``1.5``, ``²``, a full-width ``２``) means the first page, and
numbers past the end mean the last page.
"""
from django.core.paginator import PageNotAnInteger, Paginator

# One size per kind of listing, so that listings of the same kind page alike.
PAGE_SIZE = 24  # grids of short cards (member areas, people)
SHORT_PAGE_SIZE = 12  # lists of long cards with dates and summaries
RESULTS_PAGE_SIZE = 20  # lists of results or records, one line each


class LenientPaginator(Paginator):
    """A paginator whose ``get_page`` answers odd page numbers with the first page."""

    def validate_number(self, number):
        """Refuse anything but ASCII digits naming a page from 1 up as "not an integer".

        ``int()`` accepts "２" and " 2 ", and Django's ``get_page`` answers 0 and negative
        numbers with the *last* page; links and old bookmarks expect the first.
        """
        if isinstance(number, str) and not (number.isascii() and number.isdigit()
                                            and int(number) > 0):
            raise PageNotAnInteger(self.error_messages["invalid_page"])
        return super().validate_number(number)


def paginate(request, object_list, per_page=PAGE_SIZE):
    """The page of ``object_list`` that ``?page=`` asks for (see ``LenientPaginator``)."""
    return LenientPaginator(object_list, per_page).get_page(request.GET.get("page"))
