from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Network")
    default_auto_field = "django.db.models.BigAutoField"
    # Each app may contribute to the demo network through a module of its own; the core
    # runs first and never imports the apps that build on it.
    demo_module = "network.demo"
    # Likewise each app declares its groups and permissions in a module of its own (see
    # network/permissions.py), which the step below collects without naming the apps.
    permissions_module = "network.permissions"

    def ready(self):
        # Imported here, not at the top: it loads Wagtail's and the auth app's models, which
        # are not ready while the app registry is still importing the app configs.
        from . import permissions

        post_migrate.connect(permissions.grant_after_migrate, sender=self,
                             dispatch_uid="network_grant_after_migrate")
        for model in permissions.declared_page_models():
            post_save.connect(permissions.grant_on_new_page, sender=model,
                              dispatch_uid=f"network_grant_on_new_{model._meta.label_lower}")
