"""A large network's member-area fields in the browser: typed, with suggestions from the
server as one types (network/area_picker.py, static/js/area-picker.js, #17).

The demo network has fewer areas than a select may offer (``AREA_SELECT_LIMIT``), so this
module adds prospective member areas until it has more, through Django (so every gunicorn
worker sees the change at once), and removes them when it is done.
"""
import re

import pytest
from playwright.sync_api import expect

from . import state

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("area-picker")]

ADDED = "picker-journey-"


@pytest.fixture(scope="module")
def crowded(live_site):
    limit = int(live_site.env.get("AREA_SELECT_LIMIT") or 100)
    live_site.manage("shell", "-c", f"""
from network.models import MemberArea
have = MemberArea.objects.in_directory().count()
for n in range(max(0, {limit} + 1 - have)):
    MemberArea.objects.get_or_create(slug="{ADDED}%d" % n, defaults={{
        "name": "Westerhaven %03d" % n, "municipality": "Westerhaven", "country": "NL",
        "membership_status": "prospective"}})
""")
    yield live_site
    live_site.manage("shell", "-c", f"""
from network.models import MemberArea
MemberArea.objects.filter(slug__startswith="{ADDED}").delete()
""")


def _area_with_cases(site):
    """(slug, name) of the member area with the most case studies."""
    return site.sql("""
        SELECT a.slug, a.name FROM network_memberarea a
        JOIN casestudies_casestudypage_areas c ON c.memberarea_id = a.id
        WHERE a.membership_status != 'former'
        GROUP BY a.id ORDER BY COUNT(*) DESC, a.name LIMIT 1""")[0]


def _suggested(field):
    """The values the field's datalist offers now."""
    return field.evaluate(
        "input => Array.from(input.list.options, option => option.value)")


def test_visitor_types_an_area_and_picks_it_from_the_suggestions(page, crowded):
    slug, name = _area_with_cases(crowded)
    page.goto("/en/case-studies/")
    panel = page.locator("details.filter-panel")
    if not panel.evaluate("details => details.open"):
        page.locator("summary.filter-panel__toggle").click()
    field = page.get_by_label("Member area", exact=True)
    expect(field).to_have_attribute("list", "filter-area-suggestions")
    assert page.locator("#filter-area-suggestions option").count() == 0  # nothing shipped
    expect(page.locator("#filter-area-help")).to_have_text(
        "Type part of the name, then choose it from the suggestions.")

    field.press_sequentially(name[:4].lower(), delay=30)
    expect(page.locator(f'#filter-area-suggestions option[value="{name}"]')).to_have_count(1)
    assert len(_suggested(field)) <= 10
    # Choosing from the browser's list (a replacement, not typing) applies the filter at once,
    # as choosing an option of a select does.
    field.evaluate("""(input, name) => {
        input.value = name;
        input.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertReplacementText'}));
    }""", name)
    expect(page).to_have_url(re.compile(r"[?&]area="))
    expect(page.get_by_role("list", name="Active filters")).to_contain_text(name)
    filtered = page.locator("#results-heading").inner_text()
    expect(page.get_by_label("Member area", exact=True)).to_have_value(name)

    # The same as the area's slug in a link; a sort keeps it.
    page.goto(f"/en/case-studies/?area={slug}")
    expect(page.locator("#results-heading")).to_have_text(filtered)


def test_visitor_signs_up_by_typing_their_area(page, crowded, width):
    site = crowded
    address = f"picker-{width}@example.org"
    slug, name = site.sql("SELECT slug, name FROM network_memberarea WHERE slug = 'valby'")[0]
    area_id = site.sql("SELECT id FROM network_memberarea WHERE slug = ?", slug)[0][0]
    session = state.session_with_room(site, address, area_id)
    page.goto(state.page_path(session))
    form = page.locator("form.registration-form")
    form.get_by_label("Your name").fill("Ida Picker")
    form.get_by_label("E-mail address").fill(address)
    area = form.get_by_label("Your member area")
    area.press_sequentially(name[:3], delay=30)
    expect(page.locator(f'#id_area-suggestions option[value="{name}"]')).to_have_count(1)

    # A name that is no area's is answered with the nearest ones; nothing typed is lost.
    area.fill(name[:-1])
    form.get_by_role("button", name="Register").click()
    expect(page.locator("main")).to_contain_text(
        f"No member area in the directory is called “{name[:-1]}”. Did you mean: “{name}”")
    form = page.locator("form.registration-form")
    expect(form.get_by_label("Your name")).to_have_value("Ida Picker")
    expect(form.get_by_label("Your member area")).to_have_value(name[:-1])

    form.get_by_label("Your member area").fill(name.upper())
    form.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail to confirm")
    assert state.registration(site, session["id"], address)[1] == "pending"
    assert site.sql("""SELECT r.area_id FROM network_sessions_registration r
                       JOIN network_sessions_participant p ON p.id = r.participant_id
                       WHERE r.session_id = ? AND p.email = ?""",
                    session["id"], address) == [(area_id,)]
