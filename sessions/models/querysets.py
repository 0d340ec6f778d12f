"""Queries on sessions: published, upcoming or past, in a feed's window, with counts."""
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.query import PageQuerySet

from ..languages import default_language
from .feed_history import FEED_PAST_MONTHS
from .registration import Registration, RegistrationStatus


def _registration_count(status):
    """The number of the session's registrations in ``status``, as a subquery (0 for none)."""
    counted = (Registration.objects.filter(session=models.OuterRef("pk"), status=status)
               .order_by().values("session").annotate(n=models.Count("pk")).values("n"))
    return Coalesce(models.Subquery(counted), 0)


class SessionPageQuerySet(PageQuerySet):
    def canonical(self):
        """Sessions in the default locale: the events of record (see ``sessions.languages``).

        Their pages in other languages (translations, aliases) carry text only: every query
        for facts (registrations, places, feeds, reminders, listings) starts from these rows.
        A join on the locale, not a separate query for it.
        """
        return self.filter(locale__language_code=default_language())

    def published(self):
        """Live canonical sessions outside any view restriction: the only ones listings and
        feeds show (their text in the reader's language comes from ``languages``)."""
        return self.live().public().canonical()

    def upcoming(self, now=None):
        """Sessions that have not ended yet."""
        now = now or timezone.now()
        # A session ends on the day it starts (after it starts, on its date: at most 25 hours
        # on the day clocks go back), so one that has not ended started less than two days
        # ago. The redundant bound lets the database read the index on ``starts_at`` (the order
        # of the listing and the home page's cards) from there, not from the first session
        # ever (#17).
        return self.filter(ends_at__gte=now, starts_at__gt=now - timedelta(days=2))

    def past(self, now=None):
        """Sessions that have ended."""
        return self.filter(ends_at__lt=now or timezone.now())

    def with_registration_counts(self):
        """Annotate ``confirmed_count`` and ``waiting_count`` (one query for a whole listing).

        Counted in a subquery per row rather than by a join and GROUP BY: the database then
        counts the registrations of the sessions shown (a page of 12, the home page's 3) after
        the cut, not those of every upcoming session before it (#17, bench/explain.py).
        """
        return self.annotate(confirmed_count=_registration_count(RegistrationStatus.CONFIRMED),
                             waiting_count=_registration_count(RegistrationStatus.WAITING))

    def in_feed_window(self, now=None):
        """All future sessions and those of the past twelve months (what calendars carry)."""
        now = now or timezone.now()
        return self.filter(ends_at__gte=now - relativedelta(months=FEED_PAST_MONTHS))

