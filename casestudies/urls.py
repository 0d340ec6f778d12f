"""URLs of the case-study app that live outside the page tree (feeds).

Feed addresses do not depend on page slugs, so subscriptions survive renaming the library.
"""
from django.urls import path

from .feeds import CaseStudyFeed

app_name = "casestudies"

urlpatterns = [
    path("feeds/case-studies/", CaseStudyFeed.view, name="feed"),
    path("feeds/case-studies/themes/<slug:slug>/", CaseStudyFeed.view, name="theme_feed"),
]
