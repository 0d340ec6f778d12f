"""When the sessions' pages change by the clock alone, for the page cache (#17).

A session's page, the programme, the home page and the feeds change without anybody writing
anything when a session starts or ends (upcoming becomes past), when registration opens or
closes, when a held place runs out, and when a withdrawn session's tombstone leaves the feeds.
network/pagecache.py keeps no page past the next of these moments.
"""
from django.db.models import Min, Q

from network.pagecache import content_clock

from .models import FeedTombstone, Registration, SessionPage


@content_clock
def next_session_moment(now):
    """The next start, end, registration opening or closing, hold expiry or tombstone expiry
    after ``now`` (three small queries, once per generation of the cache), or None."""
    fields = ("starts_at", "ends_at", "registration_opens", "registration_closes")
    moments = list(SessionPage.objects.aggregate(
        **{field: Min(field, filter=Q(**{f"{field}__gt": now})) for field in fields}).values())
    moments.append(Registration.objects.filter(hold_expires_at__gt=now)
                   .aggregate(m=Min("hold_expires_at"))["m"])
    moments.append(FeedTombstone.objects.filter(keep_until__gt=now).aggregate(m=Min("keep_until"))["m"])
    return min((moment for moment in moments if moment), default=None)
