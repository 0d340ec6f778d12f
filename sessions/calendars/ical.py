"""Sessions as iCalendar (RFC 5545) data, built with the ``icalendar`` library.

Everything that goes into a feed comes from the sessions' stored data, never from the request
time, so the same data always gives the same bytes (and the same ETag). What is written:

- PRODID, VERSION, CALSCALE, X-WR-CALNAME/NAME, X-WR-CALDESC, REFRESH-INTERVAL and
  X-PUBLISHED-TTL on the calendar;
- one VTIMEZONE per TZID used, in the classic STANDARD/DAYLIGHT + yearly RRULE form that
  Outlook reads (see ``vtimezone``);
- one VEVENT per session: UID, DTSTAMP and LAST-MODIFIED (the session's last real change),
  SEQUENCE, DTSTART/DTEND in the session's zone, SUMMARY, STATUS, URL, LOCATION and a plain-text
  DESCRIPTION. Join links are never written into public feeds.

Every text value (names, descriptions, titles, places…) is written as RFC 5545 TEXT through
``Text``, whatever an organiser typed: escaped, with line endings normalised and the control
characters a content line may not hold removed (``clean_text``); icalendar folds the lines.

Two private kinds of calendar carry the join link (in DESCRIPTION and as an RFC 7986
CONFERENCE): a registered person's personal feed (``personal_calendar``), and the iTIP
(RFC 5546) REQUEST / CANCEL invitations attached to registration e-mails (``invitation``).
All of them use the same UID for a session, so clients match them up.

Public feeds hold thousands of events (#17): their VEVENTs are written by ``public_event``,
line by line, and the calendar's head and VTIMEZONEs are serialised once; the result is byte
for byte what icalendar writes for ``session_event`` (tests/sessions/test_ical_fast.py checks
it on a varied set of sessions). Events with a join link and the iTIP messages still go
through icalendar's object model.
"""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import parseaddr
from functools import lru_cache
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import icalendar
from dateutil import rrule
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from ..localtime import clock, long_date
from ..models import SessionStatus

PRODID = "-//Centre Network//Sessions 1.0//EN"
# Refresh hint for subscribing clients (RFC 7986 REFRESH-INTERVAL and Microsoft's X-PUBLISHED-TTL).
REFRESH = timedelta(hours=6)
# Reference year from which the time-zone rules are read (see vtimezone()).
_RULE_YEAR = 2026


def _(message: str) -> str:
    """``gettext``, remembered per language: a feed asks the same few messages for each of
    thousands of events, and the catalogues do not change while the process runs."""
    return _translated(translation.get_language(), message)


@lru_cache(maxsize=256)
def _translated(language, message):
    return gettext(message)


# --- plain text ---------------------------------------------------------------------------

