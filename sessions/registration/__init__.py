"""Registration for sessions: places and the waiting list (``places``), the e-mails and
calendar invitations to registered people (``notifications``), their personal calendar
(``feeds``), the public sign-up and "my registrations" pages (``views``, ``forms``, ``urls``)
and the organisers' admin views (``organiser_views``, ``organiser_forms``).

Kept free of imports: the session page model imports ``registration.forms``.
"""
