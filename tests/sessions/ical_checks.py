"""Checks shared by the calendar tests: both parsers, and RFC 5545 line rules on raw bytes."""
import icalendar
import vobject


def check_rfc5545_lines(data: bytes):
    """CRLF everywhere, no line over 75 octets, and no fold inside a UTF-8 sequence."""
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b""), "bare LF"
    assert b"\r" not in data.replace(b"\r\n", b""), "bare CR"
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line
        # Each physical line must be valid UTF-8 on its own: folding never splits a character.
        line.decode("utf-8")


def parse_both(data: bytes):
    """Parse with icalendar and with vobject (an independent implementation)."""
    check_rfc5545_lines(data)
    calendar = icalendar.Calendar.from_ical(data)
    other = vobject.readOne(data.decode("utf-8"))
    assert other.name == "VCALENDAR"
    events = calendar.walk("VEVENT")
    assert len(events) == len(getattr(other, "vevent_list", []))
    return calendar, other


def events_by_uid(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}
