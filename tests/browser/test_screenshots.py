"""Screenshots of the site's main pages at 1280 and 390 px (#16), full page, as a visitor and
(the people directory) as a member.

In the normal run the pages are loaded, watched and photographed in memory (the first screen):
each must render (status 200, a visible h1, every image on it shown, a picture as wide as the
screen). With ``SCREENSHOTS=1`` the whole pages are written to
``docs/screenshots/<name>-<width>.png`` (in 256 colours, to keep the repository small); the one
command that does so is ``.venv/bin/python -m tests.browser.screenshots``.
"""
import io
import os
import struct

import pytest
from PIL import Image
from playwright.sync_api import expect

from . import pages
from .conftest import ROOT, WIDTHS

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "docs" / "screenshots"

# name -> path (from the served database); the member's pages after the visitor's.
VISITOR_PAGES = {
    "home": lambda site: "/en/",
    "library": pages.library,
    "case-study": lambda site: pages.translated_case_study(site, "nl")[0],
    "sessions": pages.sessions,
    "session": pages.open_session,
    "members": lambda site: "/en/members/",
}
MEMBER_PAGES = {
    "people": lambda site: "/en/members/people/",
}


def _png_size(data):
    """(width, height) of a PNG, from its header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def _small_png(data):
    """The screenshot in 256 colours: a third of the bytes, the same to the eye (flat colours
    and text; the demo illustrations' gradients band a little)."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    small = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        small, "PNG", optimize=True)
    return small.getvalue()


def _photograph(page, name, path, width):
    response = page.goto(path)
    assert response.status == 200, f"{name}: {response.status} for {path}"
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    broken = pages.load_lazy_images(page)
    assert not broken, f"{name}: images not shown: {broken}"
    page.evaluate("document.fonts.ready.then(() => true)")
    pages.wait_for_axe(page)  # axe is done with the page: nothing moves under the camera
    keep = bool(os.environ.get("SCREENSHOTS"))
    # The whole page when the picture is kept; otherwise the screen's worth (a third of the time).
    data = page.screenshot(full_page=keep, type="png", scale="css", animations="disabled", caret="hide")
    shot_width, shot_height = _png_size(data)
    assert shot_width == width and shot_height >= WIDTHS[width]["height"], (name, shot_width, shot_height)
    if keep:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / f"{name}-{width}.png").write_bytes(_small_png(data))


def test_main_pages_render_for_screenshots(page, width, request):
    site = page.site
    for name, path in VISITOR_PAGES.items():
        _photograph(page, name, path(site), width)
    page.context.add_cookies(request.getfixturevalue("member_cookies"))
    for name, path in MEMBER_PAGES.items():
        _photograph(page, name, path(site), width)
