from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Network")
    default_auto_field = "django.db.models.BigAutoField"
    # Each app may contribute to the demo network through a module of its own; the core
    # runs first and never imports the apps that build on it.
    demo_module = "network.demo"
