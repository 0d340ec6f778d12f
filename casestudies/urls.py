"""URLs of the case-study app that live outside the page tree (feeds).

Feed addresses do not depend on page slugs, so subscriptions survive renaming the library.
``network.urls`` includes ``urlpatterns`` under each language's prefix (/nl/feeds/case-studies/)
and ``feed_urlpatterns`` once more unprefixed, in English: the addresses from before there were
languages keep serving what their subscribers had.
"""
from django.urls import path

from .feeds import CaseStudyFeed

app_name = "casestudies"

feed_urlpatterns = [
    path("feeds/case-studies/", CaseStudyFeed.view, name="feed"),
    path("feeds/case-studies/themes/<slug:slug>/", CaseStudyFeed.view, name="theme_feed"),
]

urlpatterns = [*feed_urlpatterns]
