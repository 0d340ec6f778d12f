"""#16: informative case-study cards, the library's filter panel on a phone, the case page as a
long read (last updated, key figures, lessons, contacts), its Open Graph tags and print marks."""
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale

from casestudies.models import CaseStudyContact, contact_line
from network.models import Country, Organisation, Person, PersonRole
from tests.factories import MemberAreaFactory, OrganisationFactory, PersonFactory

from .factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def make_image(title="Harbour front"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 800), (30, 90, 120)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, description="The old harbour with shops along the quay",
        file=ImageFile(buffer, name="harbour.png"))


@pytest.fixture
def leeuwarden(db):
    return MemberAreaFactory(slug="leeuwarden", name="Leeuwarden city centre",
                             country=Country.NETHERLANDS)


@pytest.fixture
def koge(db):
    return MemberAreaFactory(slug="koge", name="Køge", country=Country.DENMARK)


@pytest.fixture
def pact(make_case, leeuwarden, themes):
    """A case with an image, a one-line result, key figures, lessons and a checked date."""
    return make_case(
        title="Property owners sign a pact on vacancy", areas=[leeuwarden],
        themes=[themes["vacancy"], themes["governance"]], tags=["vacancy pact"],
        result_line="Vacancy fell from 11% to 7% in 18 months", hero_image=make_image(),
        hero_caption="The quay in spring", hero_credit="Centre Network demo",
        period_start=datetime.date(2022, 4, 1), period_end=None, ongoing=True,
        last_updated=datetime.date(2026, 6, 30),
        body=[
            ("context", {"text": "<p>Owners lived elsewhere.</p>"}),
            ("result", {"text": "<p>Fewer empty units.</p>",
                        "figures": [{"value": "11% → 7%", "label": "vacancy in the core"},
                                    {"value": "20", "label": "homes above shops"}]}),
            ("lessons", {"text": "<p>Owners act when they see the numbers.</p>"
                                 "<p>Short leases need a guarantor.</p>"}),
        ],
    )


# --- the card ----------------------------------------------------------------------------------

def card_of(soup, title):
    link = soup.find("a", string=title)
    assert link is not None, f"no card for {title!r}"
    return link.find_parent("li", class_="card")


def test_card_shows_image_areas_with_flag_period_theme_chips_and_result(client, library, pact):
    card = card_of(soup_of(client.get(library.url)), pact.title)
    image = card.select_one(".card__media img")
    assert image is not None and image["alt"] == ""  # the title says it; the picture decorates
    meta = card.select_one(".card__meta").get_text(" ", strip=True)
    assert "Leeuwarden city centre" in meta and "Netherlands" in meta and "since April 2022" in meta
    assert card.select_one(".card__meta .flag.flag--nl")["aria-hidden"] == "true"
    assert {chip.get_text(strip=True) for chip in card.select(".chip-list .chip")} == {
        "Organisation and governance", "Vacancy"}
    result = card.select_one(".case-card__result")
    assert result.get_text(" ", strip=True) == "Result: Vacancy fell from 11% to 7% in 18 months"


def test_card_result_falls_back_to_the_first_key_figure_else_nothing(client, library, make_case, koge):
    make_case(title="Figures only", areas=[koge], body=[
        ("context", {"text": "<p>Quiet streets.</p>"}),
        ("result", {"text": "<p>More people.</p>",
                    "figures": [{"value": "+25%", "label": "pedestrians on the link street"}]})])
    make_case(title="No figures", body=[("context", {"text": "<p>x</p>"}),
                                        ("result", {"text": "<p>y</p>", "figures": []})])
    soup = soup_of(client.get(library.url))
    figures = card_of(soup, "Figures only")
    assert "+25% pedestrians on the link street" in figures.select_one(".case-card__result").get_text()
    assert figures.select_one(".flag.flag--dk") and "Denmark" in figures.get_text()
    assert figures.select_one(".card__media") is None  # no image: no empty frame
    assert card_of(soup, "No figures").select_one(".case-card__result") is None


def test_card_of_an_untranslated_case_keeps_its_language_badge(client, library):
    dutch_library = library.copy_for_translation(Locale.objects.get(language_code="nl"),
                                                 copy_parents=True, alias=True)
    case = CaseStudyPageFactory(parent=dutch_library, title="Ondermijning herkennen",
                                result_line="60 ondernemers getraind")
    case.copy_for_translation(Locale.objects.get(language_code="en"), alias=True)
    card = card_of(soup_of(client.get(library.url)), "Ondermijning herkennen")
    assert card["lang"] == "nl"
    badge = card.select_one(".badge.case-card__language")
    assert badge.get_text(strip=True) == "in Dutch" and badge.find_parent(attrs={"lang": "en"})


