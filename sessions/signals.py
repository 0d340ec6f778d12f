"""Keep calendar bookkeeping right when a session leaves a feed or its address changes.

These changes do not go through ``SessionPage.save()``: unpublishing, adding a view
restriction, moving pages and renaming the programme page. Bumping ``changed_at`` moves the
feeds' Last-Modified forward, so clients that only send If-Modified-Since refetch. Publishing
a session also fills free places and tells registered people about changes (registration.py).
"""
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from network.personal_data import person_erased

from .models import Participant, SessionPage


def touch_sessions_under(page):
    """Mark the sessions at or below ``page`` as changed now."""
    SessionPage.objects.descendant_of(page, inclusive=True).update(changed_at=timezone.now())


@receiver(page_unpublished)
def session_unpublished(sender, instance, **kwargs):
    touch_sessions_under(instance)


@receiver(post_page_move)
@receiver(page_slug_changed)
def address_changed(sender, instance, **kwargs):
    touch_sessions_under(instance)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, instance, **kwargs):
    # When a page is deleted its restriction goes with it; then there is nothing to touch.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        touch_sessions_under(page)


@receiver(page_published, sender=SessionPage)
def session_published(sender, instance, **kwargs):
    """Fill places freed by a higher capacity; tell registered people about a move or a
    cancellation (see ``registration.session_published``)."""
    from .registration import session_published as after_publish

    after_publish(instance)


@receiver(person_erased)
def erase_registrations(sender, person, user, emails, **kwargs):
    """Erasing someone from the directory erases their session registrations too."""
    from .registration import forget

    for participant in Participant.objects.matching(user=user, emails=emails):
        forget(participant)
