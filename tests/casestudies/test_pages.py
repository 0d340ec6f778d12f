"""The case-study page: fact box, contacts, meta tags, print CSS; cases on home and area pages."""
import datetime
import re

import pytest

from network.models import PersonRole
from tests.factories import MemberAreaFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def area(db):
    return MemberAreaFactory(slug="vlaardingen", name="Vlaardingen city centre")


@pytest.fixture
def contact(area):
    return PersonFactory(name="Marloes de Wit", role=PersonRole.CENTRE_MANAGER,
                         job_title="Binnenstadsmanager", email="marloes@centre.example",
                         phone="+31 6 1111 2222", areas=[area],
                         organisation=OrganisationFactory(name="Stichting Binnenstad", area=area))


@pytest.fixture
def case(make_case, area, contact, themes):
    return make_case(
        title="A centre organisation in the golden triangle",
        summary="Municipality, entrepreneurs and owners commit money and people.",
        areas=[area], themes=[themes["governance"], themes["vacancy"]], contacts=[contact],
        stakeholders=["municipality", "entrepreneurs", "property_owners"],
        period_start=datetime.date(2021, 3, 1), period_end=None, ongoing=True,
        budget_amount=85000, budget_currency="EUR", budget_notes="per year",
        funders="Municipality and entrepreneurs", entrepreneurs_fund=True,
        organisation_model="foundation", tags=["property owners' association"],
        body=[
            ("context", {"text": "<p>Nobody owned the centre as a whole.</p>"}),
            ("approach", {"text": "<p>Three steps.</p>",
                          "steps": [{"title": "Agree who represents whom", "description": ""}]}),
            ("result", {"text": "<p>A blueprint all three parties support.</p>",
                        "figures": [{"value": "3", "label": "parties at the table"}]}),
            ("lessons", {"text": "<p>Start with those who want to.</p>"}),
            ("transferability", {"conditions": "<p>A municipality willing to share the lead.</p>",
                                 "cost": "A part-time manager", "time": "Two years",
                                 "pitfalls": "<p>Waiting for everybody.</p>"}),
            ("quote", {"quote": "We work with those who want to.", "attribution": "An alderman",
                       "role": "Municipality"}),
        ],
    )


def page_html(client, case):
    response = client.get(case.url)
    assert response.status_code == 200
    return response.content.decode()


def test_long_form_sections_in_order_with_outline(client, case):
    html = page_html(client, case)
    headings = re.findall(r'<h2 id="section-[^"]+">([^<]+)</h2>', html)
    assert headings == ["Context: why", "Approach: what was done", "Result", "Lessons learned",
                        "Transferability: doing this in your centre"]
    outline = html.split('id="toc-heading"')[1].split("</nav>")[0]
    assert outline.count('<li><a href="#section-') == 5
    assert "On this page" in html and 'href="#section-' in html
    assert "We work with those who want to." in html
    assert '<dd class="key-figure__value" lang="en">3</dd>' in html and "parties at the table" in html


def test_fact_box(client, case, area):
    html = page_html(client, case)
    facts = html.split('id="case-facts"')[1].split("</aside>")[0]
    assert f'href="{area.get_absolute_url()}">Vlaardingen city centre</a>' in facts
    assert "since March 2021 (ongoing)" in facts
    assert "Organisation and governance" in facts and "?theme=vacancy" in facts
    assert "Municipality, Entrepreneurs, Property owners" in facts
    assert "€ 85,000 per year" in facts
    assert "Centre-management foundation" in facts
    assert "Yes, an entrepreneurs' fund contributes" in facts
    assert "English" in facts


def test_contact_details_only_for_logged_in_members(client, django_user_model, case):
    anonymous = page_html(client, case)
    assert "Marloes de Wit" in anonymous and "Binnenstadsmanager" in anonymous
    assert "Vlaardingen city centre" in anonymous
    assert "marloes@centre.example" not in anonymous and "1111 2222" not in anonymous
    assert "to see email addresses and phone numbers" in anonymous
    client.force_login(django_user_model.objects.create_user("member", "m@example.org", "pw-1-tests"))
    member = page_html(client, case)
    assert 'href="mailto:marloes@centre.example"' in member and "+31 6 1111 2222" in member


def test_meta_tags_and_print_stylesheet(client, case):
    html = page_html(client, case)
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="A centre organisation in the golden triangle">' in html
    assert ('<meta property="og:description" content="Municipality, entrepreneurs and owners '
            'commit money and people.">') in html
    assert '<link rel="canonical" href="http://testserver/en/case-studies/' in html
    assert '<meta name="description" content="Municipality, entrepreneurs and owners' in html
    assert 'media="print"' in html and "css/print.css" in html


def test_page_declares_the_language_it_is_written_in(client, library):
    # Written in Dutch: a page in the Dutch tree (#15; more in test_languages.py).
    from wagtail.models import Locale

    from .factories import CaseStudyPageFactory

    dutch_library = library.copy_for_translation(Locale.objects.get(language_code="nl"),
                                                 copy_parents=True, alias=True)
    case = CaseStudyPageFactory(parent=dutch_library, title="Ondermijning herkennen")
    html = page_html(client, case)
    assert '<h1 id="case-title" lang="nl"' in html
    assert '<meta property="og:locale" content="nl_NL">' in html


def test_related_cases_editor_choice_first_then_shared_themes(client, make_case, themes):
    from casestudies.models import RelatedCaseStudy

    chosen = make_case(title="Chosen by the editor", themes=[themes["branding"]])
    two_shared = make_case(title="Shares two themes", themes=[themes["vacancy"], themes["mobility"]])
    make_case(title="Shares one theme", themes=[themes["vacancy"]])
    make_case(title="Shares nothing", themes=[themes["governance"]])
    make_case(title="Draft sharing both", themes=[themes["vacancy"], themes["mobility"]], live=False)
    case = make_case(title="The case", themes=[themes["vacancy"], themes["mobility"]])
    case.related_links = [RelatedCaseStudy(related=chosen)]
    case.save_revision().publish()
    related = [page.title for page in case.get_related_case_studies(limit=3)]
    assert related == ["Chosen by the editor", "Shares two themes", "Shares one theme"]
    html = page_html(client, case)
    section = html.split('id="case-related"')[1]
    assert "Chosen by the editor" in section and "Shares nothing" not in section
    assert "Draft sharing both" not in section
    assert [p.title for p in two_shared.get_related_case_studies(limit=1)] == ["The case"]


def test_cases_on_home_and_member_area_pages(client, case, make_case, home_page, area):
    make_case(title="Draft not shown", areas=[area], live=False)
    home = client.get("/en/").content.decode()
    assert "A centre organisation in the golden triangle" in home and "Draft not shown" not in home
    area_page = client.get(area.get_absolute_url()).content.decode()
    assert "A centre organisation in the golden triangle" in area_page
    assert "Draft not shown" not in area_page


def test_library_is_in_the_main_navigation(client, library):
    html = client.get("/en/").content.decode()
    assert '<a href="/en/case-studies/">Case studies</a>' in html
