from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseStudiesConfig(AppConfig):
    name = "casestudies"
    verbose_name = _("Case studies")
    default_auto_field = "django.db.models.BigAutoField"
    demo_module = "casestudies.demo"

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
