from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessionsConfig(AppConfig):
    name = "sessions"
    # django.contrib.sessions owns the label "sessions"; ours must differ so both coexist.
    label = "network_sessions"
    verbose_name = _("Sessions")
    default_auto_field = "django.db.models.BigAutoField"
    demo_module = "sessions.demo"
    demo_translations_module = "sessions.demo_translations"
    # The Organisers' rights on series and the programme (collected by network/permissions.py).
    permissions_module = "sessions.permissions"
    # Kept out of search engines (robots.txt, network/sitemaps.py): personal calendar feeds and
    # the secret links that manage a registration.
    robots_disallow = ["/calendar/personal/", "/registrations/"]

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
