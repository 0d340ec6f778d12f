"""Template context shared by every page."""
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

# Top-level sections by their slug under the home page; editors may retitle the pages.
_PAGE_SECTIONS = {
    "case-studies": _("Case studies"),
    "sessions": _("Sessions"),
    "intervision": _("Intervision"),
    "about": _("About"),
}
_ORDER = ["case-studies", "sessions", "members", "intervision", "about"]


def navigation(request):
    """The main navigation (Case studies, Sessions, Members, Intervision, About), one query,
    and the network's name for titles, header and footer."""
    urls = {"members": reverse("area_index")}
    site = Site.find_for_request(request)
    if site is not None:
        pages = site.root_page.get_children().live().public().filter(slug__in=_PAGE_SECTIONS)
        for page in pages:
            urls[page.slug] = page.get_url(request)
    labels = {**_PAGE_SECTIONS, "members": _("Members")}
    path = request.path
    items = []
    for key in _ORDER:
        url = urls.get(key)
        if url:
            items.append({"label": labels[key], "url": url,
                          "current": path.startswith(url) and url != "/"})
    # Not "site_name": Django's auth views set that to the host (get_current_site) and win.
    return {"main_navigation": items, "network_name": settings.WAGTAIL_SITE_NAME}
