"""Template tags through which other pages (home, member areas) show case studies."""
from django import template

from casestudies.models import CaseStudyPage

register = template.Library()


def _cards(pages):
    # The cards show areas, period and themes: prefetch them so the count of queries stays flat.
    return pages.prefetch_related("areas", "themes").order_by("-first_published_at", "-pk")


@register.inclusion_tag("casestudies/includes/case_study_list.html", takes_context=True)
def latest_case_studies(context, limit=4):
    """The most recently published case studies."""
    pages = _cards(CaseStudyPage.objects.live().public())[:limit]
    return {"case_studies": pages, "request": context.get("request"), "empty_message": "latest"}


@register.inclusion_tag("casestudies/includes/case_study_list.html", takes_context=True)
def area_case_studies(context, area, limit=None):
    """Case studies a member area took part in, newest first."""
    pages = _cards(CaseStudyPage.objects.live().public().filter(areas=area))[:limit]
    return {"case_studies": pages, "request": context.get("request"), "empty_message": "area"}
