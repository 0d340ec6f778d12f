"""Template tags through which other pages (home, member areas) show case studies."""
from django import template

from casestudies.models import CaseStudyPage

register = template.Library()


@register.inclusion_tag("casestudies/includes/case_study_list.html", takes_context=True)
def latest_case_studies(context, limit=4):
    """The most recently published case studies."""
    pages = (CaseStudyPage.objects.live().public().prefetch_related("areas")
             .order_by("-first_published_at")[:limit])
    return {"case_studies": pages, "request": context.get("request"), "empty_message": "latest"}


@register.inclusion_tag("casestudies/includes/case_study_list.html", takes_context=True)
def area_case_studies(context, area):
    """Case studies a member area took part in."""
    pages = (CaseStudyPage.objects.live().public().filter(areas=area)
             .prefetch_related("areas").order_by("-first_published_at"))
    return {"case_studies": pages, "request": context.get("request"), "empty_message": "area"}
