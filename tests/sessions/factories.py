"""Factories for the sessions app (wagtail-factories for pages, factory_boy for the rest)."""
import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from sessions.models import (
    Participant,
    SessionFormat,
    SessionIndexPage,
    SessionPage,
    SessionSeries,
)


class SessionIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SessionIndexPage

    title = "Sessions"
    slug = "sessions"
    intro = "Monthly online sessions and working groups."


class SessionSeriesFactory(DjangoModelFactory):
    class Meta:
        model = SessionSeries
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Series {n}")
    slug = factory.Sequence(lambda n: f"series-{n}")
    description = "A run of sessions."


class SessionPageFactory(wagtail_factories.PageFactory):
    """A session; published through a real revision (as the admin does) unless publish=False."""

    class Meta:
        model = SessionPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Session {n}")
    slug = factory.Sequence(lambda n: f"session-{n}")
    date = datetime.date(2026, 5, 14)
    start_time = datetime.time(15, 0)
    end_time = datetime.time(16, 30)
    time_zone = "Europe/Amsterdam"
    format = SessionFormat.ONLINE
    join_url = "https://meet.example.org/secret-room-42"
    description = "<p>We compare approaches and share what worked.</p>"
    live = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)
            self.save()

    @factory.post_generation
    def publish(self, create, extracted, **kwargs):
        # Publishing through a revision sets first_published_at and live_revision, like the admin.
        if create and self.live and extracted is not False:
            self.save_revision().publish()


class ParticipantFactory(DjangoModelFactory):
    """Someone who signs up; registrations themselves go through sessions.registration.register,
    which hands out the seats."""

    class Meta:
        model = Participant

    name = factory.Sequence(lambda n: f"Participant {n}")
    email = factory.Sequence(lambda n: f"participant{n}@example.nl")