# RFC 5545 CONTROL (C0 controls other than TAB and LF, and DEL) may not appear in a content line.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def clean_text(value) -> str:
    """``value`` as text a calendar can hold: line endings (CRLF, CR) as LF, and the control
    characters a content line may not contain removed. Everything else is kept as typed."""
    text = str(value or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


class Text(icalendar.vText):
    """A TEXT value (RFC 5545 section 3.3.11), escaped exactly as the RFC says.

    ``icalendar.vText`` also turns a typed backslash-N into a line break ("C:\\New" would lose
    its backslash), and X- properties such as X-WR-CALNAME would not be escaped at all: every
    text we write goes through this class instead.
    """

    def __new__(cls, value, *args, **kwargs):
        return super().__new__(cls, clean_text(value), *args, **kwargs)

    def to_ical(self) -> bytes:
        return _escape(self).encode("utf-8")


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def escape_text(value) -> str:
    """``value`` as the content of a TEXT property: what ``Text(value).to_ical()`` writes."""
    return _escape(clean_text(value))


class _TextExtractor(HTMLParser):
    """Rich text to plain text: paragraphs and list items on their own lines, links kept."""

    _BLOCKS = {"p", "h2", "h3", "h4", "li", "br", "ul", "ol", "div", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._href = None

    def handle_starttag(self, tag, attrs):
        if tag in self._BLOCKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")
        if tag == "a":
            href = dict(attrs).get("href") or ""
            # Internal links (linktype=page/document) have no public URL here: keep their text.
            self._href = href if href.startswith(("http://", "https://", "mailto:")) else None

    def handle_endtag(self, tag):
        if tag == "a" and self._href:
            self.parts.append(f" ({self._href.removeprefix('mailto:')})")
            self._href = None
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


@lru_cache(maxsize=4096)
def plain_text(rich_text: str) -> str:
    """The text of a rich-text value without markup, with blank lines between blocks.

    Remembered for the most recent few thousand values: a feed converts every session's
    description on each request, and the same descriptions come back."""
    if not rich_text:
        return ""
    parser = _TextExtractor()
    parser.feed(rich_text)
    parser.close()
    # convert_charrefs already decoded the entities once: decoding again would turn a typed
    # "&lt;" into "<".
    text = "".join(parser.parts).replace("\xa0", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# --- time zones ---------------------------------------------------------------------------


def _transitions(zone: ZoneInfo, year: int):
    """The UTC instants in ``year`` at which ``zone`` changes its offset, with the offsets."""
    found = []
    moment = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    offset = moment.astimezone(zone).utcoffset()
    while moment < end:
        nxt = moment + timedelta(hours=1)
        new_offset = nxt.astimezone(zone).utcoffset()
        if new_offset != offset:
            found.append((nxt, offset, new_offset))
            offset = new_offset
        moment = nxt
    return found


def _byday(local: datetime) -> str:
    """The RRULE BYDAY for a date: "-1SU" for the last Sunday of the month, "2TH" etc."""
    weekday = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][local.weekday()]
    next_week = local + timedelta(days=7)
    if next_week.month != local.month:
        return f"-1{weekday}"
    return f"{(local.day - 1) // 7 + 1}{weekday}"


@lru_cache(maxsize=16)
def zone_rules(tzid: str):
    """The zone's yearly rules as (kind, rrule dict, local DTSTART, offset from, offset to, name).

    Read from the tz database for a reference year. The rules are expressed as "n-th weekday of
    the month" RRULEs, the form Outlook needs; tests check that they reproduce the tz database
    for every year the feeds can contain. A zone without daylight saving gets one STANDARD rule.
    """
    zone = ZoneInfo(tzid)
    changes = _transitions(zone, _RULE_YEAR)
    if not changes:
        moment = datetime(_RULE_YEAR, 1, 1, tzinfo=UTC).astimezone(zone)
        offset = moment.utcoffset()
        return (("STANDARD", None, datetime(1970, 1, 1), offset, offset, moment.tzname()),)
    rules = []
    for instant, before, after in changes:
        # DTSTART is the wall-clock time of the change in the offset in force before it.
        local = (instant + before).replace(tzinfo=None)
        kind = "DAYLIGHT" if instant.astimezone(zone).dst() else "STANDARD"
        byday = _byday(local)
        rule = {"freq": "yearly", "bymonth": local.month, "byday": byday}
        # The first occurrence of the rule from 1970 on: a DTSTART that satisfies the RRULE.
        first = rrule.rrule(rrule.YEARLY, dtstart=datetime(1970, 1, 1, local.hour, local.minute),
                            bymonth=local.month,
                            byweekday=getattr(rrule, byday[-2:])(int(byday[:-2])))[0]
        rules.append((kind, rule, first, before, after, instant.astimezone(zone).tzname()))
    return tuple(rules)


def vtimezone(tzid: str) -> icalendar.Timezone:
    """A VTIMEZONE for ``tzid`` in the classic STANDARD/DAYLIGHT-with-RRULE form."""
    component = icalendar.Timezone()
    component.add("tzid", tzid)
    component.add("x-lic-location", tzid)
    for kind, rule, first, offset_from, offset_to, name in zone_rules(tzid):
        sub = icalendar.TimezoneDaylight() if kind == "DAYLIGHT" else icalendar.TimezoneStandard()
        sub.add("dtstart", first)
        if rule:
            sub.add("rrule", rule)
        sub.add("tzoffsetfrom", offset_from)
        sub.add("tzoffsetto", offset_to)
        sub.add("tzname", name)
        component.add_component(sub)
    return component


@lru_cache(maxsize=16)
def vtimezone_bytes(tzid: str) -> bytes:
    """``vtimezone(tzid)`` serialised, once per process (it depends on the tz database only)."""
    return vtimezone(tzid).to_ical()


# --- events and calendars -----------------------------------------------------------------


def when_text(local: datetime) -> str:
    """"Thursday 14 May 2026 15:00 CEST" in the active language."""
    return f"{long_date(local)} {clock(local)} {local.tzname()}"


def session_description(session, url: str, join_url: str = "") -> str:
    """The event's plain-text DESCRIPTION: status notes, the join link (private calendars
    only), the description, the page link."""
    parts = []
    if session.is_cancelled:
        parts.append(_("Cancelled: %(reason)s") % {"reason": session.cancellation_reason})
    if session.previous_starts_at:
        parts.append(_("Moved; it was planned for %(when)s.")
                     % {"when": when_text(session.previous_local_start)})
    if join_url and not session.is_cancelled:
        parts.append(_("Join online: %(url)s") % {"url": join_url})
    body = plain_text(session.description)
    if body:
        parts.append(body)
    parts.append(_("Details, materials and registration: %(url)s") % {"url": url})
    return "\n\n".join(parts)


def session_event(session, url: str, *, join_url: str = "", stamp=None) -> icalendar.Event:
    """One session as a VEVENT: public data, plus ``join_url`` for private calendars.

    ``stamp`` is the DTSTAMP of an iTIP message (when it was written); feeds leave it out.
    """
    event = icalendar.Event()
    event.add("uid", session.calendar_uid)
    # In feeds, DTSTAMP and LAST-MODIFIED are the session's last real change, not the request
    # time. (Rows written around save(), e.g. by a bulk import, may lack changed_at: fall back
    # to stored values, never to the request time.)
    changed = (session.changed_at or session.first_published_at or session.starts_at).astimezone(UTC)
    event.add("dtstamp", stamp.astimezone(UTC) if stamp else changed)
    event.add("last-modified", changed)
    event.add("sequence", session.sequence)
    start, end = session.local_bounds()
    event.add("dtstart", start)
    event.add("dtend", end)
    title = session.title
    if session.is_cancelled:
        # Many clients ignore STATUS in subscriptions; the title says it too.
        title = _("Cancelled: %(title)s") % {"title": title}
    event.add("summary", Text(title))
    event.add("status", "CANCELLED" if session.status == SessionStatus.CANCELLED else "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("class", "PUBLIC")
    event.add("url", url, parameters={"VALUE": "URI"})
    location = session.location_text()
    if location:
        event.add("location", Text(location))
    if join_url and not session.is_cancelled:
        event.add("conference", join_url,
                  parameters={"VALUE": "URI", "FEATURE": "AUDIO,VIDEO",
                              "LABEL": _("Online meeting")})
    event.add("description", Text(session_description(session, url, join_url)))
    return event


def _calendar(name: str, description: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # X- properties are not typed by icalendar (nothing would be escaped): give them TEXT.
    calendar.add("x-wr-calname", Text(name))
    calendar.add("name", Text(name))
    if description:
        calendar.add("x-wr-caldesc", Text(description))
        calendar.add("description", Text(description))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    # X-PUBLISHED-TTL is an X- property, so icalendar does not know its type: write it as text.
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH).to_ical().decode())
    return calendar


# --- the fast path for public feeds ---------------------------------------------------------

# icalendar folds before the octet that would make a line 75 long: at most 74 octets of content
# on each physical line (75 with the space that starts a continuation line).
_FOLD_AT = 74
_BACKSLASH, _CARET = ord("\\"), ord("^")
# TEXT escaping changes only these characters (icalendar.vText, for the UID).
_VTEXT_SPECIAL = re.compile(r"[\\;,\r\n]")


def fold(line: str) -> bytes:
    """One content line as UTF-8 bytes, folded exactly as icalendar folds it (RFC 5545 section
    3.1): never inside a UTF-8 character, and never right after a backslash or caret, so that
    an escape sequence stays on one physical line."""
    data = line.encode()
    if len(data) <= _FOLD_AT:
        return data
    parts = []
    start = 0
    while len(data) - start > _FOLD_AT:
        end = start + _FOLD_AT
        while data[end] & 0xC0 == 0x80:  # a continuation byte: the character began earlier
            end -= 1
        if end - start > 1 and data[end - 1] in (_BACKSLASH, _CARET):
            end -= 1
        parts.append(data[start:end])
        start = end
    parts.append(data[start:])
    return b"\r\n ".join(parts)


def _utc_stamp(moment: datetime) -> str:
    """A DATE-TIME in UTC ("20260514T130000Z"), as icalendar writes an aware datetime."""
    moment = moment.astimezone(UTC)
    return (f"{moment.year:04}{moment.month:02}{moment.day:02}"
            f"T{moment.hour:02}{moment.minute:02}{moment.second:02}Z")


def _local_stamp(moment: datetime) -> str:
    """A DATE-TIME in its own zone, without the zone (that is the TZID parameter)."""
    return (f"{moment.year:04}{moment.month:02}{moment.day:02}"
            f"T{moment.hour:02}{moment.minute:02}{moment.second:02}")


@lru_cache(maxsize=16)
def _tzid_parameter(tzid: str) -> str:
    return icalendar.Parameters({"TZID": tzid}).to_ical().decode()


def _uid_text(uid: str) -> str:
    return icalendar.vText(uid).to_ical().decode() if _VTEXT_SPECIAL.search(uid) else uid


def public_event(session, url: str) -> bytes:
    """``session_event(session, url).to_ical()`` for a public feed (no join link, no iTIP
    stamp), written line by line: the same bytes, at a fraction of the cost of icalendar's
    object model, which was most of a feed's time at network scale (#17). The properties
    come in icalendar's order (its canonical ones, then the others alphabetically)."""
    changed = _utc_stamp(session.changed_at or session.first_published_at or session.starts_at)
    start, end = session.local_bounds()
    tzid = _tzid_parameter(start.tzinfo.key)
    title = session.title
    if session.is_cancelled:
        title = _("Cancelled: %(title)s") % {"title": title}
    lines = [
        "BEGIN:VEVENT",
        "SUMMARY:" + escape_text(title),
        f"DTSTART;{tzid}:{_local_stamp(start)}",
        f"DTEND;{tzid}:{_local_stamp(end)}",
        "DTSTAMP:" + changed,
        "UID:" + _uid_text(session.calendar_uid),
        f"SEQUENCE:{int(session.sequence)}",
        "CLASS:PUBLIC",
        "DESCRIPTION:" + escape_text(session_description(session, url)),
        "LAST-MODIFIED:" + changed,
    ]
    location = session.location_text()
    if location:
        lines.append("LOCATION:" + escape_text(location))
    lines += ["STATUS:" + ("CANCELLED" if session.status == SessionStatus.CANCELLED
                          else "CONFIRMED"),
              "TRANSP:OPAQUE",
              "URL;VALUE=URI:" + url,
              "END:VEVENT"]
    return b"\r\n".join([fold(line) for line in lines]) + b"\r\n"


def _calendar_head(name: str, description: str) -> bytes:
    """The VCALENDAR's first lines, up to its first component."""
    whole = _calendar(name, description).to_ical()
    return whole.removesuffix(b"END:VCALENDAR\r\n")


def build_calendar(sessions, *, name: str, description: str, url_for, join_url_for=None,
                   cancelled=(), language: str | None = None) -> bytes:
    """A complete VCALENDAR for ``sessions`` as bytes (UTF-8, CRLF, folded at 75 octets).

    ``url_for(session)`` gives the absolute page URL; ``join_url_for(session)`` the join link,
    for private calendars only. ``cancelled`` are tombstones of sessions withdrawn from the
    feed (see ``withdrawn_event``). Written in ``language`` (the feed address's language;
    default: the site's main language), so that the bytes do not depend on the subscriber's
    Accept-Language.

    The same bytes as adding every component to one ``icalendar.Calendar``: each component
    is serialised on its own and the parts joined (icalendar writes a component's lines the
    same whether it stands alone or inside a calendar). Events without a join link take the
    fast path (``public_event``).
    """
    with translation.override(language or settings.LANGUAGE_CODE):
        sessions = list(sessions)
        cancelled = list(cancelled)
        parts = [_calendar_head(name, description)]
        parts += [vtimezone_bytes(tzid)
                  for tzid in sorted({item.time_zone for item in sessions + cancelled})]
        for session in sessions:
            url = url_for(session)
            join_url = join_url_for(session) if join_url_for else ""
            if join_url or not url:
                parts.append(session_event(session, url, join_url=join_url).to_ical())
            else:
                parts.append(public_event(session, url))
        parts += [withdrawn_event(tombstone).to_ical() for tombstone in cancelled]
        parts.append(b"END:VCALENDAR\r\n")
        return b"".join(parts)


def withdrawn_event(tombstone) -> icalendar.Event:
    """A session that was deleted or unpublished, as a STATUS:CANCELLED VEVENT.

    ``tombstone`` is a ``FeedTombstone``: the same UID as the live event had, a higher
    SEQUENCE, and the withdrawal as DTSTAMP/LAST-MODIFIED, so clients that merge a
    subscription instead of replacing it also drop the event. It has no URL (the page is
    gone) and does not block time (TRANSPARENT).
    """
    zone = ZoneInfo(tombstone.time_zone)
    left = tombstone.left_at.astimezone(UTC)
    event = icalendar.Event()
    event.add("uid", tombstone.uid)
    event.add("dtstamp", left)
    event.add("last-modified", left)
    event.add("sequence", tombstone.sequence)
    event.add("dtstart", tombstone.starts_at.astimezone(zone))
    event.add("dtend", tombstone.ends_at.astimezone(zone))
    event.add("summary", Text(_("Cancelled: %(title)s") % {"title": tombstone.title}))
    event.add("status", "CANCELLED")
    event.add("transp", "TRANSPARENT")
    event.add("class", "PUBLIC")
    event.add("description", Text(_("This session has been cancelled and taken off the "
                                     "programme.")))
    return event


def invitation(session, *, url: str, method: str, attendee_name: str, attendee_email: str,
               join_url: str = "", now=None, sequence: int | None = None) -> bytes:
    """An iTIP (RFC 5546) message about one session for one registered person, to attach to
    an e-mail: ``method`` "REQUEST" (you have a place; also for changes) or "CANCEL".

    CANCEL with the session still on means "you no longer attend" (no STATUS, per RFC 5546
    section 3.2.5); for a cancelled session the event carries STATUS:CANCELLED. The network
    is the ORGANIZER (its sender address) and the person the one ATTENDEE; replies are not
    requested (RSVP=FALSE), since the place is already booked. Written in the language
    active for the e-mail. ``sequence`` overrides the session's SEQUENCE (the sender passes
    the stored value, so that a message is never older than one the person already got).
    """
    if method not in ("REQUEST", "CANCEL"):
        raise ValueError(f"unsupported iTIP method {method!r}")
    now = now or datetime.now(UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add_component(vtimezone(session.time_zone))
    event = session_event(session, url, join_url=join_url if method == "REQUEST" else "",
                          stamp=now)
    if method == "CANCEL" and not session.is_cancelled:
        del event["status"]
    if sequence is not None:
        del event["sequence"]
        event.add("sequence", sequence)
    # DEFAULT_FROM_EMAIL may carry a display name ("Centre Network <network@…>"): mailto: takes
    # the bare address; the name is the CN.
    organizer = icalendar.vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    organizer.params["cn"] = icalendar.vText(settings.WAGTAIL_SITE_NAME)
    event.add("organizer", organizer)
    attendee = icalendar.vCalAddress(f"mailto:{attendee_email}")
    attendee.params["cn"] = icalendar.vText(attendee_name)
    attendee.params["role"] = icalendar.vText("REQ-PARTICIPANT")
    if method == "REQUEST":
        attendee.params["partstat"] = icalendar.vText("ACCEPTED")
    attendee.params["rsvp"] = icalendar.vText("FALSE")
    event.add("attendee", attendee)
    calendar.add_component(event)
    return calendar.to_ical()
