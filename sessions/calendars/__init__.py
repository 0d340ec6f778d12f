"""Calendars: sessions as iCalendar (``ical``), which sessions each feed holds and its
validators (``feeds``), answering a feed request (``responses``), add-to-calendar links
(``links``), and the public feed views with their URLs (``views``, ``urls``).

Kept free of imports: the session page model imports ``calendars.links``.
"""