def test_library_cards_with_images_need_no_query_per_card(client, library, make_case, leeuwarden,
                                                          django_assert_max_num_queries):
    """The image and its renditions are prefetched: 6 cards with pictures cost what 2 do."""
    def add(n):
        for i in range(n):
            make_case(title=f"Picture case {i}", areas=[leeuwarden], hero_image=make_image(f"p{i}"))
    add(2)
    client.get(library.url)  # warm caches; renditions are made on the first view
    with CaptureQueriesContext(connection) as context:
        client.get(library.url)
        few = len(context.captured_queries)  # (a request resets the log: count it now)
    add(4)
    client.get(library.url)
    with django_assert_max_num_queries(few):
        assert client.get(library.url).status_code == 200


# --- the library on a phone ----------------------------------------------------------------------

def test_results_come_before_the_collapsible_filter_panel(client, library, pact):
    soup = soup_of(client.get(f"{library.url}?theme=vacancy&country=NL"))
    listing = soup.select_one(".listing")
    parts = [child for child in listing.children if getattr(child, "name", None)]
    assert [part["class"][0] for part in parts] == ["listing__results", "listing__filters"]
    panel = listing.select_one("aside.listing__filters details.filter-panel[data-filter-panel]")
    assert not panel.has_attr("open")  # closed on a phone until asked for
    summary = panel.select_one("summary.filter-panel__toggle")
    assert summary.select_one("#filters-heading").get_text(strip=True) == "Filters"
    assert summary.select_one(".filter-panel__count").get_text(strip=True) == "2 active"
    form = panel.select_one("form.filters[data-auto-submit]")
    assert form.select_one('button[type="submit"]').get_text(strip=True) == "Show case studies"
    # The chosen filters show above the results as chips that remove them.
    chips = soup.select_one('ul.active-filters[aria-label="Active filters"]')
    assert chips.select_one('a.chip.chip--active[href="?country=NL"]').get_text(" ", strip=True) \
        .startswith("Theme: Vacancy")


def test_no_active_count_without_filters(client, library, pact):
    soup = soup_of(client.get(library.url))
    assert soup.select_one(".filter-panel__count") is None
    assert soup.select_one(".active-filters") is None


def test_tags_are_a_searchable_list_and_old_tag_links_still_work(client, library, pact, make_case):
    make_case(title="Another", tags=["pop-up", "gift card"])
    soup = soup_of(client.get(f"{library.url}?tag=vacancy-pact"))
    assert soup.select_one("select[name=tag]") is None
    fieldset = soup.select_one("fieldset.filter-tags")
    assert fieldset.legend.get_text(strip=True) == "Tag"
    search = fieldset.select_one("input[data-filter-list]")
    assert fieldset.select_one(f"#{search['data-filter-list']}") is not None
    assert soup.find("label", attrs={"for": search["id"]}) is not None
    radios = {radio["value"]: radio.has_attr("checked")
              for radio in fieldset.select('input[type="radio"][name="tag"]')}
    assert radios == {"": False, "vacancy-pact": True, "pop-up": False, "gift-card": False}
    titles = [a.get_text() for a in soup.select(".listing__results .card__title a")]
    assert titles == [pact.title]


@pytest.mark.parametrize("query", ["tag=%00", "tag=no-such-tag", "tag=" + "t" * 500, "tag[]=x"])
def test_odd_tag_values_are_ignored_with_a_notice(client, library, pact, query):
    response = client.get(f"{library.url}?{query}")
    assert response.status_code == 200
    if "[]" not in query:
        assert "have been ignored" in response.content.decode()
    assert response.context["library"].total == 1


def test_search_stands_above_the_results_and_keeps_the_filters(client, library, pact):
    soup = soup_of(client.get(f"{library.url}?theme=vacancy&sort=title"))
    search = soup.select_one("form.library-search[role=search]")
    assert search.find_next("section", class_="listing__results") is not None
    hidden = {field["name"]: field["value"] for field in search.select('input[type="hidden"]')}
    assert hidden == {"theme": "vacancy", "sort": "title"}


def test_empty_state_offers_a_way_back(client, library, pact):
    soup = soup_of(client.get(f"{library.url}?theme=mobility"))
    empty = soup.select_one(".empty-state")
    assert empty.select_one(".empty-state__title").get_text() == "No case study matches these filters."
    assert empty.select_one(".actions a")["href"] == library.url


# --- the case page as a long read ---------------------------------------------------------------

def test_page_head_shows_the_checked_date_not_the_publication_date(client, pact):
    soup = soup_of(client.get(pact.url))
    head = soup.select_one("header.page-head")
    assert head.h1.get_text() == pact.title
    assert head.select_one(".page-head__lead").get_text() == pact.summary
    meta = head.select_one(".page-head__meta")
    text = meta.get_text(" ", strip=True)
    assert "Leeuwarden city centre" in text and "Netherlands" in text and meta.select_one(".flag--nl")
    assert "since April 2022 (ongoing)" in text
    assert "Last updated 30 June 2026" in text
    assert meta.select_one("time")["datetime"] == "2026-06-30"
    assert "Published" not in soup.select_one("article.case").get_text()


