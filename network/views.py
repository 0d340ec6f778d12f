"""Views of the network core: member directory, site search, robots and error pages."""
from django.contrib.auth.decorators import user_passes_test
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Page

from . import directory
from .forms import AreaFilterForm, PeopleFilterForm, SearchForm
from .models import MemberArea, Person, can_see_contact_details
from .params import page_number, search_text

PAGE_SIZE = 24


def get_page_number(request):
    """The requested page number (see network.params.page_number)."""
    return page_number(request.GET)


def paginate(request, object_list, per_page=PAGE_SIZE):
    """Paginate, treating out-of-range pages as the last page rather than an error."""
    paginator = Paginator(object_list, per_page)
    return paginator.get_page(get_page_number(request))


@require_safe
def area_index(request):
    """The member directory: areas with search, filters, order and an A–Z letter jump."""
    form = AreaFilterForm(request.GET or None)
    filters = form.valid_filters() if request.GET else {}
    page = paginate(request, directory.filter_areas(filters))
    return render(request, "network/area_index.html", {
        "form": form,
        "page_obj": page,
        "areas": page.object_list,
        "ignored": form.ignored_labels() if request.GET else [],
        "total": page.paginator.count,
        "letters": directory.area_letters(),
        "current_letter": filters.get("letter", ""),
    })


@require_safe
def area_detail(request, slug):
    """One member area: profile and people; contact details only for members."""
    area = get_object_or_404(MemberArea.objects.in_directory().select_related("image"), slug=slug)
    people = (Person.objects.in_directory().filter(areas=area)
              .select_related("organisation", "photo").prefetch_related("expertise"))
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
    form = PeopleFilterForm(request.GET or None)
    filters = form.valid_filters() if request.GET else {}
    page = paginate(request, directory.filter_people(filters))
    return render(request, "network/people_index.html", {
        "form": form,
        "page_obj": page,
        "people": page.object_list,
        "ignored": form.ignored_labels() if request.GET else [],
        "total": page.paginator.count,
        "letters": directory.people_letters(),
        "current_letter": filters.get("letter", ""),
        "show_contact": True,
    })


@require_safe
def search(request):
    """Site search over public, live pages and the member areas."""
    form = SearchForm(request.GET or None)
    query = search_text(form.cleaned_data["q"]) if form.is_valid() else ""
    results = page = None
    areas = []
    if query:
        # .public() drops pages behind a view restriction: private pages never show here.
        results = Page.objects.live().public().specific().search(query)
        page = paginate(request, results, per_page=20)
        areas = MemberArea.objects.in_directory().search(query)[:6]
    return render(request, "network/search.html", {
        "form": form, "query": query, "page_obj": page, "areas": areas,
    })


@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /account/",
             f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    """404 with the site's layout; never echoes the exception text."""
    return render(request, "404.html", status=404)


def server_error(request):
    """500 rendered without a request context, so a broken database cannot break it too."""
    template = loader.get_template("500.html")
    return HttpResponse(template.render(), status=500)

