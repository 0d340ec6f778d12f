"""A case study and a session page print cleanly on A4 (#16): Chromium's own print engine lays
them out with the print stylesheet, and what is only for the screen stays off the paper."""
import re

import pytest

from . import pages

pytestmark = pytest.mark.browser

# Printed from a desktop browser; the layout on paper does not depend on the window.
PRINTED = {
    "case study": lambda site: pages.translated_case_study(site, "nl")[0],
    "session": pages.open_session,
}
# Screen-only parts: navigation, search, language links, forms and their buttons, filters.
SCREEN_ONLY = ["header.site-header nav", ".site-search", ".language-switcher", "main form",
               "main button", ".filter-panel", ".skip-link"]


@pytest.fixture
def width():
    return 1280


@pytest.mark.parametrize("kind", PRINTED)
def test_page_prints_on_a4_without_the_screen_only_parts(page, live_site, kind):
    page.goto(PRINTED[kind](live_site))
    page.emulate_media(media="print")
    hidden = page.evaluate("""selectors => selectors.flatMap(selector =>
        [...document.querySelectorAll(selector)]
          .filter(element => element.getClientRects().length > 0)
          .map(element => selector))""", SCREEN_ONLY)
    assert hidden == [], f"visible on paper: {sorted(set(hidden))}"
    assert page.locator("h1").is_visible()
    # Text in black on white: ink is what a printer has.
    colour = page.evaluate("getComputedStyle(document.querySelector('main')).color")
    assert colour in ("rgb(0, 0, 0)", "rgb(17, 17, 17)"), colour
    pdf = page.pdf(format="A4", print_background=False)
    sheets = len(re.findall(rb"/Type\s*/Page\b", pdf))
    # A case or a session is a few sheets, not a sheet per screenful of the phone layout.
    assert 1 <= sheets <= 6, f"{kind} prints on {sheets} A4 sheets"
