"""The sessions app's models, one module per concern; this package only re-exports them.

- ``choices``: time zones, formats and statuses of a session;
- ``series``: ``SessionSeries`` (a programme or a working group);
- ``pages``: ``SessionIndexPage`` and ``SessionPage``; ``hosts``: ``SessionHost``;
- ``querysets``: the queries on sessions (published, upcoming, in a feed's window);
- ``change_tracking``: calendar bookkeeping on save (SEQUENCE, last change, previous time);
- ``registration``: participants and their registrations (the rules: ``sessions.registration``);
- ``feed_history``: what the calendar feeds remember about sessions that left them.

Admin panels and blocks live beside this package (``sessions/panels.py``, ``sessions/blocks.py``).
"""
from . import feed_history  # noqa: F401
from .change_tracking import FEED_FIELDS, SEQUENCE_FIELDS  # noqa: F401
from .choices import TIME_ZONE_CHOICES, SessionFormat, SessionStatus  # noqa: F401
from .feed_history import FEED_PAST_MONTHS, FeedChange, FeedTombstone  # noqa: F401
from .hosts import SessionHost  # noqa: F401
from .pages import (  # noqa: F401
    UNKNOWN,
    SessionIndexPage,
    SessionPage,
    SessionPageManager,
)
from .querysets import SessionPageQuerySet  # noqa: F401
from .registration import (  # noqa: F401
    ACTIVE_STATUSES,
    Participant,
    Registration,
    RegistrationStatus,
)
from .series import SessionSeries  # noqa: F401
