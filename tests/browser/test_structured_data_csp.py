"""#16: the JSON-LD of a case study, a session (in English and in Danish) and the home page, as
served with the production Content-Security-Policy (script-src 'self', no inline scripts): the
data block is not a script, so Chromium reports no CSP violation (the ``page`` fixture fails
on any console error), and the page's own JSON parses to the node search engines read."""
import pytest

pytestmark = pytest.mark.browser

FIRST_LIVE_PAGE = """
    SELECT p.url_path FROM wagtailcore_page p
    JOIN django_content_type ct ON ct.id = p.content_type_id
    JOIN wagtailcore_locale l ON l.id = p.locale_id
    WHERE p.live AND ct.app_label = ? AND ct.model = ? AND l.language_code = ?
    ORDER BY p.path LIMIT 1
"""

READ_JSON_LD = """() => {
  const blocks = document.querySelectorAll('script[type="application/ld+json"]');
  return {count: blocks.length, node: JSON.parse(blocks[0].textContent)};
}"""


def first_page(site, app_label, model, language="en"):
    """The address of the first live page of a type in ``language``'s tree (its url_path
    without the root's slug, under the language prefix)."""
    rows = site.sql(FIRST_LIVE_PAGE, app_label, model, language)
    assert rows, f"the demo network has no live {model} in {language}"
    return f"/{language}/" + rows[0][0].split("/", 2)[2]


@pytest.mark.parametrize("app_label, model, language, node_type", [
    ("casestudies", "casestudypage", "en", "Article"),
    ("network_sessions", "sessionpage", "en", "Event"),
    ("network_sessions", "sessionpage", "da", "Event"),
    ("network", "homepage", "nl", "Organization"),
])
def test_the_json_ld_parses_in_the_page_without_a_csp_violation(
        page, app_label, model, language, node_type):
    path = first_page(page.site, app_label, model, language)
    response = page.goto(path)
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    found = page.evaluate(READ_JSON_LD)
    assert found["count"] == 1
    node = found["node"]
    assert node["@context"] == "https://schema.org"
    assert node["@type"] == node_type
    assert node["url"].startswith(page.site.url + f"/{language}/")
