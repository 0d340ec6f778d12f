"""URL converters shared by the apps. Importing the module registers them."""
from django.conf import settings
from django.urls import register_converter


class LanguageConverter:
    """One of the site's language codes (``settings.LANGUAGES``)."""

    regex = "|".join(code for code, _name in settings.LANGUAGES)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(LanguageConverter, "lang")
