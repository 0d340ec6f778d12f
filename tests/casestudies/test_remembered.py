"""What the library and a case study remember per content generation (#17): the facet counts,
the results' order and the related cases are read once after a write, never served stale."""
import pytest

from network import memo

pytestmark = pytest.mark.django_db


def facet(response, param):
    found = next(f for f in response.context["library"].facets if f.param == param)
    return {option.value: option.count for option in found.options}


def listed(response):
    return [case.title for case in response.context["library"].case_studies]


def test_library_counts_and_order_follow_a_publish(client, make_case, themes):
    make_case(title="Older vacancy case", themes=[themes["vacancy"]])
    make_case(title="Mobility case", themes=[themes["mobility"]])
    for url in ("/en/case-studies/", "/en/case-studies/?theme=vacancy"):
        client.get(url)  # remembered now
    first = client.get("/en/case-studies/")
    assert facet(first, "theme") == {"vacancy": 1, "mobility": 1}
    assert first.context["library"].total == 2

    make_case(title="Newest vacancy case", themes=[themes["vacancy"]])

    after = client.get("/en/case-studies/")
    assert facet(after, "theme") == {"vacancy": 2, "mobility": 1}
    assert after.context["library"].total == 2 + 1
    assert listed(after)[0] == "Newest vacancy case"
    filtered = client.get("/en/case-studies/?theme=vacancy")
    assert listed(filtered) == ["Newest vacancy case", "Older vacancy case"]
    assert facet(filtered, "theme")["vacancy"] == 2


def test_library_pages_slice_the_remembered_order(client, make_case, themes):
    """Every page of the listing, in both sort orders, from one remembered order."""
    for i in range(14):
        make_case(title=f"Case {chr(ord('A') + i)}", themes=[themes["vacancy"]])
    newest = listed(client.get("/en/case-studies/")) + listed(client.get("/en/case-studies/?page=2"))
    assert newest == [f"Case {chr(ord('A') + i)}" for i in reversed(range(14))]
    by_title = (listed(client.get("/en/case-studies/?sort=title"))
                + listed(client.get("/en/case-studies/?sort=title&page=2")))
    assert by_title == [f"Case {chr(ord('A') + i)}" for i in range(14)]
    last = client.get("/en/case-studies/?page=99")  # past the end: the last page
    assert listed(last) == ["Case B", "Case A"]
    assert last.context["library"].total == 14


def related_titles(response):
    """The titles of the cards under "Related case studies" on a case study's page."""
    import re

    section = re.search(r'<section class="case__related.*?</section>', response.content.decode(),
                        flags=re.S)
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>',
                      section.group(0)) if section else []


def test_related_cases_follow_a_publish(client, make_case, themes):
    one = make_case(title="Shares one theme", themes=[themes["vacancy"]])
    case = make_case(title="The case", themes=[themes["vacancy"], themes["mobility"]])
    client.get(case.url)
    assert related_titles(client.get(case.url)) == [one.title]

    make_case(title="Shares both themes", themes=[themes["vacancy"], themes["mobility"]])
    one.unpublish()

    assert related_titles(client.get(case.url)) == ["Shares both themes"]


def test_facet_options_are_escaped(client, make_case):
    make_case(title="Tagged", tags=["<b>bold</b>"])
    html = client.get("/en/case-studies/").content.decode()
    assert "&lt;b&gt;bold&lt;/b&gt; <span class=\"filter-tags__count\">(1)</span>" in html
    assert "<b>bold</b>" not in html


def test_remembered_combinations_are_bounded(db):
    """A crawler trying every combination of filters costs queries, not memory."""
    memo._start()  # as request_started does
    try:
        for i in range(5):
            assert memo.remember_tables("test-bounded", i, lambda i=i: i * 10, size=3) == i * 10
        entries = memo._tracked["test-bounded"]
        assert list(entries) == [2, 3, 4]
        # A key used again is kept; the least recently used goes.
        assert memo.remember_tables("test-bounded", 2, lambda: "reloaded", size=3) == 20
        memo.remember_tables("test-bounded", 5, lambda: 50, size=3)
        assert list(entries) == [4, 2, 5]
    finally:
        memo._finish()


def test_library_counts_are_not_read_again_after_a_write_elsewhere(client, make_case, themes,
                                                                   django_assert_max_num_queries):
    """A sign-up or a profile edit changes no case study: the library's counts, order and
    labels stay remembered (counting is half a second at 10,000 cases), and the next
    publish is still shown at once."""
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_case(title="Vacancy case", themes=[themes["vacancy"]])
    client.get("/en/case-studies/?theme=vacancy")
    Group.objects.create(name="Written by another request")  # not read by the library

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/case-studies/?theme=vacancy")
    assert response.status_code == 200 and listed(response) == ["Vacancy case"]
    assert not [q for q in queries if "GROUP BY" in q["sql"] or "UNION" in q["sql"]]

    make_case(title="Second vacancy case", themes=[themes["vacancy"]])
    after = client.get("/en/case-studies/?theme=vacancy")
    assert listed(after) == ["Second vacancy case", "Vacancy case"]
    assert facet(after, "theme")["vacancy"] == 2


