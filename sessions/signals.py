"""Keep calendar bookkeeping right when a session leaves a feed or its address changes.

These changes do not go through ``SessionPage.save()``: unpublishing, adding a view
restriction, moving pages and renaming the programme page. Bumping ``changed_at`` moves the
feeds' Last-Modified forward, so clients that only send If-Modified-Since refetch. Publishing
a session also fills free places and tells registered people about changes
(registration/places.py).

A session that is deleted or unpublished (by hand, in bulk, or by its expiry date) is treated
as cancelled: its registrations are cancelled and the people told (an iTIP CANCEL), and the
feeds it was in keep it as a cancelled event for a while (models/feed_history.py). Sessions
joining or leaving a theme stamp that feed, so its validators move forward (a series change is
stamped by SessionPage._track_changes, which reads the stored row anyway).
"""
import copy

from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from network.personal_data import person_erased

from .languages import sync_on_publish
from .models import FeedTombstone, Participant, SessionPage, SessionStatus, feed_history
from .registration import notifications
from .registration.places import forget, withdraw
from .registration.places import session_published as after_publish


def touch_sessions_under(page):
    """Mark the sessions at or below ``page`` as changed now."""
    SessionPage.objects.descendant_of(page, inclusive=True).update(changed_at=timezone.now())


@receiver(page_unpublished)
def session_unpublished(sender, instance, **kwargs):
    touch_sessions_under(instance)
    if isinstance(instance, SessionPage) and instance.is_canonical:
        # Wagtail also sends this just before deleting a live page (its own pre_delete).
        # A translation or alias leaving is only a page in one language: the event stays.
        withdraw_session(instance, was_live=True)


@receiver(pre_delete, sender=SessionPage)
def session_deleted(sender, instance, **kwargs):
    # Also covers a page deleted while not live that still had registrations.
    if instance.is_canonical:
        withdraw_session(instance, was_live=instance.live)


def withdraw_session(session, *, was_live):
    """Treat a session that is being deleted or unpublished as cancelled.

    Its active registrations are cancelled and the people told after commit (unless a
    cancellation was already announced, or the session is over); if it was in public feeds
    they keep it as a cancelled event with a higher SEQUENCE. Doing it twice does nothing more.
    """
    now = timezone.now()
    stored = SessionPage.objects.filter(pk=session.pk).first()
    if stored is None:
        return
    in_feeds = (was_live and stored.first_published_at is not None
                and SessionPage.objects.public().filter(pk=stored.pk).exists()
                and not FeedTombstone.objects.filter(session_id=stored.pk).exists())
    with transaction.atomic():
        registrations = withdraw(stored, now=now)
        if not (in_feeds or registrations):
            return
        already_told = stored.is_cancelled and stored.notified_sequence >= stored.sequence
        # Above every SEQUENCE sent so far, so clients apply the cancellation.
        sequence = stored.sequence + 1
        SessionPage.objects.filter(pk=stored.pk).update(
            sequence=sequence, notified_sequence=sequence, changed_at=now)
        if in_feeds:
            feed_history.record_departure(stored, sequence=sequence, now=now)
    if registrations and not already_told and not stored.has_ended(now):
        cancelled = copy.copy(stored)
        cancelled.sequence = sequence
        if not cancelled.is_cancelled:
            cancelled.status = SessionStatus.CANCELLED
            cancelled.cancellation_reason = WITHDRAWN_REASON
        transaction.on_commit(
            lambda: notifications.session_withdrawn(registrations, cancelled))


# Lazy: evaluated in each participant's language when their e-mail is written.
WITHDRAWN_REASON = gettext_lazy("The session has been taken off the programme.")


@receiver(m2m_changed, sender=SessionPage.themes.through)
def themes_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A session joined or left a theme: that theme's feed changed."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if reverse:
        theme_ids = [instance.pk] if pk_set is None or pk_set else []
    elif action == "pre_clear":
        theme_ids = list(sender.objects.filter(sessionpage_id=instance.pk)
                         .values_list("theme_id", flat=True))
    else:
        theme_ids = pk_set or ()
    if theme_ids:
        feed_history.bump([f"theme:{pk}" for pk in theme_ids])


@receiver(post_page_move)
@receiver(page_slug_changed)
def address_changed(sender, instance, **kwargs):
    touch_sessions_under(instance)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, instance, raw=False, **kwargs):
    # A restore (loaddata, raw=True) brings back the feeds' validators as they were backed up:
    # touching them would make every calendar refetch, and the page may not be loaded yet.
    if raw:
        return
    # When a page is deleted its restriction goes with it; then there is nothing to touch.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        touch_sessions_under(page)


@receiver(page_published, sender=SessionPage)
def session_published(sender, instance, revision=None, **kwargs):
    """Fill places freed by a higher capacity; tell registered people about a move or a
    cancellation (see ``registration.places.session_published``); bring the session's
    translations up to date with its facts (``languages.sync_on_publish``).

    Only for the canonical session: publishing a translation or an alias publishes text.
    """
    if not instance.is_canonical:
        return
    sync_on_publish(instance, user=getattr(revision, "user", None))
    if feed_history.forget_departure(instance.pk) is not None:
        # Back after being withdrawn: above the cancelled event's SEQUENCE, or clients would
        # keep it cancelled. Its registrations were cancelled, so there is nobody to tell.
        SessionPage.objects.filter(pk=instance.pk).update(
            sequence=F("sequence") + 1, notified_sequence=F("sequence") + 1)
    after_publish(instance)


@receiver(person_erased)
def erase_registrations(sender, person, user, emails, **kwargs):
    """Erasing someone from the directory erases their session registrations too: those linked
    to their account or made with its verified address (``emails``), never those of a
    free-text directory address that may be someone else's."""
    for participant in Participant.objects.matching(user=user, emails=emails):
        forget(participant)
