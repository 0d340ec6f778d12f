"""The contributor's dashboard (issue #11): write a case study about their area, see their own
case studies and their review state; and no admin page makes the browser contact another host."""
import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.client import RequestFactory
from django.test.utils import CaptureQueriesContext

from casestudies import roles
from casestudies.wagtail_hooks import ContributionsPanel
from tests.factories import UserFactory

from .adminform import add_url, browser_form_data, edit_url
from .factories import user_in

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/"


def text_of(response):
    return html.unescape(response.content.decode())


def submit(page, user):
    """Start the library's review workflow on ``page``, as "Submit for review" does."""
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


@pytest.fixture
def statuses(make_case, own_area, contributor, editor):
    """One case study of the contributor in each state, and one of someone else."""
    make_case(title="Just a draft", areas=[own_area], owner=contributor, live=False)
    submit(make_case(title="Awaiting review", areas=[own_area], owner=contributor, live=False),
           contributor)
    rejected = make_case(title="Sent back", areas=[own_area], owner=contributor, live=False)
    submit(rejected, contributor).current_task_state.reject(user=editor)
    make_case(title="Out there", areas=[own_area], owner=contributor)
    revised = make_case(title="Edited by me", areas=[own_area], owner=editor)
    revised.save_revision(user=contributor)
    make_case(title="Somebody else's", areas=[own_area], owner=editor)


def test_contributor_dashboard_offers_writing_about_their_area(client, library, contributor, own_area):
    client.force_login(contributor)
    page = text_of(client.get(DASHBOARD))
    assert "Write a case study about Vlaardingen city centre" in page
    assert f'href="{add_url(library)}?area={own_area.pk}"' in page
    assert "You have not written a case study yet." in page


def test_the_area_link_ticks_that_area_on_the_add_form(client, library, contributor, own_area,
                                                       other_area):
    client.force_login(contributor)
    response = client.get(f"{add_url(library)}?area={own_area.pk}")
    assert browser_form_data(response.content.decode())["areas"] == [str(own_area.pk)]
    # An area that is not theirs is not ticked (nor offered).
    response = client.get(f"{add_url(library)}?area={other_area.pk}")
    assert "areas" not in browser_form_data(response.content.decode())


def test_contributor_dashboard_lists_their_case_studies_with_review_state(client, library, contributor,
                                                                         statuses):
    client.force_login(contributor)
    response = client.get(DASHBOARD)
    page = text_of(response)
    # The panel's table only: Wagtail's own panels below list some of the same pages.
    panel = page[page.index('id="casestudies-contributions'):]
    rows = {title: status for title, status in re.findall(
        r'<td class="title">.*?>([^<>]+)</a>.*?<td>.*?<span[^>]*>\s*([^<]+?)\s*</span>',
        panel[:panel.index("</table>")], re.S)}
    assert rows == {
        "Just a draft": "Draft",
        "Awaiting review": "In review: " + roles.REVIEW_TASK,
        "Sent back": "Changes requested",
        "Out there": "Published",
        "Edited by me": "Published, with unpublished changes",
    }


def test_editor_gets_one_general_action(client, library, editor):
    client.force_login(editor)
    page = text_of(client.get(DASHBOARD))
    assert f'href="{add_url(library)}"' in page and "Write a case study about" not in page


def test_users_who_cannot_add_case_studies_get_no_panel(client, library):
    user = UserFactory(username="reader")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert "casestudies-contributions" not in text_of(response)


def render_panel(library, user):
    request = RequestFactory().get(DASHBOARD)
    request.user = user
    return ContributionsPanel(library).render_html({"request": request, "csrf_token": ""})


def test_contributor_without_an_area_is_told_why_they_cannot_write(library):
    panel = html.unescape(render_panel(library, user_in(roles.CONTRIBUTORS, "lonely")))
    assert "not linked to a member area" in panel and "Write a case study" not in panel


def test_panel_queries_do_not_grow_with_the_number_of_case_studies(
        library, contributor, own_area, make_case, editor, django_assert_max_num_queries):
    def add_cases(n):
        for i in range(n):
            make_case(title=f"Draft {i}", areas=[own_area], owner=contributor, live=False)
            make_case(title=f"Live {i}", areas=[own_area], owner=contributor)
            submit(make_case(title=f"Review {i}", areas=[own_area], owner=contributor, live=False),
                   contributor)

    add_cases(1)
    with CaptureQueriesContext(connection) as few:
        html_few = render_panel(library, contributor)
    assert html_few.count("<tr>") == 1 + 3
    add_cases(5)
    with django_assert_max_num_queries(len(few)):
        html_many = render_panel(library, contributor)
    assert html_many.count("<tr>") == 1 + 18


# --- no other hosts -----------------------------------------------------------------------

#: Foreign hosts that may appear: only as links the user chooses to follow, never loaded.
LINK_ONLY_HOSTS = {
    "guide.wagtail.org": "the Help menu's links to Wagtail's editor guide",
    "www.enable-javascript.com": "a link in the admin's <noscript> notice",
    "domain.com": "an example in the slug field's help text",
    "www.w3.org": "XML namespaces of inline SVG, identifiers that are never fetched",
}
LOADING_ATTRIBUTES = {"src", "srcset", "poster", "data", "background"}
URL = re.compile(r"""(?:https?:)?//([A-Za-z0-9.-]+\.[A-Za-z]{2,})(?::\d+)?[^\s"'<>()\\]*""")
#: What a stylesheet loads: url(…) and @import (not URLs in its comments).
CSS_LOAD = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])\s*((?:https?:)?//[^"')\s]+)""")


class ResourceParser(HTMLParser):
    """Collects the URLs a browser loads by itself: src/srcset/…, stylesheets, icons, styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.loaded = []

    def handle_starttag(self, tag, attrs_list):
        attrs = dict(attrs_list)
        for name, value in attrs.items():
            if value and (name in LOADING_ATTRIBUTES or name == "style"
                          or (name in ("href", "xlink:href") and tag in ("link", "image", "use"))):
                self.loaded.extend(URL.findall(value) if name in ("style", "srcset")
                                   else [urlsplit(value).hostname or ""])


def foreign(hosts):
    return sorted({host for host in hosts if host and host != "testserver"})


def test_admin_pages_load_nothing_from_other_hosts(client, library, contributor, own_area, make_case):
    """No stylesheet, script, image or avatar from another host (Gravatar was one)."""
    case = make_case(areas=[own_area], owner=contributor, live=False)
    client.force_login(contributor)
    stylesheets = set()
    for url in (DASHBOARD, add_url(library), edit_url(case)):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        parser = ResourceParser()
        parser.feed(body)
        assert foreign(parser.loaded) == [], url
        # Anywhere else (e.g. avatar URLs in the JSON the sidebar and comments are built from),
        # only the known link-only hosts.
        assert foreign(set(URL.findall(html.unescape(body))) - set(LINK_ONLY_HOSTS)) == [], url
        stylesheets |= set(re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', body))
    for href in stylesheets:
        response = client.get(href)
        assert response.status_code == 200, href
        css = b"".join(response.streaming_content) if response.streaming else response.content
        assert foreign(urlsplit(url).hostname for url in CSS_LOAD.findall(css.decode())) == [], href


def test_gravatar_is_off(settings):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
