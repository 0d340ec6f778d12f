"""One address of each type of page in the served demo network, found in its database (so the
checks follow the demo's content instead of hard-coding slugs), and what every page must be
whatever its type (#16): one h1, an alt on every image, nothing wider than the screen."""
from __future__ import annotations

import datetime
import time

from .state import now, open_sessions

PAGES_OF_TYPE = """
    SELECT p.id, p.url_path FROM wagtailcore_page p
    JOIN django_content_type ct ON ct.id = p.content_type_id
    JOIN wagtailcore_locale l ON l.id = p.locale_id
    WHERE p.live AND ct.app_label = ? AND ct.model = ? AND l.language_code = ?
"""


def public_path(url_path, language="en"):
    """The address of a page of the one-site demo: its url_path without the root's slug
    (``/home/``, ``/home-nl/``, …), under the language prefix."""
    return f"/{language}/" + url_path.split("/", 2)[2]


def _first(site, query, *params):
    rows = site.sql(query, *params)
    assert rows, f"the demo network has no row for {query.split()[:8]} {params}"
    return rows[0]


def _page_of_type(site, app_label, model, language="en"):
    _id, url_path = _first(site, PAGES_OF_TYPE + " ORDER BY p.path", app_label, model, language)
    return public_path(url_path, language)


def library(site):
    return _page_of_type(site, "casestudies", "casestudyindexpage")


def sessions(site):
    return _page_of_type(site, "network_sessions", "sessionindexpage")


def busiest_theme(site):
    """The slug of the theme with the most English case studies."""
    return _first(site, """
        SELECT t.slug FROM casestudies_casestudypage_themes ct
        JOIN network_theme t ON t.id = ct.theme_id
        JOIN wagtailcore_page p ON p.id = ct.casestudypage_id
        JOIN wagtailcore_locale l ON l.id = p.locale_id
        WHERE p.live AND l.language_code = 'en'
        GROUP BY t.slug ORDER BY COUNT(*) DESC, t.slug""")[0]


def translated_case_study(site, language="nl"):
    """An English case study with a picture that has a real translation (not an alias) in
    ``language``: (English path, translated path)."""
    en_path, other_path = _first(site, """
        SELECT en.url_path, other.url_path FROM casestudies_casestudypage c
        JOIN wagtailcore_page en ON en.id = c.page_ptr_id
        JOIN wagtailcore_locale enl ON enl.id = en.locale_id AND enl.language_code = 'en'
        JOIN wagtailcore_page other ON other.translation_key = en.translation_key
        JOIN wagtailcore_locale ol ON ol.id = other.locale_id AND ol.language_code = ?
        WHERE en.live AND other.live AND other.alias_of_id IS NULL AND c.hero_image_id IS NOT NULL
        ORDER BY en.path""", language)
    return public_path(en_path, "en"), public_path(other_path, language)


def untranslated_case_study(site, language="da"):
    """A case study shown in ``language``'s tree as its original (an alias: nobody translated it)."""
    url_path, = _first(site, """
        SELECT p.url_path FROM casestudies_casestudypage c
        JOIN wagtailcore_page p ON p.id = c.page_ptr_id
        JOIN wagtailcore_locale l ON l.id = p.locale_id AND l.language_code = ?
        WHERE p.live AND p.alias_of_id IS NOT NULL ORDER BY p.path""", language)
    return public_path(url_path, language)


def session_with_status(site, status):
    """An English session page with this status (scheduled, moved, cancelled), or None."""
    rows = site.sql("""
        SELECT p.url_path FROM network_sessions_sessionpage s
        JOIN wagtailcore_page p ON p.id = s.page_ptr_id
        JOIN wagtailcore_locale l ON l.id = p.locale_id AND l.language_code = 'en'
        WHERE p.live AND s.status = ? ORDER BY s.starts_at""", status)
    return public_path(rows[0][0]) if rows else None


def open_session(site):
    """The soonest session that takes sign-ups now."""
    return public_path(open_sessions(site)[0]["url_path"])


def months_with_sessions(site):
    return {row[0] for row in site.sql("""
        SELECT DISTINCT substr(s.date, 1, 7) FROM network_sessions_sessionpage s
        JOIN wagtailcore_page p ON p.id = s.page_ptr_id WHERE p.live""")}


def busy_month(site):
    """"YYYY-MM" of the next session."""
    return min(month for month in months_with_sessions(site) if month >= now()[:7])


def empty_month(site):
    """"YYYY-MM" of the first month after the next session's without any session."""
    busy = busy_month(site)
    day = datetime.date(int(busy[:4]), int(busy[5:]), 1)
    taken = months_with_sessions(site)
    while day.strftime("%Y-%m") in taken:
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return day.strftime("%Y-%m")


def member_area(site):
    slug, = _first(site, "SELECT slug FROM network_memberarea ORDER BY id")
    return f"/en/members/{slug}/"


def wait_for_axe(page, timeout=20):
    """Wait until axe has reported on the document on screen; its violations (those the watch
    fails on)."""
    deadline = time.monotonic() + timeout
    while page.watch.pending and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    return page.watch.checked.get(page.url)


def load_lazy_images(page):
    """Scroll down the whole page, half a screen at a time, so lazy images load; then back up.
    The images on screen that could not be shown (broken)."""
    page.evaluate("""async () => {
      const pause = ms => new Promise(resolve => setTimeout(resolve, ms));
      for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
        window.scrollTo(0, y);
        await pause(60);
      }
      window.scrollTo(0, document.documentElement.scrollHeight);
      await pause(60);
    }""")
    page.wait_for_load_state("networkidle")
    # Images on screen (not those inside a closed <details>, which never load).
    page.wait_for_function("""() => Array.from(document.images)
      .filter(image => image.getClientRects().length).every(image => image.complete)""")
    page.evaluate("window.scrollTo(0, 0)")
    return page.evaluate("""() => Array.from(document.images)
      .filter(image => image.getClientRects().length && image.complete && !image.naturalWidth)
      .map(image => image.currentSrc || image.src)""")


# What every page must be, whatever its type: measured in the browser, in words.
PAGE_FAULTS = """() => {
  const faults = [];
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth) {
    // Name the widest elements that stick out, so the report says where to look.
    const wide = Array.from(document.querySelectorAll('body *'))
      .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
      .filter(el => !el.closest('[aria-hidden="true"], .visually-hidden'))
      .slice(0, 4)
      .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                 + (el.className && typeof el.className === 'string'
                    ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                 + ' (' + Math.round(el.getBoundingClientRect().right) + 'px)');
    faults.push(`wider than the screen: scrollWidth ${root.scrollWidth} > ${window.innerWidth}: `
                + wide.join(', '));
  }
  const noAlt = Array.from(document.images).filter(image => !image.hasAttribute('alt'));
  if (noAlt.length) faults.push('images without alt: ' + noAlt.map(i => i.currentSrc || i.src).join(', '));
  const h1 = document.querySelectorAll('h1');
  if (h1.length !== 1) {
    faults.push(`${h1.length} h1 elements: `
                + Array.from(h1).map(h => JSON.stringify(h.textContent.trim())).join(', '));
  }
  return faults;
}"""


def page_faults(page):
    """What is wrong with the page on screen beyond axe's findings: overflow, alt, h1."""
    return page.evaluate(PAGE_FAULTS)
