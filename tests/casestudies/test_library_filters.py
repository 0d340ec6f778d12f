"""The library's filters (casestudies.filters.LibraryFilter): facet counts match the results,
odd input is ignored with a note."""
import pytest

from .test_library import shared_library  # noqa: F401 (the module's data, made once)


@pytest.fixture
def library(shared_library, db):  # noqa: F811
    return shared_library.library


pytestmark = pytest.mark.django_db

NOTE = "Some filters were not understood and have been ignored:"


def library_of(response):
    assert response.status_code == 200
    return response.context["library"]


@pytest.mark.parametrize("query", ["", "country=NL", "theme=vacancy&size=50k-100k", "q=shops"])
def test_every_facet_count_is_the_number_of_results_its_option_gives(client, library, query):
    base = library_of(client.get(f"{library.url}?{query}"))
    checked = 0
    for facet in base.facets:
        for option in facet.options:
            chosen = f"{query}&{facet.param}={option.value}".lstrip("&")
            assert library_of(client.get(f"{library.url}?{chosen}")).total == option.count, chosen
            checked += 1
    assert checked


@pytest.mark.parametrize("query, note", [
    ("theme=1", "Theme “1”"),  # an id instead of a slug
    ("area=koge&area=%00", "Member area “”"),
    ("year=2022%00", "Year started “2022”"),
    ("tag=" + "t" * 300, "Tag “" + "t" * 29 + "…”"),
    ("stakeholder=municipality&stakeholder=aliens", "Stakeholders involved “aliens”"),
    ("size=%00%00", "Area size (inhabitants)"),
])
def test_malformed_values_are_ignored_with_a_note(client, library, query, note):
    response = client.get(f"{library.url}?{query}")
    html = response.content.decode()
    assert NOTE in html and note in html
    assert library_of(response).total == 4


def test_pagination_never_echoes_ignored_values(client, library, monkeypatch):
    monkeypatch.setattr(type(library), "page_size", 2)
    html = client.get(f"{library.url}?theme=nope&sort=title").content.decode()
    assert 'href="?sort=title&amp;page=2"' in html
