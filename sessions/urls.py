"""URLs of the sessions app that live outside the page tree (calendar feeds)."""
urlpatterns = []
