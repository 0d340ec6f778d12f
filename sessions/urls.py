"""URLs of the sessions app outside the page tree: calendar feeds and registration.

Each package keeps its own patterns; they share the ``sessions`` namespace, so names such as
``sessions:calendar_all`` and ``sessions:registration_manage`` stay as they were.
The addresses do not depend on page slugs, so subscriptions survive renaming the programme.
"""
from .calendars import urls as calendar_urls
from .registration import urls as registration_urls

app_name = "sessions"

urlpatterns = [*calendar_urls.urlpatterns, *registration_urls.urlpatterns]
