"""Queries on sessions: published, upcoming or past, in a feed's window, with counts."""
from dateutil.relativedelta import relativedelta
from django.db import models
from django.utils import timezone
from wagtail.query import PageQuerySet

from ..languages import default_language
from .feed_history import FEED_PAST_MONTHS
from .registration import RegistrationStatus


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
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        """Sessions that have ended."""
        return self.filter(ends_at__lt=now or timezone.now())

    def with_registration_counts(self):
        """Annotate ``confirmed_count`` and ``waiting_count`` (one query for a whole listing)."""
        return self.annotate(
            confirmed_count=models.Count("registrations", filter=models.Q(
                registrations__status=RegistrationStatus.CONFIRMED)),
            waiting_count=models.Count("registrations", filter=models.Q(
                registrations__status=RegistrationStatus.WAITING)))

    def in_feed_window(self, now=None):
        """All future sessions and those of the past twelve months (what calendars carry)."""
        now = now or timezone.now()
        return self.filter(ends_at__gte=now - relativedelta(months=FEED_PAST_MONTHS))

