"""What the calendar feeds remember about sessions that left them.

A feed's validators are computed from the sessions it holds, so a session that leaves a feed
(deleted, unpublished, a theme removed, moved to another series) takes its own change time
with it: Last-Modified could stay the same or even go back, and clients that only send
If-Modified-Since would keep the old event for ever. Two small tables prevent that:

- ``FeedChange``: per feed key ("all", "theme:<id>", "series:<id>", "session:<id>") the last
  time a session joined or left it. It takes part in the feed's Last-Modified and ETag.
- ``FeedTombstone``: a session withdrawn from the feeds (deleted or unpublished). For a while
  the feeds it was in carry it as a STATUS:CANCELLED event with the same UID and a higher
  SEQUENCE, so clients that merge rather than replace a subscription remove it too.

The page id is stored as a plain number, not a foreign key: the tombstone must outlive the page.
"""
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.db import models
from django.utils import timezone

# How long a withdrawn session stays in the feeds as cancelled: until this long after its end,
# and at least this long after it was withdrawn. Clients refresh within a day; 30 days covers
# a laptop that was off for a holiday.
TOMBSTONE_DAYS = 30
# How far back calendar feeds reach: all future sessions and those of the past twelve months.
FEED_PAST_MONTHS = 12


class FeedChange(models.Model):
    """The last time a session joined or left one feed (its membership stamp)."""

    key = models.CharField(max_length=64, unique=True)
    changed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.key} @ {self.changed_at:%Y-%m-%d %H:%M:%S}"


class FeedTombstoneQuerySet(models.QuerySet):
    def for_feed(self, key):
        """The tombstones that belong in the feed called ``key``."""
        return self.filter(feed_keys__contains=f" {key} ")


class FeedTombstone(models.Model):
    """A session that was withdrawn from the feeds, as the feeds last showed it."""

    session_id = models.PositiveBigIntegerField(unique=True)
    uid = models.CharField(max_length=255)
    title = models.CharField(max_length=255)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(max_length=40)
    # Higher than any SEQUENCE the live event ever had.
    sequence = models.PositiveIntegerField()
    # The feeds it was in, space-separated with a space at both ends (" all theme:3 ").
    feed_keys = models.TextField()
    left_at = models.DateTimeField()
    keep_until = models.DateTimeField(db_index=True)

    objects = FeedTombstoneQuerySet.as_manager()

    def __str__(self):
        return f"{self.title} (withdrawn {self.left_at:%Y-%m-%d})"

    def keys(self):
        """The feed keys as a list."""
        return self.feed_keys.split()


def bump(keys, now=None):
    """Record that the membership of the feeds ``keys`` changed now (one query)."""
    keys = sorted(set(keys))
    if not keys:
        return
    now = now or timezone.now()
    FeedChange.objects.bulk_create(
        [FeedChange(key=key, changed_at=now) for key in keys],
        update_conflicts=True, unique_fields=["key"], update_fields=["changed_at"])


def stamp(key):
    """When a session last joined or left the feed ``key``, or None."""
    return FeedChange.objects.filter(key=key).values_list("changed_at", flat=True).first()


def prune(now=None):
    """Delete tombstones kept long enough; their feeds change, so their stamps move on."""
    now = now or timezone.now()
    expired = list(FeedTombstone.objects.filter(keep_until__lt=now))
    if expired:
        bump({key for tombstone in expired for key in tombstone.keys()}, now)
        FeedTombstone.objects.filter(pk__in=[t.pk for t in expired]).delete()


def session_feed_keys(session, now=None):
    """The keys of the public feeds that hold ``session`` by its data (themes and series as
    stored), assuming it is published and public."""
    now = now or timezone.now()
    keys = [f"session:{session.pk}"]
    if session.ends_at >= now - relativedelta(months=FEED_PAST_MONTHS):
        keys.append("all")
        theme_ids = (type(session).themes.through.objects.filter(sessionpage_id=session.pk)
                     .values_list("theme_id", flat=True))
        keys += [f"theme:{pk}" for pk in theme_ids]
        if session.series_id:
            keys.append(f"series:{session.series_id}")
    return keys


def record_departure(session, *, sequence, now=None):
    """Remember ``session`` as withdrawn from the feeds it is in, shown with ``sequence``.

    Returns the tombstone. The feeds' stamps move on, so their validators change.
    """
    now = now or timezone.now()
    keys = session_feed_keys(session, now)
    tombstone, _created = FeedTombstone.objects.update_or_create(
        session_id=session.pk,
        defaults={"uid": session.calendar_uid, "title": session.title,
                  "starts_at": session.starts_at, "ends_at": session.ends_at,
                  "time_zone": session.time_zone, "sequence": sequence,
                  "feed_keys": f" {' '.join(keys)} ", "left_at": now,
                  "keep_until": max(session.ends_at, now) + timedelta(days=TOMBSTONE_DAYS)})
    bump(keys, now)
    prune(now)
    return tombstone


def forget_departure(session_id, now=None):
    """The session is back in the feeds: drop its tombstone. Returns the tombstone or None."""
    now = now or timezone.now()
    tombstone = FeedTombstone.objects.filter(session_id=session_id).first()
    if tombstone is not None:
        bump(tombstone.keys(), now)
        tombstone.delete()
    prune(now)
    return tombstone
