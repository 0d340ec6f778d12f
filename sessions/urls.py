"""URLs of the sessions app outside the page tree: calendar feeds and registration.

Each package keeps its own patterns; they share the ``sessions`` namespace, so names such as
``sessions:calendar_all`` and ``sessions:registration_manage`` stay as they were.
The addresses do not depend on page slugs, so subscriptions survive renaming the programme.

``network/urls.py`` includes ``urlpatterns`` inside ``i18n_patterns`` (/en/…, /nl/…, /da/…:
each page and feed in that language), and ``feed_urlpatterns`` a second time without a prefix,
in English, for the calendar subscriptions made before there were languages.
"""
from .calendars import urls as calendar_urls
from .registration import urls as registration_urls

app_name = "sessions"

urlpatterns = [*calendar_urls.urlpatterns, *registration_urls.urlpatterns]

# The calendar feeds, public and personal: what calendar apps have subscribed to.
feed_urlpatterns = [*calendar_urls.urlpatterns, *registration_urls.feed_urlpatterns]
