"""Read-only looks at the served database, so journeys can choose what to act on and check what
their clicks changed. SQLite stores datetimes as UTC text, which compares in time order."""
import datetime
import re

SESSIONS = """
    SELECT p.id, p.title, p.url_path, s.capacity, s.max_per_area
    FROM network_sessions_sessionpage s JOIN wagtailcore_page p ON p.id = s.page_ptr_id
    JOIN wagtailcore_locale l ON l.id = p.locale_id
    WHERE p.live AND l.language_code = 'en' AND s.status != 'cancelled' AND s.starts_at > ?
      AND (s.registration_opens IS NULL OR s.registration_opens <= ?)
      AND (s.registration_closes IS NULL OR s.registration_closes > ?)
    ORDER BY s.starts_at
"""


def now():
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")


def user_email(site, username):
    return site.sql("SELECT email FROM auth_user WHERE username = ?", username)[0][0]


def open_sessions(site):
    """Upcoming sessions that take sign-ups now, soonest first, as dicts."""
    moment = now()
    keys = ("id", "title", "url_path", "capacity", "max_per_area")
    return [dict(zip(keys, row, strict=True)) for row in site.sql(SESSIONS, moment, moment, moment)]


def counts(site, session_id):
    """{'confirmed': n, 'waiting': m} for a session."""
    rows = site.sql("SELECT status, COUNT(*) FROM network_sessions_registration "
                    "WHERE session_id = ? GROUP BY status", session_id)
    return {"confirmed": 0, "waiting": 0, **dict(rows)}


def registration(site, session_id, email):
    """The active-or-last registration of an address for a session: (id, status) or None."""
    rows = site.sql("""SELECT r.id, r.status FROM network_sessions_registration r
                       JOIN network_sessions_participant p ON p.id = r.participant_id
                       WHERE r.session_id = ? AND lower(p.email) = lower(?)
                       ORDER BY (r.status = 'cancelled'), r.id DESC""", session_id, email)
    return rows[0] if rows else None


def area_load(site, session_id, area_id):
    """Places and waiting-list entries an area holds in a session (what its limit counts)."""
    return site.sql("SELECT COUNT(*) FROM network_sessions_registration WHERE session_id = ? "
                    "AND area_id = ? AND status != 'cancelled'", session_id, area_id)[0][0]


def account_area(site, username):
    """The (first) member area of an account's directory entry: (id, name)."""
    return site.sql("""SELECT a.id, a.name FROM network_person p
                       JOIN network_person_areas pa ON pa.person_id = p.id
                       JOIN network_memberarea a ON a.id = pa.memberarea_id
                       JOIN auth_user u ON u.id = p.user_id
                       WHERE u.username = ? ORDER BY a.name""", username)[0]


def page_path(session):
    """The public English path of a page of the default tree in the one-site demo: its url_path
    without the root's slug, under the language prefix (#15)."""
    return "/en/" + session["url_path"].split("/", 2)[2]


def session_with_room(site, email, area_id, exclude=()):
    """An open session with free places where this address is not registered and its area is
    under the per-area limit."""
    for session in open_sessions(site):
        taken = counts(site, session["id"])
        room = session["capacity"] is None or taken["confirmed"] < session["capacity"]
        mine = registration(site, session["id"], email)
        under_limit = (session["max_per_area"] is None
                       or area_load(site, session["id"], area_id) < session["max_per_area"])
        if room and under_limit and session["id"] not in exclude and (mine is None or mine[1] == "cancelled"):
            return session
    raise AssertionError("the demo network has no open session with room for " + email)


def links_in(text, pattern=r"https?://\S+"):
    return re.findall(pattern, text)
