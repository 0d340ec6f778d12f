"""A session as a schema.org Event, for search engines (#16, docs/seo.md).

Every language's page of a session describes the same event: the facts (time, format, status,
place, places left) come from the canonical session, the name and description from the page
read. Google's Event guidelines ask for name, startDate and location, and recommend
description, endDate, eventAttendanceMode, eventStatus (with previousStartDate when moved),
image, offers, organizer and performer.

The online meeting link never appears: an online session's VirtualLocation is the public
session page, where people register and registered people find the link.
"""
from network.absolute_urls import page_url
from network.structured_data import (
    enum,
    image_urls,
    isoformat,
    member_area,
    one_line,
    organization,
    plain_text,
)
from network.translation import text_language

# By SessionFormat value (this module is imported by the models, so it does not import them).
ATTENDANCE_MODES = {
    "online": "OnlineEventAttendanceMode",
    "in_person": "OfflineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
}
#: How long a description search engines get (Google shows a snippet of it).
DESCRIPTION_LENGTH = 500


def status(event):
    """(eventStatus, previousStartDate) of the canonical session ``event``.

    A moved session is rescheduled only while its previous start is known: Google wants the
    previous date with EventRescheduled. schema.org's previousStartDate is a Date, so the
    previous day in the session's own time zone.
    """
    if event.is_cancelled:
        return enum("EventCancelled"), None
    if event.is_moved:
        return enum("EventRescheduled"), event.previous_local_start.date().isoformat()
    return enum("EventScheduled"), None


def location(event, url):
    """The place (in person), the session page as a virtual location (online), or both."""
    virtual = {"@type": "VirtualLocation", "url": url}
    if event.format == "online":
        return virtual
    area = event.host_area
    place = {
        "@type": "Place",
        "name": event.venue or event.address or (area.localized_name if area else None),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": event.address,
            "addressLocality": area.municipality if area else None,
            "addressCountry": area.country if area else None,
        },
    }
    return [place, virtual] if event.format == "hybrid" else place


def offer(event, url):
    """Taking part: free, open while registration is and places are left (waiting list aside)."""
    state = event.registration_state()
    full = event.seats_left() == 0
    available = state in ("open", "not_yet") and not full
    opens = event.registration_opens or event.first_published_at
    return {
        "@type": "Offer",
        "price": 0,
        "priceCurrency": "EUR",
        "availability": enum("InStock" if available else "SoldOut"),
        "url": url,
        "validFrom": isoformat(opens.astimezone(event.zone)) if opens else None,
    }


def performer(event, request):
    """Who presents: the host area (a session's case comes from it), else the network."""
    if event.host_area is None:
        return organization(request, full=False)
    return member_area(event.host_area, request)


def event(page, request):
    """The schema.org Event of session ``page`` in any language (a dict, see
    network.structured_data)."""
    facts = page.canonical
    url = page_url(page, request)
    event_status, previous_start = status(facts)
    return {
        "@type": "Event",
        "name": page.title,
        "description": (one_line(page.search_description, DESCRIPTION_LENGTH)
                        or plain_text(page.description or page.summary, DESCRIPTION_LENGTH)),
        "startDate": isoformat(facts.local_start),
        "endDate": isoformat(facts.local_end),
        "eventAttendanceMode": enum(ATTENDANCE_MODES[facts.format]),
        "eventStatus": event_status,
        "previousStartDate": previous_start,
        "location": location(facts, url),
        "image": image_urls(getattr(page, "card_image", None), request),
        "organizer": organization(request, full=False),
        "performer": performer(facts, request),
        "offers": offer(facts, url),
        "isAccessibleForFree": True,
        # The language the session is held in: its canonical page's (the network meets in
        # English unless a session is written, and so held, in another language).
        "inLanguage": text_language(facts),
        "url": url,
    }
