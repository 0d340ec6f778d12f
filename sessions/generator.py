"""Create a series' draft sessions from a recurrence rule (the admin's "Generate sessions")."""
from __future__ import annotations

from django.utils.formats import date_format
from django.utils.text import slugify

from .languages import default_language
from .localtime import check_session_times
from .models import SessionIndexPage, SessionPage


def programme_page():
    """The session programme page under which sessions live (in the default locale, where
    sessions are created: ``SessionPage.can_create_at``), or None if there is none yet."""
    return (SessionIndexPage.objects.filter(locale__language_code=default_language())
            .order_by("path").first())


def can_generate(user) -> bool:
    """Whether ``user`` may add sessions (and so generate them) under the programme page."""
    index = programme_page()
    return bool(index and user.is_authenticated
                and index.permissions_for_user(user).can_add_subpage())


def _unique_slug(parent, base: str) -> str:
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def session_title(title: str, day) -> str:
    return f"{title}, {date_format(day, 'DATE_FORMAT')}"


def create_drafts(*, index, series, title, dates, start_time, end_time, time_zone, format, user):
    """Add one draft SessionPage per date under ``index``; returns the new pages.

    Drafts are not live, so they appear in no listing or feed until an organiser publishes them
    one by one (after adding the theme, description and hosts).

    Raises ValueError, creating nothing, if the start or end time does not exist or occurs
    twice on one of the dates (a daylight-saving change): Wagtail does not run the session's
    own validation on drafts, so it is checked here. The generator form reports such dates.
    """
    problems = [problem for day in dates
                for problem in check_session_times(day, start_time, end_time, time_zone).values()]
    if problems:
        raise ValueError(" ".join(problem.message for problem in problems))
    created = []
    for day in dates:
        page_title = session_title(title, day)
        page = SessionPage(
            title=page_title,
            slug=_unique_slug(index, slugify(page_title)[:200] or "session"),
            live=False,
            series=series,
            organiser=series.organiser,
            date=day,
            start_time=start_time,
            end_time=end_time,
            time_zone=time_zone,
            format=format,
        )
        index.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
        created.append(page)
    return created
