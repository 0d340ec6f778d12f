"""What every page needs (site, home page, locale, view restrictions, the header's pages) is
read once per generation of the page cache, and never served from before a change (#17)."""
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from network import memo, pagecache
from network.models import StandardPage

pytestmark = pytest.mark.django_db

SHARED_TABLES = re.compile(r'FROM "(wagtailcore_site|wagtailcore_locale|wagtailcore_pageviewrestriction)"')


@pytest.fixture
def about(home_page, site):
    page = StandardPage(title="About the network", slug="about", intro="Who we are.",
                        show_in_menus=True)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def as_another_host(monkeypatch):
    """Writes made from here on are seen as another host's: they change the shared generation,
    but this process's memo is not told directly."""
    def start():
        monkeypatch.setattr(memo, "forget", lambda: None)
    return start


def shared_reads(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, [q["sql"] for q in queries if SHARED_TABLES.search(q["sql"])]


def test_the_second_request_reads_no_site_locale_or_restriction(client, about):
    response, reads = shared_reads(client, about.url)
    assert response.status_code == 200 and reads
    response, reads = shared_reads(client, about.url)
    assert response.status_code == 200
    assert reads == []


def test_a_home_page_edit_shows_on_the_next_request(client, home_page, as_another_host):
    client.get("/en/")
    as_another_host()
    home_page.intro = "A network that keeps town centres alive."
    home_page.save_revision().publish()
    assert "A network that keeps town centres alive." in client.get("/en/").content.decode()


def test_a_new_page_in_the_header_shows_on_the_next_request(client, home_page, about,
                                                             as_another_host):
    assert 'href="/en/about/"' in client.get("/en/").content.decode()
    as_another_host()
    contact = StandardPage(title="Contact", slug="contact", show_in_menus=True)
    home_page.add_child(instance=contact)
    contact.save_revision().publish()
    assert 'href="/en/contact/"' in client.get("/en/").content.decode()


def test_a_page_made_private_is_refused_on_the_next_request(client, about, as_another_host):
    assert client.get(about.url).status_code == 200
    as_another_host()
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(about.url)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_restriction_covers_the_pages_below(client, about):
    below = StandardPage(title="Our history", slug="history")
    about.add_child(instance=below)
    below.save_revision().publish()
    assert client.get(below.url).status_code == 200
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(below.url).status_code == 302


def test_an_alias_of_a_private_page_is_private(client, home_page, about):
    section = StandardPage(title="Elsewhere", slug="elsewhere")
    home_page.add_child(instance=section)
    section.save_revision().publish()
    alias = about.create_alias(parent=section, update_slug="about-copy")
    assert client.get(alias.url).status_code == 200
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(alias.url).status_code == 302
    # The source's restriction, not the alias's own place: the section stays public.
    assert client.get(section.url).status_code == 200


def test_a_password_restriction_asks_for_the_password(client, about):
    PageViewRestriction.objects.create(page=about, password="intervision",
                                       restriction_type=PageViewRestriction.PASSWORD)
    response = client.get(about.url)
    assert response.status_code == 200 and b'name="password"' in response.content
    assert "no-cache" in response["Cache-Control"]


def test_the_restrictions_a_page_gets_are_a_queryset_that_can_be_refined(about):
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.LOGIN)
    memo._start()
    try:
        found = about.get_view_restrictions()
        assert list(found) == [restriction]
        assert found.exists()
        assert list(found.order_by("-page__depth")) == [restriction]
        assert not Page.objects.get(pk=about.get_parent().pk).get_view_restrictions().exists()
    finally:
        memo._finish()


def test_each_request_gets_its_own_copy_of_the_site_and_home_page(home_page):
    factory = RequestFactory()
    memo._start()
    try:
        first = Site.find_for_request(factory.get("/en/"))
        first.root_page.note = "set by one request"
        second = Site.find_for_request(factory.get("/en/"))
    finally:
        memo._finish()
    assert second is not first and second.root_page is not first.root_page
    assert not hasattr(second.root_page, "note")
    assert type(second.root_page) is type(home_page) and second.root_page.pk == home_page.pk


def test_a_request_that_writes_remembers_nothing_more(home_page):
    memo._start()
    try:
        assert memo.remember("key", lambda: 1) == 1
        assert memo.remember("key", lambda: 2) == 1
        Page.objects.filter(pk=home_page.pk).update(title="Home")  # a write: a new generation
        assert memo.remember("key", lambda: 3) == 3
        assert memo.remember("key", lambda: 4) == 4
    finally:
        memo._finish()
    memo._start()  # the next request, in the new generation
    try:
        assert memo.remember("key", lambda: 5) == 5
        assert memo.remember("key", lambda: 6) == 5
    finally:
        memo._finish()


def test_outside_a_request_nothing_is_remembered():
    assert memo.remember("key", lambda: 1) == 1
    assert memo.remember("key", lambda: 2) == 2


