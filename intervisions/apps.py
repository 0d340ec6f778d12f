from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntervisionsConfig(AppConfig):
    """Intervision (peer consultation): confidential records, methods, consent and follow-up."""

    name = "intervisions"
    verbose_name = _("Intervision")
    default_auto_field = "django.db.models.BigAutoField"
    # Loaded by load_demo_network after the sessions app (records link to demo sessions' areas
    # and people); INSTALLED_APPS lists this app after "sessions".
    demo_module = "intervisions.demo"
    demo_translations_module = "intervisions.demo_translations"
    permissions_module = "intervisions.permissions"
    # Kept out of search engines (robots.txt, network/sitemaps.py): the members-only records
    # and follow-up actions (the anonymised summaries stay public).
    robots_disallow = ["/intervisions/records/", "/intervisions/actions/"]
