"""Site search finds public pages and never shows private or draft ones."""
import datetime

import pytest
from django.utils.html import escape
from wagtail.models import PageViewRestriction

from network.models import StandardPage

# Every test here searches what it made.
pytestmark = [pytest.mark.django_db, pytest.mark.search_index]


def _add(home, title, slug, live=True):
    page = StandardPage(title=title, slug=slug, intro=f"{title} intro about leegstand")
    home.add_child(instance=page)
    if live:
        page.save_revision().publish()
    else:
        page.live = False
        page.save()
    return page


def test_search_finds_public_pages(client, home_page):
    _add(home_page, "Open findings", "open")
    html = client.get("/en/search/?q=leegstand").content.decode()
    assert "Open findings" in html


def test_search_hides_private_and_draft_pages(client, home_page):
    private = _add(home_page, "Private findings", "private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    _add(home_page, "Draft findings", "draft", live=False)
    html = client.get("/en/search/?q=leegstand").content.decode()
    assert "Private findings" not in html
    assert "Draft findings" not in html


@pytest.mark.parametrize("query", ["", "q=", "q=%00", "q=" + "ø" * 3000, "q=a&page=zz", "q=a&page=0"])
def test_search_bad_input(client, site, query):
    assert client.get(f"/en/search/?{query}").status_code == 200


def test_sitemap_lists_public_pages_only(client, home_page):
    _add(home_page, "Open findings", "open")
    private = _add(home_page, "Private findings", "private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    _add(home_page, "Draft findings", "draft", live=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert "/open/" in xml
    assert "/private/" not in xml
    assert "/draft/" not in xml


@pytest.mark.parametrize("query, searched", [
    # Only punctuation: nothing to search for, so no result list (not every page, not an error).
    ('"', False), ("(((", False), ("*", False), ("-", False),
    ('"leegstand', True), ("a AND OR NOT", True),
])
def test_search_syntax_characters_are_plain_text(client, home_page, query, searched):
    _add(home_page, "Open findings", "open")
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    # The search box keeps what the visitor typed, so they can correct it.
    assert f'value="{escape(query)}"' in html
    assert ("found</h2>" in html) is searched
    if query == '"leegstand':
        # The quote is punctuation, not a phrase operator: the word is found as typed alone.
        assert "Open findings" in html and "1 page found" in html
    if not searched:
        assert "Open findings" not in html


# --- what a result shows: type, date (sessions), a clean plain-text snippet -----------------

def _session(index, **kwargs):
    from tests.sessions.factories import SessionPageFactory

    kwargs.setdefault("date", datetime.date(2031, 3, 13))
    return SessionPageFactory(parent=index, **kwargs)


def _results(html):
    """The HTML of the page results list only."""
    return html.split('<ol class="search-results">', 1)[1].split("</ol>", 1)[0]


def test_session_result_shows_type_date_and_plain_snippet(client, programme):
    _session(programme, title="Empty shop units", time_zone="Europe/Copenhagen",
             description="<p>Vlaardingen   showed a <b>vacancy</b> map.</p><ul><li>Owners</li>"
                         "<li>Rents &amp; leases</li></ul>",
             summary="<p>Twelve conversations.</p>")
    results = _results(client.get("/en/search/?q=Vlaardingen").content.decode())
    assert "Empty shop units" in results
    assert "Session" in results
    assert "Thursday 13 March 2031, 15:00" in results and "CET" in results
    assert "Vlaardingen showed a vacancy map. Owners Rents &amp; leases" in results
    for markup in ("<p>Vlaardingen", "&lt;p&gt;", "<b>", "&lt;b&gt;", "<li>Owners", "&lt;li&gt;"):
        assert markup not in results


def test_session_result_shows_cancelled_status(client, programme):
    session = _session(programme, title="Squares people stay on")
    session.status, session.cancellation_reason = "cancelled", "The speaker fell ill."
    session.save_revision().publish()
    results = _results(client.get("/en/search/?q=squares").content.decode())
    assert "Cancelled" in results


def test_session_snippet_falls_back_to_the_agenda(client, programme):
    _session(programme, title="Agenda only", description="",
             agenda=[("item", {"time": datetime.time(15), "item": "Welcome <p>and</p> coffee"})])
    results = _results(client.get("/en/search/?q=agenda").content.decode())
    assert "Welcome and coffee" in results and "&lt;p&gt;" not in results


def test_case_study_result_shows_type_and_snippet(client, library):
    from tests.casestudies.factories import CaseStudyPageFactory

    # Pasted from a web page, markup and all; and longer than a snippet.
    CaseStudyPageFactory(parent=library, title="Living above the shop",
                         summary="<p>Owners turned empty <b>upper</b> floors into homes.</p> "
                                 + "More " * 40)
    results = _results(client.get("/en/search/?q=upper").content.decode())
    assert "Case study" in results
    snippet = results.split('class="search-results__snippet">', 1)[1].split("</p>", 1)[0]
    assert snippet.startswith("Owners turned empty upper floors into homes. More More")
    assert len(snippet.split()) == 30 and snippet.endswith("…")
    assert "&lt;" not in results


def test_other_pages_get_a_plain_snippet_from_their_body(client, home_page):
    page = StandardPage(title="How intervision works", slug="intervision", body=[
        ("heading", "The case owner"),
        ("paragraph", "<p>One area brings a question.</p><ol><li>Peers ask.</li>"
                      "<li>Peers advise.</li></ol><p>" + "word " * 60 + "</p>"),
    ])
    home_page.add_child(instance=page)
    page.save_revision().publish()
    results = _results(client.get("/en/search/?q=intervision").content.decode())
    assert "Standard page" in results
    assert "The case owner One area brings a question. Peers ask. Peers advise. word" in results
    assert "<li>" not in results.split("</h3>", 1)[1] and "&lt;" not in results
    snippet = results.split('class="search-results__snippet">', 1)[1].split("</p>", 1)[0]
    assert len(snippet.split()) == 30 and snippet.endswith("…")


def _search_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/en/search/?q=leegstand")  # what every page reads: once per change (network/memo.py)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/search/?q=leegstand")
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_search_queries_do_not_grow_with_the_results(client, home_page, programme, library):
    from tests.casestudies.factories import CaseStudyPageFactory

    def add(numbers):
        for i in numbers:
            _session(programme, title=f"Session {i}", description="<p>About leegstand.</p>")
            CaseStudyPageFactory(parent=library, summary="Less leegstand.")
            _add(home_page, f"Page {i}", f"page-{i}")

    add(range(1))
    _search_queries(client)  # warm the caches (site root paths), as every later visitor finds them
    html, few = _search_queries(client)
    assert "3 pages found" in html
    add(range(1, 4))
    html, many = _search_queries(client)
    assert "12 pages found" in html
    assert many == few


# --- SQLite: ranked in one pass (network/search_backend.py, #17) ------------------------------

@pytest.fixture
def ranked_pages(home_page):
    """Pages that match "leegstand" more or less well, among others that do not match."""
    pages = []
    for n in range(14):
        page = StandardPage(title=f"Leegstand {n}" if n % 3 == 0 else f"Kernwinkelgebied {n}",
                            slug=f"page-{n}",
                            intro=" ".join(["leegstand"] * (n % 4) + ["winkelstraat", "binnenstad"]))
        home_page.add_child(instance=page)
        page.save_revision().publish()
        pages.append(page)
    return pages


QUERIES = ["leegstand", "leegstand winkelstraat", '"winkelstraat binnenstad"', "binnenstad",
           "kernwinkelgebied OR leegstand", "nothing-matches-this"]


@pytest.mark.parametrize("query", QUERIES)
def test_one_pass_ranking_orders_as_wagtail_does(ranked_pages, query):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the one-pass ranking replaces Wagtail's on SQLite only")
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend
    from wagtail.models import Page

    from network.search_backend import SearchBackend
    ours, wagtails = SearchBackend({}), SQLiteSearchBackend({})
    assert type(ours) is not SQLiteSearchBackend
    pages = Page.objects.live().public().specific()

    def titles(backend, *window, method="search"):
        results = getattr(backend, method)(query, pages)
        if window:
            results = results[window[0]:window[1]]
        return [page.title for page in results], results.count()

    assert titles(ours) == titles(wagtails)
    assert titles(ours, 0, 5) == titles(wagtails, 0, 5)
    assert titles(ours, 5, 10) == titles(wagtails, 5, 10)
    if " " not in query and '"' not in query:  # the admin's choosers: as-you-type
        assert titles(ours, method="autocomplete") == titles(wagtails, method="autocomplete")
        assert titles(ours, 0, 5, method="autocomplete") == titles(wagtails, 0, 5, method="autocomplete")


def test_a_common_word_in_a_large_library_costs_a_fixed_number_of_queries(
        client, ranked_pages, django_assert_max_num_queries):
    """Wagtail's own SQLite ranking ran the full-text match once per result."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the one-pass ranking replaces Wagtail's on SQLite only")
    client.get("/en/search/?q=binnenstad")
    with django_assert_max_num_queries(12) as queries:
        html = client.get("/en/search/?q=binnenstad").content.decode()
    assert "14 pages found" in html
    assert sum("MATCH" in q["sql"] for q in queries.captured_queries) == 2  # pages, areas
