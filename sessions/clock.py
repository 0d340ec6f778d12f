"""When the sessions' pages change by the clock alone, for the page cache (#17).

A session's page, the programme, the home page and the feeds change without anybody writing
anything when a session starts or ends (upcoming becomes past), when registration opens or
closes, when a held place runs out, when a withdrawn session's tombstone leaves the feeds, and
when the oldest session in the calendar feeds' window (the past twelve months) leaves it.
network/pagecache.py keeps no page past the next of these moments.
"""
from dateutil.relativedelta import relativedelta
from django.db.models import Min, Q

from network.pagecache import content_clock

from .models import FEED_PAST_MONTHS, FeedTombstone, Registration, SessionPage


@content_clock
def next_session_moment(now):
    """The next start, end, registration opening or closing, hold expiry, tombstone expiry or
    departure from the feeds' window after ``now`` (three small queries, once per generation of
    the cache), or None."""
    fields = ("starts_at", "ends_at", "registration_opens", "registration_closes")
    window = relativedelta(months=FEED_PAST_MONTHS)
    found = SessionPage.objects.aggregate(
        **{f"next_{field}": Min(field, filter=Q(**{f"{field}__gt": now})) for field in fields},
        # A session is in the feeds until FEED_PAST_MONTHS after its end (in_feed_window).
        oldest_in_window=Min("ends_at", filter=Q(ends_at__gte=now - window)))
    oldest = found.pop("oldest_in_window")
    moments = list(found.values())
    if oldest is not None:
        moments.append(oldest + window)
    moments.append(Registration.objects.filter(hold_expires_at__gt=now)
                   .aggregate(m=Min("hold_expires_at"))["m"])
    moments.append(FeedTombstone.objects.filter(keep_until__gt=now).aggregate(m=Min("keep_until"))["m"])
    return min((moment for moment in moments if moment), default=None)
