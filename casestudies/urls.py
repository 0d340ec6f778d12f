"""URLs of the case-study app that live outside the page tree (feeds)."""
urlpatterns = []
