"""Views of the network core: member directory, site search, robots and error pages."""
from django.contrib.auth.decorators import user_passes_test
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Page

from . import area_picker, directory
from .filters import listing_context
from .forms import SearchForm
from .images import with_card_images
from .models import MemberArea, Person, can_see_contact_details
from .pagination import RESULTS_PAGE_SIZE, paginate
from .params import search_text
from .sitemaps import disallowed_paths
from .translation import active_language, language_name, prefetch_text_languages, text_language


@require_safe
def area_index(request):
    """The member directory: areas with search, filters, order and an A–Z letter jump."""
    # Only the keys of a page of areas: their cards are kept as markup (directory.area_cards).
    context = listing_context(request, directory.AreaFilter(request.GET), keys_only=True)
    return render(request, "network/area_index.html", {
        **context,
        "area_cards": directory.area_cards(context["page_obj"].object_list),
        "letters": directory.area_letters(),
        "current_letter": context["filters"].get("letter", ""),
    })


@require_safe
def area_detail(request, slug):
    """One member area: profile and people; contact details only for members."""
    area = get_object_or_404(with_card_images(MemberArea.objects.in_directory()), slug=slug)
    people = (with_card_images(Person.objects.in_directory().filter(areas=area), "photo")
              .select_related("organisation").prefetch_related("expertise"))
    return render(request, "network/area_detail.html", {
        "area": area,
        "people": people,
        "show_contact": can_see_contact_details(request.user),
        "organisations": area.organisations.all(),
    })


@require_safe
@user_passes_test(can_see_contact_details)
def people_index(request):
    """The people listing, for logged-in members only (others are sent to the login page)."""
    context = listing_context(request, directory.PeopleFilter(request.GET))
    return render(request, "network/people_index.html", {
        **context,
        "people": context["page_obj"].object_list,
        "letters": directory.people_letters(),
        "current_letter": context["filters"].get("letter", ""),
        "show_contact": True,
    })


@require_safe
def area_suggestions(request):
    """The member areas whose names match ``?q=`` (network.area_picker), as JSON for the text
    field's list of suggestions: ``{"areas": [{"value": "Leeuwarden", "label": "Netherlands"}]}``.
    Only areas of the public directory; an empty or unreadable ``q`` finds none."""
    areas = [{"value": entry.text, "label": entry.country}
             for entry in area_picker.suggest(request.GET.get("q", ""))]
    return JsonResponse({"areas": areas})


@require_safe
def search(request):
    """Site search over the public, live pages of the active language's tree and the member
    areas.

    Each page appears once, in the visitor's language where it is translated; otherwise as
    the original (or its alias), marked with the language its text is in. Themes' names in
    every language are indexed with the pages that use them, so "leegstand" finds the vacancy
    case studies written in English or Danish as well.
    """
    form = SearchForm(request.GET or None)
    query = search_text(form.cleaned_data["q"]) if form.is_valid() else ""
    results = page = None
    areas = []
    if query:
        # .public() drops pages behind a view restriction: private pages never show here.
        results = (Page.objects.live().public().filter(locale=Locale.get_active())
                   .specific().search(query))
        page = paginate(request, results, per_page=RESULTS_PAGE_SIZE)
        page.object_list = _mark_foreign_text(page.object_list)
        areas = MemberArea.objects.in_directory().search(query)[:6]
    return render(request, "network/search.html", {
        "form": form, "query": query, "page_obj": page, "areas": areas,
    })


def _mark_foreign_text(pages):
    """Set ``foreign_language`` ({"code", "name"} or None) on each result: the language of its
    text when that is not the active language. One query for the aliases among them.
    Returns the pages as a list."""
    pages = prefetch_text_languages(pages)
    active = active_language()
    for page in pages:
        code = text_language(page)
        page.foreign_language = ({"code": code, "name": language_name(code)}
                                 if code != active else None)
    return pages


@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """What crawlers are asked to skip (``sitemaps.disallowed_paths``) and where the sitemap is."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in disallowed_paths()),
             f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    """404 with the site's layout; never echoes the exception text."""
    return render(request, "404.html", status=404)


def server_error(request):
    """500 rendered without a request context, so a broken database cannot break it too."""
    template = loader.get_template("500.html")
    return HttpResponse(template.render(), status=500)

