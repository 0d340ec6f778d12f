"""Template context shared by every page."""
from django.conf import settings
from django.utils.functional import SimpleLazyObject

from network import hub
from network.translation import active_language


def navigation(request):
    """The main navigation and the member menu, as the apps registered them (``network.hub``),
    and the network's name for titles, header and footer."""
    return {
        "main_navigation": hub.main_navigation(request),
        # Lazy: most pages are seen by anonymous visitors, who never get this menu.
        "member_menu": SimpleLazyObject(hub.member_menu),
        # Not "site_name": Django's auth views set that to the host (get_current_site) and win.
        "network_name": settings.WAGTAIL_SITE_NAME,
        # The home page in the visitor's language (#15): no query, the prefix is the address.
        "home_url": f"/{active_language()}/",
    }
