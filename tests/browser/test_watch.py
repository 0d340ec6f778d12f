"""The watch on every journey can fail: a page with an accessibility violation, a console
error, a request to another host and an error response is caught on each count."""
import re
import time

import pytest

pytestmark = pytest.mark.browser

BROKEN_PAGE = """<!doctype html><html><head><title>Broken on purpose</title></head><body>
<main><h1>Broken on purpose</h1><img src="/static/img/favicon.svg">
<img src="https://cdn.example.net/tracker.png" alt="">
<script>console.error("something broke")</script></main></body></html>"""


def test_the_watch_catches_what_a_journey_must_not_do(page):
    site = page.site
    page.route(f"{site.url}/watch-self-test/", lambda route: route.fulfill(
        status=200, content_type="text/html", body=BROKEN_PAGE))
    for path in ("/watch-self-test/", "/en/no-such-page-for-the-watch/"):
        page.goto(path)
        deadline = time.monotonic() + 20
        while site.url + path not in page.watch.checked and time.monotonic() < deadline:
            page.wait_for_timeout(100)
    problems = "\n".join(page.watch.problems)
    # The <html> without lang and the <img> without alt are serious violations for axe.
    assert re.search(r"axe serious (html-has-lang|image-alt)", problems), problems
    assert "console error" in problems and "something broke" in problems
    assert "request to another host: https://cdn.example.net/tracker.png" in problems
    assert "404 for GET" in problems and "/en/no-such-page-for-the-watch/" in problems
    # Caught as intended: nothing left for the fixture to fail on.
    page.watch.problems.clear()
