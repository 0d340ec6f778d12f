"""Middleware of the network project."""


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
