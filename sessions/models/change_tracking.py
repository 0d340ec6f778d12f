"""Calendar bookkeeping of a session: what counts as a change for subscribers, and SEQUENCE.

Every save compares the page with its stored (live) row and keeps ``sequence``,
``changed_at`` and the previous time up to date, so the feeds (``sessions.calendars``) and the
e-mails to registered people (``sessions.registration.notifications``) know what changed.
"""
import re

from django.utils import timezone

from . import feed_history
from .choices import SessionStatus

# Fields whose value appears in the calendar feeds: a change to any of them is a "real change"
# (new DTSTAMP / LAST-MODIFIED), so unchanged data gives byte-identical feeds.
FEED_FIELDS = ("title", "slug", "date", "start_time", "end_time", "time_zone", "format", "venue",
               "address", "description", "status", "cancellation_reason")
# Changes that calendar clients must apply over their stored copy (RFC 5545 SEQUENCE): the time,
# the place (format, venue, address) and the status. The time counts as the UTC instants, not
# the wall-clock fields (see _track_changes): the same instant in another zone is no reschedule.
# The join link is not in public feeds, so a new link is not a place change for subscribers.
SEQUENCE_FIELDS = ("format", "venue", "address", "status")
_TRACKED_STATE = ("sequence", "changed_at", "previous_starts_at", "previous_ends_at")
# The rich-text editor may write new random block keys for unchanged paragraphs; they never
# reach the feed (plain text), so they are not a change.
_BLOCK_KEY = re.compile(r'\sdata-block-key="[^"]*"')


def _comparable(field, value):
    if field == "description" and value:
        return _BLOCK_KEY.sub("", value)
    return value


class CalendarChangeTracking:
    """Mixed into ``SessionPage``: ``save()`` derives the UTC instants and tracks changes.

    The fields it keeps (``sequence``, ``changed_at``, ``previous_*``) are declared on the page.
    """

    def save(self, *args, **kwargs):
        self.set_instants()
        update_fields = kwargs.get("update_fields")
        if update_fields is None or set(update_fields) & {*FEED_FIELDS, "series", "series_id"}:
            self._track_changes()
            if update_fields is not None:
                kwargs["update_fields"] = list(update_fields) + [
                    f for f in _TRACKED_STATE + ("starts_at", "ends_at", "status")
                    if f not in update_fields]
        # Saving a draft revision writes only bookkeeping columns (latest_revision, draft_title…)
        # of the live row: the draft's other values stay in memory and are not tracked here.
        super().save(*args, **kwargs)

    def _track_changes(self):
        """Set sequence, changed_at and previous_* from the stored (live) row.

        Wagtail saves the *whole* page when it publishes a revision, with values from the
        revision's content, which also carries this bookkeeping as it was when the draft was
        saved. So the stored row, never the in-memory values, is the baseline:

        - a new page starts at sequence 0, changed now;
        - any change to a FEED_FIELDS value, or the page (re)appearing live, sets changed_at;
        - once the session has been published, a change of time, place or status raises the
          sequence by one; a time change also records the previous time and marks it moved.
          The time is the UTC instants (start and end): another zone with the same instants
          only sets changed_at (the feeds' TZID changes), not the sequence, so nobody is told
          that the time has changed.
        """
        now = timezone.now()
        stored = None
        if self.pk:
            stored = (type(self).objects.filter(pk=self.pk)
                      .values(*FEED_FIELDS, *_TRACKED_STATE, "starts_at", "ends_at", "live",
                              "first_published_at", "series_id").first())
        if stored is None:
            self.sequence = 0
            self.changed_at = now
            self.previous_starts_at = self.previous_ends_at = None
            return
        for field in _TRACKED_STATE:
            setattr(self, field, stored[field])
        if stored["series_id"] != self.series_id:
            # It left one series' feed and joined another's: both feeds' membership changed.
            feed_history.bump([f"series:{pk}" for pk in (stored["series_id"], self.series_id) if pk])
        changed = {f for f in FEED_FIELDS
                   if _comparable(f, getattr(self, f)) != _comparable(f, stored[f])}
        if changed or (self.live and not stored["live"]) or self.changed_at is None:
            self.changed_at = now
        if stored["first_published_at"] is None:
            # Never published: no subscriber holds a copy yet, nothing to sequence.
            return
        time_changed = (self.starts_at != stored["starts_at"] or self.ends_at != stored["ends_at"])
        if time_changed:
            self.previous_starts_at = stored["starts_at"]
            self.previous_ends_at = stored["ends_at"]
            if self.status != SessionStatus.CANCELLED:
                self.status = SessionStatus.MOVED
        if time_changed or changed & set(SEQUENCE_FIELDS) or self.status != stored["status"]:
            self.sequence = stored["sequence"] + 1
