"""Give every new case-study library its contributor/editor permissions and review workflow."""
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import CaseStudyIndexPage


@receiver(post_save, sender=CaseStudyIndexPage, dispatch_uid="casestudies_setup_library")
def set_up_new_library(sender, instance, created, raw=False, **kwargs):
    # Only on creation: later changes an admin makes to permissions or workflow are kept.
    if created and not raw:
        from .roles import setup_library

        setup_library(instance)
