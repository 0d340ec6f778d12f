from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseStudiesConfig(AppConfig):
    name = "casestudies"
    verbose_name = _("Case studies")
    default_auto_field = "django.db.models.BigAutoField"
    demo_module = "casestudies.demo"
    demo_translations_module = "casestudies.demo_translations"
    # Groups, permissions and the review workflow (collected by network/permissions.py).
    permissions_module = "casestudies.roles"
