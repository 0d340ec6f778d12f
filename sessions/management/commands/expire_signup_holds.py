"""``manage.py expire_signup_holds``: release the places held by sign-ups whose address was not
confirmed in time, and give them to the waiting lists.

Not needed for correctness: every sign-up, confirmation and cancellation releases a session's
expired holds first. Run it from cron (say every 10 minutes) so that sessions nobody touches
pass their places on too, and to see in the log how many holds lapsed.
"""
from django.core.management.base import BaseCommand

from sessions.registration.places import expire_holds


class Command(BaseCommand):
    help = "Release places held by unconfirmed sign-ups whose hold has expired."

    def handle(self, *args, **options):
        released, promoted = expire_holds()
        self.stdout.write(f"Released {released} expired hold(s); {promoted} moved up from the "
                          "waiting list.")
