from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class NetworkConfig(AppConfig):
    # This module has two configs: "network" in INSTALLED_APPS must mean this one.
    default = True
    name = "network"
    verbose_name = _("Network")
    default_auto_field = "django.db.models.BigAutoField"
    # Each app may contribute to the demo network through a module of its own; the core
    # runs first and never imports the apps that build on it.
    demo_module = "network.demo"
    demo_translations_module = "network.demo_translations"
    # Likewise each app declares its groups and permissions in a module of its own (see
    # network/permissions.py), which the step below collects without naming the apps.
    permissions_module = "network.permissions"

    def ready(self):
        # Imported here, not at the top: it loads Wagtail's and the auth app's models, which
        # are not ready while the app registry is still importing the app configs.
        from wagtail.models import PageViewRestriction
        from wagtail.signals import page_published

        from . import memo, pagecache, permissions, restrictions, sites, translation

        # The site, home page, locales and view restrictions every page needs are read once
        # per generation of the page cache, not on every request (#17).
        memo.install()
        sites.install()
        restrictions.install()
        # Any write that pages show starts a new generation of the page cache (#17).
        pagecache.connect_signals()

        # Every published original gets an alias in each language that lacks it (#15).
        page_published.connect(translation.sync_on_publish,
                               dispatch_uid="network_sync_page_to_all_locales")
        # …and a page made private in one language is private in all of them.
        for signal in (post_save, post_delete):
            signal.connect(translation.mirror_on_restriction_change, sender=PageViewRestriction,
                           dispatch_uid=f"network_mirror_view_restrictions_{signal is post_save}")
        post_migrate.connect(permissions.grant_after_migrate, sender=self,
                             dispatch_uid="network_grant_after_migrate")
        for model in permissions.declared_page_models():
            post_save.connect(permissions.grant_on_new_page, sender=model,
                              dispatch_uid=f"network_grant_on_new_{model._meta.label_lower}")


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with the user admin's forms that keep one account per e-mail
    address and confirm a new address (network/identity.py). Replaces "wagtail.users" in
    INSTALLED_APPS; the label stays "wagtailusers"."""

    user_viewset = "network.wagtail_hooks.UserViewSet"