def test_library_search_follows_the_search_index(client, make_case):
    """Search results are remembered with the index's tables: a case indexed after the
    first search (as the task worker does after a publish, with no write to the pages) is
    found by the next one."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    first = make_case(title="Market hall revival")
    later = make_case(title="Market square events")  # published, not indexed yet
    backend.add(first)
    assert listed(client.get("/en/case-studies/?q=market")) == ["Market hall revival"]
    backend.add(later)
    assert sorted(listed(client.get("/en/case-studies/?q=market"))) == [
        "Market hall revival", "Market square events"]


def card_texts(response):
    """The title, areas and themes of each card as the page shows them."""
    import re

    page = response.content.decode()
    return [(title, areas, re.findall(r'<span class="chip">([^<]+)</span>', rest))
            for title, areas, rest in re.findall(
                r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a></h3>.*?'
                r'<span class="case-card__areas">([^<]*)</span>(.*?)</li>', page, flags=re.S)]


def test_kept_cards_follow_every_change_they_show(client, make_case, themes, monkeypatch):
    """The cards' markup is kept (casestudies.cards), and each change a card shows is on the
    next page: a new title, an area or a theme renamed, a case unpublished. Written as another
    host would, so that only the tables' stamps can tell."""
    from tests.factories import MemberAreaFactory

    monkeypatch.setattr(memo, "forget", lambda: None)
    area = MemberAreaFactory(name="Vlaardingen city centre", slug="vlaardingen")
    case = make_case(title="Pop-up shops", areas=[area], themes=[themes["vacancy"]])
    other = make_case(title="Gift card", areas=[area], themes=[themes["branding"]])
    for url in ("/en/", "/en/case-studies/"):
        client.get(url)  # kept now
    assert card_texts(client.get("/en/case-studies/")) == [
        ("Gift card", "Vlaardingen city centre", ["Branding"]),
        ("Pop-up shops", "Vlaardingen city centre", ["Vacancy"])]

    case.title = "Pop-up shops in empty units"
    case.save_revision().publish()
    area.name = "Binnenstad Vlaardingen"
    area.save()
    themes["vacancy"].name = "Empty shops"
    themes["vacancy"].save()
    expected = [("Pop-up shops in empty units", "Binnenstad Vlaardingen", ["Empty shops"]),
                ("Gift card", "Binnenstad Vlaardingen", ["Branding"])]
    assert card_texts(client.get("/en/case-studies/")) == expected
    assert card_texts(client.get("/en/")) == expected  # the home page's latest

    other.unpublish()
    assert [title for title, *_ in card_texts(client.get("/en/case-studies/"))] == [
        "Pop-up shops in empty units"]


def test_kept_cards_are_not_read_again_after_a_write_elsewhere(client, make_case, themes):
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_case(title="Vacancy case", themes=[themes["vacancy"]])
    client.get("/en/case-studies/")
    Group.objects.create(name="Written by another request")  # shown on no card
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/case-studies/")
    assert [title for title, *_ in card_texts(response)] == ["Vacancy case"]
    assert not [q for q in queries if "casestudies_casestudypage_themes" in q["sql"]]


def test_a_case_studys_kept_facts_follow_a_publish_from_another_host(client, make_case, themes,
                                                                      monkeypatch):
    """The stakeholders involved and the related cases are kept per page
    (``CaseStudyPage.kept_facts``): a change published elsewhere is on the next visit."""
    from casestudies.models import Stakeholder

    monkeypatch.setattr(memo, "forget", lambda: None)  # as another host writes: stamps only
    case = make_case(title="The case", themes=[themes["vacancy"]], stakeholders=["municipality"])
    client.get(case.url)
    page = client.get(case.url).content.decode()
    assert "Stakeholders involved" in page and related_titles(client.get(case.url)) == []

    revision_case = type(case).objects.get(pk=case.pk)
    revision_case.stakeholders.set(Stakeholder.objects.filter(code__in=["municipality",
                                                                       "residents"]))
    revision_case.save_revision().publish()
    make_case(title="Also about vacancy", themes=[themes["vacancy"]])

    response = client.get(case.url)
    dd = response.content.decode().split("Stakeholders involved", 1)[1].split("</dd>", 1)[0]
    assert "Municipality" in dd and "Residents" in dd
    assert related_titles(response) == ["Also about vacancy"]
