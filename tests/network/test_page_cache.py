"""The page and feed cache (#17, network/pagecache.py): served from the cache when nothing has
changed, never stale after a publish, unpublish, move or delete, never a member's page."""
import datetime
import re
from html import escape

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageViewRestriction

from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from network import pagecache
from network.models import HomePage, MemberArea, StandardPage
from sessions.models import SessionIndexPage, SessionPage

HEADER = "X-Page-Cache"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_RELEASE = "test"


def body(response):
    return response.content.decode()


def without_tokens(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body(response))


def warm(client, url):
    """Request ``url`` twice; the second answer must come from the cache."""
    first = client.get(url)
    assert first.status_code == 200, url
    assert first[HEADER] == "miss", url
    second = client.get(url)
    assert second[HEADER] == "hit", url
    assert without_tokens(second) == without_tokens(first)
    return second


def en(queryset):
    return queryset.filter(locale__language_code="en")


@pytest.fixture
def case(demo_network):
    """An English case study with areas and themes, and the addresses that show it."""
    page = en(CaseStudyPage.objects.live().public()).exclude(areas=None).exclude(themes=None).first()
    area = page.areas.first()
    theme = page.themes.first()
    word = page.title.split()[0]
    return page, {
        "case study": page.url,
        "library": page.get_parent().url,
        "library by theme": f"{page.get_parent().url}?theme={theme.slug}",
        "area": f"/en/members/{area.slug}/",
        "search": f"/en/search/?q={word}",
        "feed": "/feeds/case-studies/",
        "theme feed": f"/en/feeds/case-studies/themes/{theme.slug}/",
    }


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page.specific.__class__.objects.get(pk=page.pk)


# --- what is stored -----------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/en/", "/nl/", "/en/case-studies/", "/en/sessions/", "/en/members/",
                                 "/en/search/?q=leegstand", "/feeds/case-studies/",
                                 "/calendar/sessions.ics", "/sitemap.xml", "/robots.txt"])
def test_anonymous_pages_and_public_feeds_come_from_the_cache(client, demo_network, url):
    response = warm(client, url)
    assert "Cookie" in response["Vary"]
    assert response["ETag"]


