"""Where shared images and documents live in the Wagtail collection tree.

Collection permissions are inherited down the tree, so groups that work with public media
(contributors, editors) get their rights on "Shared media", never on the root: restricted
collections beside it (such as intervision attachments) then stay out of their choosers.
"""
from django.conf import settings
from django.http import Http404
from django.views.static import serve
from wagtail.models import Collection

SHARED_MEDIA = "Shared media"
#: Wagtail stores document files here. They are served only through Wagtail's document view,
#: which applies collection privacy (intervision attachments are restricted to organisers).
DOCUMENTS_DIR = "documents"


def child_collection(name):
    """The collection ``name`` right under the root, created on first use (with the root, if
    a flushed database lost even that)."""
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    return root.get_children().filter(name=name).first() or root.add_child(name=name)


def shared_media_collection():
    """The "Shared media" collection under the root, created on first use."""
    return child_collection(SHARED_MEDIA)


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
