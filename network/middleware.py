"""Middleware of the network project."""
import logging

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.exceptions import FieldError
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import NoReverseMatch
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path
from django.views.defaults import bad_request
from wagtail.search.backends.base import FieldError as SearchFieldError

from .http import is_admin_path

logger = logging.getLogger(__name__)


def drop_body(response):
    """Remove the body of ``response`` in place, keeping every header (Content-Length too).

    A FileResponse's open file is closed at once instead of when the server closes the response.
    """
    if response.streaming:
        file = getattr(response, "file_to_stream", None)
        # Assigning new content also stops Django's WSGI handler from passing the file to the
        # server's wsgi.file_wrapper, which would send it regardless.
        response.streaming_content = []
        if file is not None:
            file.close()
    else:
        response.content = b""


class HeadWithoutBodyMiddleware:
    """Answer HEAD requests with the headers of a GET and no body.

    Django leaves that to the server: its test client and runserver drop the body, gunicorn
    sends the headers and logs "WSGI app sent body bytes on a no-body response". Content-Length
    stays as the view or CommonMiddleware set it for the full body, as for a GET (RFC 9110).
    Whitenoise, which comes before this, answers HEAD for static files itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD":
            drop_body(response)
        return response


def _is_bad_admin_input(exception):
    """Whether ``exception`` is a model field or the search backend refusing a value taken
    from the address (not a fault of the code that would hide behind a 400)."""
    if isinstance(exception, (FieldError, SearchFieldError)):  # e.g. FilterFieldError
        return True
    message = str(exception)
    return isinstance(exception, ValueError) and message.startswith("Field '") and " expected " in message


def _is_bad_next(request, exception):
    """Whether ``exception`` is Django failing to reverse a ``next`` that is no address (the
    admin's login, visited while logged in, redirects to ``?next=-1`` through resolve_url)."""
    return isinstance(exception, NoReverseMatch) and any(
        value and repr(value) in str(exception) for value in request.GET.getlist("next"))


class AdminBadInputMiddleware:
    """A "bad request" page, not a server error, when one of Wagtail's own admin views takes a
    malformed value from the address to the database or the search backend.

    Wagtail's image, document and page choosers do: ``…/chooser/chosen/%00/``,
    ``…/chosen-multiple/?id=x``, or the image chooser's tag filter together with a search
    query raise ``ValueError`` or ``FieldError`` (found by tests/test_hostile_input.py). Our own
    views validate their input themselves; this covers only addresses under the admin.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_admin_path(request.path_info):
            return None
        if not (_is_bad_admin_input(exception) or _is_bad_next(request, exception)):
            return None
        logger.warning("Bad input in the admin (%s): %s", request.path_info[:200], exception)
        return bad_request(request, exception)


class RememberLanguageMiddleware:
    """Remember the language of the last page read (#15): an address with a language prefix
    sets the language cookie when it differs, so an old unprefixed link, or "/", later leads
    to the language the visitor chose in the switcher rather than their browser's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = get_language_from_path(request.path_info)
        if (language and request.method == "GET" and response.status_code == 200
                and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language
                and response.get("Content-Type", "").startswith("text/html")):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, language,
                max_age=settings.LANGUAGE_COOKIE_AGE or 365 * 24 * 3600,
                path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
            )
        return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware without its redirect of unprefixed 404s (#15).

    An unprefixed address that no view answers already goes to the visitor's language
    (``language_views.unprefixed``, last in the URLconf). A 404 from a view that did answer,
    such as an unknown feed under the unprefixed /calendar/ or a missing admin object, is a
    real "not found" and must stay one rather than become a redirect to /en/….
    """

    def process_response(self, request, response):
        language = translation.get_language()
        language_from_path = translation.get_language_from_path(request.path_info)
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        i18n_patterns_used, _prefixed_default = is_language_prefix_patterns_used(urlconf)
        if not (i18n_patterns_used and language_from_path):
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", language)
        return response
