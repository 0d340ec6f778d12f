"""Where shared images and documents live in the Wagtail collection tree.

Collection permissions are inherited down the tree, so groups that work with public media
(contributors, editors) get their rights on "Shared media", never on the root: restricted
collections beside it (such as intervision attachments) then stay out of their choosers.
"""
SHARED_MEDIA = "Shared media"


def shared_media_collection():
    """The "Shared media" collection under the root, created on first use."""
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    found = root.get_children().filter(name=SHARED_MEDIA).first()
    return found or root.add_child(name=SHARED_MEDIA)
