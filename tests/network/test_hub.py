"""The hub's extension points (network/hub.py): apps put sections and links on its pages."""
import pytest
from django.test import Client
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from network import hub
from network.models import StandardPage
from tests.factories import MemberAreaFactory, PersonFactory

pytestmark = pytest.mark.django_db


def nav(html):
    return html.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]


def test_main_navigation_keeps_the_registered_order_and_labels(client, home_page, site):
    for slug, title in [("about", "About the network"), ("intervision", "How intervision works"),
                        ("sessions", "Programme"), ("case-studies", "The library")]:
        home_page.add_child(instance=StandardPage(title=title, slug=slug))
    html = nav(client.get("/en/").content.decode())
    labels = [">Case studies<", ">Sessions<", ">Members<", ">Intervision<", ">About<"]
    positions = [html.index(label) for label in labels]
    assert positions == sorted(positions)
    assert "About the network" not in html and "The library" not in html


def test_a_page_ticked_show_in_menus_joins_the_navigation_by_its_title(client, home_page, site):
    home_page.add_child(instance=StandardPage(title="Join us", slug="join", show_in_menus=True))
    home_page.add_child(instance=StandardPage(title="Hidden", slug="hidden"))
    html = nav(client.get("/en/").content.decode())
    assert '<a href="/en/join/">Join us</a>' in html
    assert "Hidden" not in html


def test_an_app_can_add_an_area_section_and_a_member_link(member_client, site):
    MemberAreaFactory(name="Schiedam centre", slug="schiedam")
    guest = PersonFactory(name="Market Maker")  # of no area: shown only by the section

    def market_guest(request, area):
        return {"person": guest}

    section = hub.Section("network/includes/person_card.html", market_guest)
    link = hub.Link(_("Markets"), url_name="search")
    with hooks.register_temporarily([(hub.AREA_SECTIONS, section), (hub.MEMBER_MENU, link)]):
        assert section in hub.sections("area")
        html = member_client.get("/en/members/schiedam/").content.decode()
    assert '<a class="account-link" href="/en/search/">Markets</a>' in html
    assert "Market Maker" in html


def test_an_app_can_add_a_hero_button_for_members_and_a_home_stylesheet(member_client, site):
    """A hero action shows to its audience only; a home section's stylesheet is linked once."""
    def nothing(request):
        return {}

    action = hub.HeroAction(_("Join a market walk"), "search", hub.MEMBERS)
    hidden = hub.HeroAction(_("Never shown"), lambda request: None)  # no address: left out
    section = hub.Section("network/includes/letters.html", nothing, "css/markets.css")
    with hooks.register_temporarily([(hub.HERO_ACTIONS, action), (hub.HERO_ACTIONS, hidden),
                                     (hub.HOME_SECTIONS, section),
                                     (hub.HOME_SECTIONS, section)]):
        member_html = member_client.get("/en/").content.decode()
        visitor_html = Client().get("/en/").content.decode()  # member_client is the client
    assert 'href="/en/search/">Join a market walk</a>' in member_html
    assert "Join a market walk" not in visitor_html
    assert "Never shown" not in member_html + visitor_html
    assert member_html.count('href="/static/css/markets.css"') == 1


def test_a_hero_action_needs_a_known_audience():
    with pytest.raises(ValueError):
        hub.hero_action(_("Everyone and nobody"), "search", audience="staff")