def test_an_unreadable_cache_costs_only_the_queries(client, about, monkeypatch):
    from network import pagecache

    def broken():
        raise ConnectionError("the cache is down")

    monkeypatch.setattr(pagecache, "current_generation", broken)
    for _ in range(2):
        response, reads = shared_reads(client, about.url)
        assert response.status_code == 200 and reads


# --- values kept by the tables they were read from (remember_tables) ---------------------------

def _in_request(func):
    memo._start()  # as request_started does
    try:
        return func()
    finally:
        memo._finish()


def _page_titles():
    return sorted(Page.objects.filter(depth__gt=1).values_list("title", flat=True))


def test_a_value_kept_by_its_tables_outlives_writes_to_other_tables(home_page, as_another_host):
    as_another_host()
    loads = []

    def titles():
        loads.append(1)
        return _page_titles()

    assert _in_request(lambda: memo.remember_tables("t", "k", titles)) == [home_page.title]
    Group.objects.create(name="Not read by the value")  # another table: a new generation only
    assert _in_request(lambda: memo.remember_tables("t", "k", titles)) == [home_page.title]
    assert len(loads) == 1

    Page.objects.filter(pk=home_page.pk).update(title="Renamed elsewhere")  # a table it read
    assert _in_request(lambda: memo.remember_tables("t", "k", titles)) == ["Renamed elsewhere"]
    assert len(loads) == 2


def test_a_value_built_on_another_counts_the_other_ones_tables(home_page, as_another_host):
    """The outer value ran no query on the page table itself: it is still read again when
    that table is written, because the inner value was."""
    as_another_host()

    def outer():
        return len(memo.remember_tables("inner", "k", _page_titles))

    assert _in_request(lambda: memo.remember_tables("outer", "k", outer)) == 1
    assert _in_request(lambda: memo.remember_tables("outer", "k", outer)) == 1  # both kept
    home_page.add_child(instance=StandardPage(title="A second page", slug="second"))
    assert _in_request(lambda: memo.remember_tables("outer", "k", outer)) == 2


def test_a_value_read_through_the_generation_memo_counts_its_tables(home_page, about,
                                                                      as_another_host):
    """The restrictions are remembered per generation; read inside a value kept by its tables,
    their queries run again so that the restriction table counts among the value's."""
    as_another_host()
    from network.restrictions import restricted_sections

    def public_titles():
        restricted_sections()
        return sorted(Page.objects.live().public().filter(depth__gt=2)
                      .values_list("title", flat=True))

    _in_request(lambda: memo.remember("restricted-sections", lambda: []))  # remembered outside
    assert _in_request(lambda: memo.remember_tables("p", "k", public_titles)) == [about.title]
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    assert _in_request(lambda: memo.remember_tables("p", "k", public_titles)) == []


def test_a_request_that_writes_keeps_nothing_by_tables(home_page):
    def request():
        Page.objects.filter(pk=home_page.pk).update(title="Written in this request")
        first = memo.remember_tables("w", "k", _page_titles)
        Page.objects.filter(pk=home_page.pk).update(title="Written again")
        return first, memo.remember_tables("w", "k", _page_titles)

    assert _in_request(request) == (["Written in this request"], ["Written again"])
    assert "k" not in memo._tracked.get("w", {})


def test_a_value_loaded_while_another_process_writes_is_not_kept(home_page, as_another_host):
    as_another_host()

    def load_during_a_write():
        titles = _page_titles()
        pagecache.new_generation(("wagtailcore_page",))  # another host commits meanwhile
        return titles

    assert _in_request(lambda: memo.remember_tables("r", "k", load_during_a_write)) \
        == [home_page.title]
    assert "k" not in memo._tracked.get("r", {})
    assert _in_request(lambda: memo.remember_tables("r", "k", lambda: "read again")) == "read again"


def test_a_table_stamp_lost_with_the_cache_is_never_reused(home_page, as_another_host):
    as_another_host()
    assert _in_request(lambda: memo.remember_tables("s", "k", _page_titles)) == [home_page.title]
    pagecache.page_cache().clear()  # Redis restarted, files culled: every stamp is new
    assert _in_request(lambda: memo.remember_tables("s", "k", lambda: "read again")) == "read again"


def test_outside_a_request_nothing_is_kept_by_tables(home_page):
    assert memo.remember_tables("o", "k", lambda: 1) == 1
    assert memo.remember_tables("o", "k", lambda: 2) == 2


def test_kept_values_share_their_tables_names_and_stamps(home_page):
    """Thousands of kept values (a case study's facts, per page) read the same few tables: one
    copy of their names and stamps is held, not one per value (worker memory, #17)."""
    for key in ("first", "second"):
        _in_request(lambda key=key: memo.remember_tables("shared", key, _page_titles))
    first, second = (memo._tracked["shared"][key] for key in ("first", "second"))
    assert first.tables == second.tables == ("wagtailcore_page",)
    assert first.tables is second.tables
    assert all(a is b for a, b in zip(first.stamps, second.stamps, strict=True))
