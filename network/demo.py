"""Demo content of the network core: themes, member areas, organisations, people, pages.

Other apps' demo modules use the small lookup helpers at the bottom (``area``, ``theme``,
``people_of``, ``coordinator``) rather than repeating names.
"""
# Filled in by the demo-network work: see load().

THEME_SLUGS = [
    "vacancy", "branding", "undermining", "public-space", "mobility", "financing",
    "governance", "digitalisation", "events", "safety",
]

AREA_SLUGS = [
    # Netherlands
    "vlaardingen", "schiedam", "den-bosch", "deventer", "amersfoort", "leeuwarden",
    "rotterdam-zwart-janstraat", "boxtel",
    # Denmark
    "valby", "koge", "roskilde", "vejle", "svendborg", "horsens", "ebeltoft",
]


def load(stdout):
    """Create or update the core demo content (idempotent)."""
    raise NotImplementedError


def area(slug):
    """The demo member area with this slug."""
    from .models import MemberArea

    return MemberArea.objects.get(slug=slug)


def theme(slug):
    """The demo theme with this slug."""
    from .models import Theme

    return Theme.objects.get(slug=slug)


def people_of(area_slug):
    """The demo people of one area, in a stable order (first one is the main contact)."""
    from .models import Person

    return list(Person.objects.filter(areas__slug=area_slug).order_by("pk"))


def coordinator():
    """The network coordinator who organises the programme."""
    from .models import Person, PersonRole

    return Person.objects.filter(role=PersonRole.NETWORK_COORDINATOR).order_by("pk").first()
