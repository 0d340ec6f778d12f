"""Where shared images and documents live in the Wagtail collection tree.

Collection permissions are inherited down the tree, so groups that work with public media
(contributors, editors) get their rights on "Shared media", never on the root: restricted
collections beside it (such as intervision attachments) then stay out of their choosers.
"""
from django.conf import settings
from django.http import Http404
from django.views.static import serve

SHARED_MEDIA = "Shared media"
#: Wagtail stores document files here. They are served only through Wagtail's document view,
#: which applies collection privacy (intervision attachments are restricted to organisers).
DOCUMENTS_DIR = "documents"


def shared_media_collection():
    """The "Shared media" collection under the root, created on first use."""
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    found = root.get_children().filter(name=SHARED_MEDIA).first()
    return found or root.add_child(name=SHARED_MEDIA)


def is_public_media_path(path):
    """Whether ``path`` (relative to MEDIA_ROOT, already URL-decoded) may be served directly.

    Only canonical spellings pass: an empty, ``.`` or ``..`` segment or a backslash could
    otherwise lead a file server into ``documents/`` by another route (``//documents/…``,
    ``./documents/…``, ``images/../documents/…``, ``%2e/documents/…``). No address the site
    itself writes uses such a spelling.
    """
    segments = path.split("/")
    if "\\" in path or "\x00" in path or any(segment in ("", ".", "..") for segment in segments):
        return False
    # casefold: on a case-insensitive file system Documents/ is the same folder.
    return segments[0].casefold() != DOCUMENTS_DIR


def serve_public_media(request, path):
    """Serve uploaded images in the single-host demo (``SERVE_MEDIA=1``); never documents.

    Anything but a canonical path outside ``documents/`` is a 404, the same answer as a file
    that does not exist, so the response does not tell whether a confidential file is there.
    """
    if not is_public_media_path(path):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
