"""Who may keep intervision records in the admin: this app's grants and attachment collection.

Only the Organisers group keeps records (and their attendance, actions and attachments);
Organisers and Network editors extend the list of methods. Consents are written only by
``IntervisionRecord.save()``, so no group may edit them. Attachments live in a collection that
only Organisers may view through Wagtail; members download them through the record's own,
permission-checked address.

Collected by ``network.permissions.apply_grants`` (see ``IntervisionsConfig.permissions_module``).
Until the move out of the sessions app these grants were made by the sessions migrations 0003
and 0007; databases from that time keep them, as the content types moved with the models.
"""
from wagtail.models import Collection

from network.permissions import EDITORS, ORGANISERS, CollectionSpec, Grant, apply_grants, crud

ATTACHMENT_COLLECTION = "Intervision attachments"

# Holding this permission makes a user an organiser of intervisions (they see every record).
CHANGE_PERMISSION = "intervisions.change_intervisionrecord"

_METHOD_PERMISSIONS = crud("intervisions", "intervisionmethod", actions=("add", "change", "view"))

GRANTS = [
    Grant(ORGANISERS, permissions=crud("intervisions", "intervisionrecord", "followupaction",
                                       "intervisionattendance", "intervisionattachment")
          + _METHOD_PERMISSIONS),
    Grant(EDITORS, permissions=_METHOD_PERMISSIONS),
    # Organisers upload and choose the attachments in their restricted collection.
    Grant(ORGANISERS, collection=ATTACHMENT_COLLECTION,
          collection_permissions=("wagtaildocs.add_document", "wagtaildocs.change_document",
                                  "wagtaildocs.choose_document")),
]

# Wagtail's document view serves a document to anyone with its address unless its collection
# is restricted.
COLLECTIONS = [CollectionSpec(ATTACHMENT_COLLECTION, view_groups=(ORGANISERS,))]


def attachment_collection():
    """The restricted collection for attachments.

    The permissions step creates it after every ``migrate``; should it be missing (a database
    emptied since), that step runs now.
    """
    collection = Collection.objects.filter(name=ATTACHMENT_COLLECTION).first()
    if collection is None:
        apply_grants()
        collection = Collection.objects.get(name=ATTACHMENT_COLLECTION)
    return collection
