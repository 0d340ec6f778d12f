"""Admin integration: the series snippet with a "Generate sessions" action, and the
registrations views (menu item, page buttons, URLs)."""
from django.contrib import messages
from django.db.models import Count
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button, HeaderButton, ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from network import hub, memo, pagecache
from network.translation import active_language

from . import clock  # noqa: F401 — registers when pages change by the clock (#17)
from .admin_views import GenerateSeriesView
from .generator import can_generate
from .languages import attach_texts
from .models import SessionPage, SessionSeries, SessionStatus
from .registration import organiser_views
from .templatetags import session_tags


class SeriesIndexView(IndexView):
    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if can_generate(self.request.user):
            buttons.append(HeaderButton(_("Generate sessions"), url=reverse("network_sessions_generate"),
                                        icon_name="date"))
        return buttons


class SessionSeriesViewSet(SnippetViewSet):
    model = SessionSeries
    icon = "date"
    menu_label = _("Session series")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "kind", "organiser"]
    list_filter = ["kind"]
    index_view_class = SeriesIndexView


register_snippet(SessionSeriesViewSet)


@hooks.register("register_admin_urls")
def register_generator_url():
    return [path("sessions/generate/", GenerateSeriesView.as_view(), name="network_sessions_generate")]


@hooks.register("register_snippet_listing_buttons")
def series_generate_button(snippet, user, next_url=None):
    if isinstance(snippet, SessionSeries) and can_generate(user):
        yield ListingButton(_("Generate sessions"),
                            url=reverse("network_sessions_generate") + f"?series={snippet.pk}",
                            priority=20)


class GenerateMenuItem(MenuItem):
    def is_shown(self, request):
        return can_generate(request.user)


@hooks.register("register_admin_menu_item")
def generate_menu_item():
    return GenerateMenuItem(_("Generate sessions"), reverse("network_sessions_generate"),
                            icon_name="date", order=260)


# ------------------------------------------------------------------------------------------
# Registrations: the organisers' view of who signed up (sessions/registration/organiser_views.py)
# ------------------------------------------------------------------------------------------

@hooks.register("register_admin_urls")
def register_registration_urls():
    """The registrations overview and, per session, the list with its actions and CSV."""
    views = organiser_views
    return [
        path("sessions/registrations/", views.RegistrationOverviewView.as_view(),
             name="network_sessions_registration_overview"),
        path("sessions/<int:pk>/registrations/", views.RegistrationsView.as_view(),
             name="network_sessions_registrations"),
        path("sessions/<int:pk>/registrations/add/", views.AddRegistrationView.as_view(),
             name="network_sessions_registration_add"),
        path("sessions/<int:pk>/registrations/message/", views.MessageRegistrantsView.as_view(),
             name="network_sessions_registrations_message"),
        path("sessions/<int:pk>/registrations/export.csv", views.RegistrationsCsvView.as_view(),
             name="network_sessions_registrations_csv"),
        path("sessions/<int:pk>/registrations/<int:registration_pk>/remove/",
             views.RemoveRegistrationView.as_view(), name="network_sessions_registration_remove"),
    ]


def _registrations_url_for(page, user):
    """The registrations URL if ``page`` is a session ``user`` may manage, else None."""
    # specific_class comes from the cached content type: no query per listing row.
    specific_class = page.specific_class
    if specific_class is None or not issubclass(specific_class, SessionPage):
        return None
    if not (user.is_active and page.permissions_for_user(user).can_edit()):
        return None
    return reverse("network_sessions_registrations", args=[page.pk])


@hooks.register("register_page_header_buttons")
def session_registrations_header_button(page, user, view_name, next_url=None):
    """"Registrations" in a session's header menu (edit view and others)."""
    url = _registrations_url_for(page, user)
    if url:
        yield Button(_("Registrations"), url, icon_name="group", priority=25)


@hooks.register("register_page_listing_more_buttons")
def session_registrations_listing_button(page, user, next_url=None):
    """"Registrations" in the "…" menu of each session in the page listing."""
    url = _registrations_url_for(page, user)
    if url:
        yield Button(_("Registrations"), url, icon_name="group", priority=25)


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return organiser_views.can_see_overview(request.user)