def test_last_updated_falls_back_to_the_last_publication_day(client, make_case):
    case = make_case(title="Not checked yet")
    case.refresh_from_db()
    assert case.last_updated is None
    time = soup_of(client.get(case.url)).select_one(".page-head__meta time")
    assert time["datetime"] == case.updated_on.isoformat()
    # The reader's day in the site's zone, not UTC's: late in the evening they differ.
    assert case.updated_on == timezone.localdate(case.last_published_at)


def test_hero_image_with_caption_and_credit(client, pact):
    figure = soup_of(client.get(pact.url)).select_one("figure.case__hero")
    assert figure.img is not None
    assert figure.figcaption.get_text(" ", strip=True) == "The quay in spring Image: Centre Network demo"


def test_key_figures_never_wrap_and_lessons_are_pull_quotes(client, pact):
    soup = soup_of(client.get(pact.url))
    assert soup.select_one("article .prose") is not None
    values = [dd.get_text() for dd in soup.select("dl.key-figures .key-figure dd.key-figure__value")]
    # Non-breaking spaces as well as the class: "11% → 7%" stays on one line even without CSS.
    assert values == ["11%\u00a0→\u00a07%", "20"]
    quotes = [q.get_text(strip=True) for q in soup.select(".case-section--lessons blockquote.pull-quote")]
    assert quotes == ["Owners act when they see the numbers.", "Short leases need a guarantor."]


def test_open_graph_uses_the_og_image_and_the_checked_date(client, pact):
    html = client.get(pact.url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    og_image = soup.select_one('meta[property="og:image"]')["content"]
    assert og_image.startswith("http://testserver/")
    assert soup.select_one('meta[property="article:modified_time"]')["content"] == "2026-06-30"
    assert soup.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
    assert html.count('property="og:title"') == 1  # the page's tags replace the site's defaults


def test_parts_that_do_not_print_are_marked(client, library, pact, make_case, themes):
    make_case(title="Related by theme", themes=[themes["vacancy"]])
    page = soup_of(client.get(pact.url))
    assert "no-print" in page.select_one(".case__related")["class"]
    assert "no-print" in page.select_one(".breadcrumb")["class"]
    listing = soup_of(client.get(library.url))
    for selector in (".listing__filters", ".subscribe", ".library-search"):
        assert "no-print" in listing.select_one(selector)["class"], selector


# --- contacts ----------------------------------------------------------------------------------

def contact(job_title="", role_in_case="", organisation=""):
    person = Person(name="Sietse Bouma", role=PersonRole.CHAIR, job_title=job_title,
                    organisation=Organisation(name=organisation) if organisation else None)
    return CaseStudyContact(person=person, role_in_case=role_in_case)


@pytest.mark.parametrize("kwargs, line", [
    # The Leeuwarden demo contact: the job title names the organisation already.
    ({"job_title": "Chair, Vastgoedkring Leeuwarden", "organisation": "Vastgoedkring Leeuwarden"},
     "Chair, Vastgoedkring Leeuwarden"),
    ({"job_title": "Chair, VASTGOEDKRING Leeuwarden", "organisation": "Vastgoedkring Leeuwarden"},
     "Chair, VASTGOEDKRING Leeuwarden"),
    ({"job_title": "Chair", "organisation": "Vastgoedkring Leeuwarden"},
     "Chair, Vastgoedkring Leeuwarden"),
    ({"job_title": "Chair, Vastgoedkring Leeuwarden", "role_in_case": "Signed for the owners",
      "organisation": "Vastgoedkring Leeuwarden"}, "Signed for the owners, Vastgoedkring Leeuwarden"),
    ({"role_in_case": "Project lead at vastgoedkring leeuwarden",
      "organisation": "Vastgoedkring Leeuwarden"}, "Project lead at vastgoedkring leeuwarden"),
    ({"job_title": "Chair"}, "Chair"),
    ({}, "Chair"),  # the role's label when there is no job title
])
def test_contact_line_never_repeats_the_organisation(kwargs, line):
    assert contact_line(contact(**kwargs)) == line


def test_contact_on_the_page_names_the_organisation_once(client, make_case, leeuwarden):
    owners = OrganisationFactory(name="Vastgoedkring Leeuwarden", area=leeuwarden)
    chair = PersonFactory(name="Sietse Bouma", role=PersonRole.CHAIR, areas=[leeuwarden],
                          job_title="Chair, Vastgoedkring Leeuwarden", organisation=owners)
    case = make_case(areas=[leeuwarden], contacts=[chair])
    role = soup_of(client.get(case.url)).select_one(".contact__role").get_text()
    assert role == "Chair, Vastgoedkring Leeuwarden"
