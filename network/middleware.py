"""Middleware of the network project."""
import logging

from django.core.exceptions import FieldError
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
        if not _is_bad_admin_input(exception):
            return None
        logger.warning("Bad input in the admin (%s): %s", request.path_info[:200], exception)
        return bad_request(request, exception)