@hooks.register("register_admin_menu_item")
def registrations_menu_item():
    """"Registrations" in the admin menu, for people who look after sessions."""
    return RegistrationsMenuItem(_("Registrations"),
                                 reverse("network_sessions_registration_overview"),
                                 icon_name="group", order=255)


@hooks.register("before_delete_page")
def warn_before_deleting_a_session_with_registrations(request, page):
    """On the delete confirmation: say that registered people will be told it is cancelled.

    Deleting is allowed (signals.py treats it as a cancellation), but setting the status to
    Cancelled with a reason is kinder, so the organiser is told before confirming.
    """
    if request.method != "GET" or not isinstance(page, SessionPage):
        return None
    counts = page.registration_counts()
    registered = counts["confirmed"] + counts["waiting"]
    if registered and not page.has_ended():
        messages.warning(request, ngettext(
            "%(count)d person is registered for this session. Deleting it cancels the "
            "registration and tells them by e-mail; calendars show the session as cancelled. "
            "To keep a reason on the page, set the status to Cancelled instead.",
            "%(count)d people are registered for this session. Deleting it cancels their "
            "registrations and tells them by e-mail; calendars show the session as cancelled. "
            "To keep a reason on the page, set the status to Cancelled instead.",
            registered) % {"count": registered})
    return None


# hub: the programme in the main navigation, "My sessions" in the member menu, sessions on the
# home and member-area pages (extension points of network/hub.py).
hub.header_link(_("Sessions"), page_slug="sessions", order=20)
hub.member_link(_("My sessions"), "sessions:my_registrations", order=30)


# Sessions on the home page: its section's cards, among which the hero finds the next one.
HOME_SESSIONS = 3


def next_session_url(request):
    """The next session that is still on, in the visitor's language; the programme if none.
    Kept like the home page's cards (session_tags.upcoming_keys), per language and host."""
    def find():
        # Usually among the home section's sessions, which are kept anyway.
        keys = session_tags.upcoming_keys(HOME_SESSIONS)
        on = [pk for pk, status in keys if status != SessionStatus.CANCELLED][:1]
        if not on and len(keys) == HOME_SESSIONS:
            # Every one is cancelled and there may be more: look further.
            on = list(SessionPage.objects.published().upcoming(timezone.now())
                      .exclude(status=SessionStatus.CANCELLED).order_by("starts_at", "pk")
                      .values_list("pk", flat=True)[:1])
        sessions = attach_texts(SessionPage.objects.filter(pk__in=on))
        if sessions:
            return sessions[0].text.get_url(request)
        return hub.page_url(request, "sessions")

    key = (active_language(), request.get_host(), pagecache.kept_next_change())
    return memo.remember_tables("sessions.next-session-url", key, find, size=8)


hub.hero_action(_("See the next session"), next_session_url, order=20)


@hub.theme_counts(order=20)
def upcoming_sessions_per_theme(request):
    """The upcoming sessions (not cancelled) of each theme, one query; linked to the
    programme filtered by the theme.

    Kept until a table it reads is written or the next moment pages change by the clock
    (a session ending, network.pagecache.kept_next_change): counting every upcoming session
    of 5,000 was half of the home page at #17's size."""
    def count():
        rows = (SessionPage.objects.published().upcoming(timezone.now())
                .exclude(status=SessionStatus.CANCELLED).filter(themes__isnull=False)
                .order_by().values("themes").annotate(n=Count("pk", distinct=True)))
        return {row["themes"]: row["n"] for row in rows}

    counts = memo.remember_tables("sessions.upcoming-per-theme", pagecache.kept_next_change(),
                                  count, size=2)
    return hub.ThemeCount(
        counts=counts,
        url=hub.page_url(request, "sessions") or "",
        label=lambda n: ngettext("%(count)s upcoming session", "%(count)s upcoming sessions", n)
        % {"count": n})


@hub.home_section("sessions/includes/home_section.html", order=10, stylesheet="css/sessions.css")
def upcoming_sessions_section(request):
    return session_tags.upcoming_sessions({"request": request}, HOME_SESSIONS)


@hub.area_section("sessions/includes/area_section.html", order=20)
def area_sessions_section(request, area):
    return session_tags.area_sessions({"request": request}, area)