def test_a_cached_page_answers_head_and_a_conditional_get(client, demo_network):
    page = warm(client, "/en/case-studies/")
    head = client.head("/en/case-studies/")
    assert head.status_code == 200 and head.content == b"" and head[HEADER] == "hit"
    again = client.get("/en/case-studies/", HTTP_IF_NONE_MATCH=page["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == page["ETag"]
    # A CDN in front may keep the page but must ask each time.
    assert "max-age=0" in page["Cache-Control"] and "public" in page["Cache-Control"]


def test_a_feed_keeps_its_own_validators_and_answers_304_from_the_cache(client, demo_network):
    feed = warm(client, "/calendar/sessions.ics")
    again = client.get("/calendar/sessions.ics", HTTP_IF_NONE_MATCH=feed["ETag"])
    assert again.status_code == 304 and again[HEADER] == "hit"


def test_a_large_answer_is_sent_gzipped_to_clients_that_accept_it(client, demo_network,
                                                                    monkeypatch):
    """The feed, compressed once when stored: the same bytes unpacked, a weak ETag of its own
    that revalidates as the plain copy's does, and ``Vary: Accept-Encoding`` on both copies."""
    import gzip

    monkeypatch.setattr(pagecache, "COMPRESS_MIN_BYTES", 1024)  # the demo feed is small
    url = "/calendar/sessions.ics"
    for accepted, first in (("gzip, deflate, br", "miss"), ("gzip", "hit"), ("", "hit")):
        response = client.get(url, HTTP_ACCEPT_ENCODING=accepted)
        assert response[HEADER] == first
        assert "Accept-Encoding" in response["Vary"] and "Cookie" in response["Vary"]
        if accepted:
            zipped = response
            assert response["Content-Encoding"] == "gzip"
            assert int(response["Content-Length"]) == len(response.content)
        else:
            plain = response
            assert not response.has_header("Content-Encoding")
    assert gzip.decompress(zipped.content) == plain.content
    assert len(zipped.content) < len(plain.content) / 3
    assert zipped["ETag"] == f"W/{plain['ETag']}"
    for etag in (zipped["ETag"], plain["ETag"]):
        for accepted in ("gzip", ""):
            again = client.get(url, HTTP_IF_NONE_MATCH=etag, HTTP_ACCEPT_ENCODING=accepted)
            assert again.status_code == 304 and again[HEADER] == "hit"
            assert again["ETag"] == (zipped["ETag"] if accepted else plain["ETag"])


def test_a_gzip_hit_reads_only_the_gzipped_copy(client, demo_network, monkeypatch):
    """The gzipped copy has its own entry: a hit for a client that takes gzip neither reads
    nor unpacks the megabyte it does not send."""
    monkeypatch.setattr(pagecache, "COMPRESS_MIN_BYTES", 1024)
    url = "/calendar/sessions.ics"
    client.get(url, HTTP_ACCEPT_ENCODING="gzip")  # stored now
    real, read = pagecache.page_cache(), []

    class Recording:
        def get_many(self, keys):
            read.extend(keys)
            return real.get_many(keys)

        def get(self, key, default=None):
            read.append(key)
            return real.get(key, default)

    monkeypatch.setattr(pagecache, "page_cache", Recording)
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response[HEADER] == "hit" and response["Content-Encoding"] == "gzip"
    pages = [key for key in read if key.startswith("page:")]
    assert len(pages) == 1 and pages[0].endswith(pagecache.GZIP_SUFFIX)


def test_small_pages_and_pages_with_a_form_token_are_never_compressed(client, demo_network,
                                                                      monkeypatch):
    monkeypatch.setattr(pagecache, "COMPRESS_MIN_BYTES", 1024)
    session = en(SessionPage.objects.live()).filter(starts_at__gt=timezone.now(),
                                                    capacity__isnull=False).first()
    for url in ("/robots.txt", session.url):
        for _ in range(2):  # the miss, then the hit
            response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
            assert response.status_code == 200
            assert not response.has_header("Content-Encoding"), url
    assert 'name="csrfmiddlewaretoken"' in body(response)


def test_each_language_has_its_own_entry(client, demo_network):
    english, dutch = warm(client, "/en/sessions/"), warm(client, "/nl/sessions/")
    assert english.content != dutch.content
    assert english["Content-Language"] == "en" and dutch["Content-Language"] == "nl"


def test_the_language_cookie_is_set_on_a_hit_as_on_a_miss(client, demo_network):
    warm(client, "/nl/")
    client.cookies.clear()
    hit = client.get("/nl/")
    assert hit[HEADER] == "hit"
    assert hit.cookies["django_language"].value == "nl"


def test_a_members_pages_are_never_stored_nor_kept_by_a_shared_cache(client, demo_network):
    from django.test import Client

    member_client = Client()
    member_client.force_login(get_user_model().objects.get(username="member"))
    response = member_client.get("/en/sessions/")
    assert response.status_code == 200
    assert HEADER not in response
    assert "private" in response["Cache-Control"]
    again = member_client.get("/en/sessions/")
    assert HEADER not in again
    # The anonymous copy is made for visitors, not taken from the member's.
    anonymous = client.get("/en/sessions/")
    assert anonymous[HEADER] == "miss"
    assert "Log out" not in body(anonymous)


def test_a_sign_up_form_gets_a_fresh_token_for_each_visitor_on_a_hit(client, demo_network):
    from django.test import Client

    with_form = [page for page in en(SessionPage.objects.live().public()).filter(
        starts_at__gt=timezone.now()) if "csrfmiddlewaretoken" in body(Client().get(page.url))]
    assert with_form, "the demo has a session open for sign-up"
    url = with_form[0].url
    first = Client().get(url)
    visitor = Client(enforce_csrf_checks=True)
    hit = visitor.get(url)
    assert hit[HEADER] == "hit"
    assert "private" in hit["Cache-Control"] and "ETag" not in hit
    token = re.search(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"', body(hit)).group(1)
    assert token not in body(first)
    assert hit.cookies["csrftoken"].value
    # The token and cookie of the hit are accepted: the form is refused for its content
    # (no fields filled in), not as a forgery.
    action = re.search(r'<form[^>]*method="post"[^>]*action="([^"]+)"', body(hit)) or re.search(
        r'<form[^>]*action="([^"]+)"[^>]*method="post"', body(hit))
    posted = visitor.post(action.group(1) if action else url, {"csrfmiddlewaretoken": token})
    assert posted.status_code != 403


def test_an_answer_that_starts_a_visitors_session_is_not_stored(rf):
    from django.http import HttpResponse

    response = HttpResponse("<p>Welcome back</p>", content_type="text/html")
    response.set_cookie("sessionid", "abc")
    assert not pagecache.is_storable(rf.get("/en/"), response)


def test_a_page_its_view_says_never_to_cache_is_not_stored(client, demo_network):
    first = client.get("/en/account/login/")
    assert first.status_code == 200 and "no-store" in first["Cache-Control"]
    assert first[HEADER] == "bypass"
    assert client.get("/en/account/login/")[HEADER] == "bypass"


def test_errors_redirects_and_odd_addresses_are_not_stored(client, demo_network):
    assert client.get("/en/no-such-page/")[HEADER] == "bypass"
    assert client.get("/en/no-such-page/").status_code == 404
    assert client.get("/")["Location"]  # the unprefixed root redirects to a language
    long_query = "/en/case-studies/?q=" + "x" * 600
    response = client.get(long_query)
    assert response.status_code in (200, 400) and HEADER not in response
    for url in ("/en/case-studies/?theme=%00", "/en//case-studies/", "/en/%2e%2e/"):
        assert client.get(url).status_code < 500
        assert client.get(url).status_code < 500


def test_private_answers_and_personal_addresses_are_not_stored():
    factory = RequestFactory()
    request = factory.get("/calendar/personal/abc.ics")
    from django.http import HttpResponse

    response = HttpResponse("BEGIN:VCALENDAR", content_type="text/calendar")
    response["Cache-Control"] = "private, max-age=900"
    assert not pagecache.is_storable(request, response)
    assert not pagecache.is_cacheable_request(factory.post("/en/"))
    assert not pagecache.is_cacheable_request(factory.get("/admin/"))
    with_session = factory.get("/en/")
    with_session.COOKIES["sessionid"] = "x"
    assert not pagecache.is_cacheable_request(with_session)


# --- never stale ---------------------------------------------------------------------------------

def test_a_case_study_edit_refreshes_every_page_and_feed_that_shows_it(client, case):
    page, urls = case
    for url in urls.values():
        warm(client, url)
    new_title = f"{page.title} revisited"
    publish(page, title=new_title)
    for name, url in urls.items():
        response = client.get(url)
        assert response[HEADER] == "miss", name
        assert escape(new_title) in body(response), name


def test_an_unpublished_or_deleted_case_study_disappears_at_once(client, case):
    page, urls = case
    for url in urls.values():
        warm(client, url)
    page.unpublish()
    assert client.get(urls["case study"]).status_code == 404
    for name in ("library", "area", "feed"):
        assert page.title not in body(client.get(urls[name])), name
    page.save_revision().publish()
    assert client.get(urls["case study"]).status_code == 200
    warm(client, urls["library"])
    Page.objects.get(pk=page.pk).delete()
    assert client.get(urls["case study"]).status_code == 404
    assert page.title not in body(client.get(urls["library"]))


def test_a_page_made_private_is_no_longer_served_from_the_cache(client, case):
    page, urls = case
    warm(client, urls["case study"])
    warm(client, urls["library"])
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(urls["case study"])
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert page.title not in body(client.get(urls["library"]))


def test_a_moved_page_answers_at_its_new_address_only(client, demo_network):
    home = HomePage.objects.get(locale__language_code="en")
    moving = en(StandardPage.objects.live().public()).child_of(home).first()
    target = en(StandardPage.objects.live().public()).child_of(home).exclude(pk=moving.pk).first()
    old_url = moving.url
    warm(client, old_url)
    warm(client, target.url)
    moving.move(target, pos="last-child")
    moved = Page.objects.get(pk=moving.pk)
    old = client.get(old_url)
    # Wagtail leaves a redirect from the old address; the page itself is not served there.
    assert old.status_code in (301, 404)
    assert old.status_code == 404 or old["Location"] == moved.url
    assert client.get(moved.url).status_code == 200
    assert moved.url.startswith(target.url)


@pytest.mark.parametrize("model", [HomePage, CaseStudyIndexPage, SessionIndexPage, StandardPage])
def test_every_page_type_shows_its_new_title_after_publishing(client, demo_network, model):
    page = en(model.objects.live().public()).first()
    warm(client, page.url)
    new_title = f"{page.title} renamed"
    publish(page, title=new_title)
    response = client.get(page.url)
    assert response[HEADER] == "miss"
    assert escape(new_title) in body(response)


def test_a_moved_session_leaves_and_enters_every_feed_it_is_or_was_in(client, demo_network):
    session = en(SessionPage.objects.live().public()).filter(
        starts_at__gt=timezone.now()).exclude(themes=None).first()
    old_theme = session.themes.first()
    urls = ["/calendar/sessions.ics", f"/calendar/themes/{old_theme.slug}.ics", session.url,
            session.get_parent().url]
    for url in urls:
        warm(client, url)
    new_date = session.date + datetime.timedelta(days=7)
    publish(session, date=new_date)
    stamp = f"DTSTART;TZID={session.time_zone}:{new_date:%Y%m%d}" if hasattr(session, "time_zone") else None
    feed = body(client.get("/calendar/sessions.ics"))
    assert client.get(urls[0])[HEADER] == "hit"  # the second request after the change
    if stamp:
        assert stamp in feed
    # Taken out of its theme: that theme's feed answers without it (or with its cancellation).
    session = SessionPage.objects.get(pk=session.pk)
    session.themes.set([])
    session.save_revision().publish()
    theme_feed = body(client.get(f"/calendar/themes/{old_theme.slug}.ics"))
    uid_line = re.search(rf"UID:session-{session.pk}@[^\r\n]+", feed)
    assert uid_line
    in_theme = re.search(r"BEGIN:VEVENT(?:(?!END:VEVENT).)*" + re.escape(uid_line.group(0))
                         + r"(?:(?!END:VEVENT).)*END:VEVENT", theme_feed, re.S)
    assert in_theme is None or "STATUS:CANCELLED" in in_theme.group(0)


def test_a_member_area_edit_refreshes_its_page_and_the_directory(client, demo_network):
    area = MemberArea.objects.in_directory().first()
    url = f"/en/members/{area.slug}/"
    warm(client, url)
    warm(client, "/en/members/")
    area.name = f"{area.name} Centrum"
    area.save()
    assert escape(area.name) in body(client.get(url))
    assert escape(area.name) in body(client.get("/en/members/"))


def test_a_new_image_rendition_does_not_empty_the_cache(client, demo_network, django_user_model):
    from wagtail.images.models import Image

    warm(client, "/en/case-studies/")
    image = Image.objects.create(title="x", file=get_test_image_file(), description="A test")
    warm(client, "/en/case-studies/")  # the image row itself is a change
    image.get_rendition("fill-10x10")
    assert client.get("/en/case-studies/")[HEADER] == "hit"
    # Logging in records the time on the account, which no page shows.
    user = django_user_model.objects.create_user("someone", password="x")
    warm(client, "/en/case-studies/")
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])
    assert client.get("/en/case-studies/")[HEADER] == "hit"
    Group.objects.create(name="A change any page could show")
    assert client.get("/en/case-studies/")[HEADER] == "miss"


# --- the generation -----------------------------------------------------------------------------

def test_a_change_during_a_render_never_leaves_that_render_in_the_cache(rf, settings, db):
    """A page rendered from data read before a change, and stored after it, is never served."""
    from django.http import HttpResponse

    renders = []

    def view(request):
        renders.append(1)
        if len(renders) == 1:
            pagecache.new_generation()  # another process's write lands mid-render
        return HttpResponse("page", content_type="text/html")

    middleware = pagecache.PageCacheMiddleware(view)
    middleware(rf.get("/en/x/"))
    assert middleware(rf.get("/en/x/"))[HEADER] == "miss"
    assert middleware(rf.get("/en/x/"))[HEADER] == "hit"
    assert len(renders) == 2


def test_a_write_changes_the_generation_at_once_and_again_at_commit(db, django_capture_on_commit_callbacks):
    cache = pagecache.page_cache()
    pagecache.new_generation()
    before = cache.get(pagecache.GENERATION_KEY)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Group.objects.create(name="Editors of somewhere")
        Group.objects.create(name="Editors of elsewhere")
    during = cache.get(pagecache.GENERATION_KEY)
    assert during != before
    after_commit = [cb for cb in callbacks if isinstance(cb, pagecache._AfterCommit)]
    assert len(after_commit) == 1  # once per transaction, however many writes
    stamp = pagecache.table_stamps(["auth_group"])["auth_group"]
    after_commit[0]()
    assert cache.get(pagecache.GENERATION_KEY) != during
    # The table written gets a new stamp at commit too; a table not written keeps its own.
    assert after_commit[0].tables == {"auth_group"}
    assert pagecache.table_stamps(["auth_group"])["auth_group"] != stamp


def test_a_write_stamps_its_table_and_no_other(db):
    before = pagecache.table_stamps(["auth_group", "wagtailcore_page"])
    Group.objects.create(name="Editors of somewhere")
    after = pagecache.table_stamps(["auth_group", "wagtailcore_page"])
    assert after["auth_group"] != before["auth_group"]
    assert after["wagtailcore_page"] == before["wagtailcore_page"]


@pytest.mark.parametrize("sql, changes", [
    ('INSERT INTO "casestudies_casestudypage" ("page_ptr_id") VALUES (%s)', True),
    ('UPDATE "wagtailcore_page" SET "path" = %s', True),
    ('DELETE FROM "sessions_registration" WHERE id = %s', True),
    ('UPDATE "auth_user" SET "last_login" = %s WHERE "auth_user"."id" = %s', False),
    ('UPDATE "auth_user" SET "first_name" = %s WHERE "auth_user"."id" = %s', True),
    ('INSERT INTO "wagtailimages_rendition" ("file") VALUES (%s)', False),
    ('INSERT INTO "django_session" ("session_key") VALUES (%s)', False),
    ('SELECT * FROM "wagtailcore_page"', False),
    ("SAVEPOINT s1", False),
])
def test_which_statements_change_pages(sql, changes):
    assert (pagecache.page_table(sql) is not None) is changes


def test_every_database_connection_is_watched(db):
    assert pagecache._on_execute in connection.execute_wrappers


# --- the clock -----------------------------------------------------------------------------------

def test_no_page_outlives_the_next_session_start(demo_network, settings):
    now = timezone.now()
    upcoming = SessionPage.objects.filter(starts_at__gt=now).order_by("starts_at").first()
    change = pagecache.next_change(now)
    assert change <= upcoming.starts_at
    settings.PAGE_CACHE_SECONDS = 10 ** 9
    assert pagecache._seconds_to_keep("g-1", now) <= int((change - now).total_seconds())
    # Once the moment has passed, the next one is looked up again.
    later = upcoming.starts_at + datetime.timedelta(seconds=1)
    assert pagecache.next_change(later) > upcoming.starts_at


def test_no_feed_outlives_the_oldest_session_leaving_the_feed_window(demo_network):
    """A session is in the calendar feeds until twelve months after its end: the feeds change
    then, with no write, and no stored feed may outlive that moment."""
    from dateutil.relativedelta import relativedelta

    from sessions.models import FEED_PAST_MONTHS

    window = relativedelta(months=FEED_PAST_MONTHS)
    now = timezone.now()
    oldest = SessionPage.objects.in_feed_window(now).order_by("ends_at").first()
    # Leaving in five minutes: earlier than any start, end or other moment of the demo sessions.
    SessionPage.objects.filter(pk=oldest.pk).update(ends_at=now - window + datetime.timedelta(minutes=5),
                                                    starts_at=now - window)
    leaves = now + datetime.timedelta(minutes=5)
    change = pagecache.next_change(now)
    assert change <= leaves + datetime.timedelta(seconds=1)
    assert oldest.pk in SessionPage.objects.in_feed_window(now).values_list("pk", flat=True)
    assert oldest.pk not in SessionPage.objects.in_feed_window(
        leaves + datetime.timedelta(seconds=1)).values_list("pk", flat=True)


def test_a_new_release_does_not_serve_the_old_releases_pages(client, demo_network, settings):
    warm(client, "/en/sessions/")
    settings.PAGE_CACHE_RELEASE = "next"
    assert client.get("/en/sessions/")[HEADER] == "miss"


def test_the_cache_can_be_turned_off(client, demo_network, settings):
    settings.PAGE_CACHE_ENABLED = False
    assert HEADER not in client.get("/en/sessions/")


def test_a_revalidation_is_answered_from_the_validator_without_reading_the_page(client, demo_network):
    feed = warm(client, "/calendar/sessions.ics")
    # Only the small validator record is needed for a 304.
    key = [k for k in pagecache.page_cache()._cache if k.endswith(pagecache.VALIDATOR_SUFFIX)]
    assert key
    original_get = pagecache.page_cache().get
    read = []
    pagecache.page_cache().get = lambda k, *a, **kw: read.append(k) or original_get(k, *a, **kw)
    try:
        not_modified = client.get("/calendar/sessions.ics", HTTP_IF_NONE_MATCH=feed["ETag"])
        assert not_modified.status_code == 304 and not_modified[HEADER] == "hit"
        assert not_modified["ETag"] == feed["ETag"] and "Cache-Control" in not_modified
        assert read and all(k == pagecache.GENERATION_KEY or k.endswith(pagecache.VALIDATOR_SUFFIX)
                            for k in read)
        changed = client.get("/calendar/sessions.ics", HTTP_IF_NONE_MATCH='"an-older-copy"')
        assert changed.status_code == 200 and changed[HEADER] == "hit"
        assert changed.content == feed.content
    finally:
        del pagecache.page_cache().get


def test_the_scheme_and_host_asked_on_have_entries_of_their_own(client, demo_network, settings):
    """Canonical links, feed links and structured data are absolute: a page asked for over
    HTTPS (behind the proxy) never answers a plain-HTTP request, nor one host another's."""
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    plain = warm(client, "/en/case-studies/")
    secure = client.get("/en/case-studies/", secure=True)
    assert secure[HEADER] == "miss"
    assert "https://testserver/en/case-studies/" in body(secure)
    assert "https://testserver/" not in body(plain)
    other = client.get("/en/case-studies/", HTTP_HOST="other.example")
    assert other[HEADER] == "miss" and "http://other.example/" in body(other)
