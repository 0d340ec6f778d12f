"""The admin's views of intervision records apply the site's visibility rule.

Wagtail's snippet chooser (for "previous record") and the bulk-delete confirmation list
records by their date and area to anyone with admin access, whatever their permissions. Here
they see only ``visible_records(user)``, the same rule as every page of the site: a record a
contributor or editor cannot open on the site does not appear in the admin either.
"""
from django.http import Http404
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)

from network.ids import is_valid_id

from .models import IntervisionRecord
from .visibility import visible_records


def _ids(values):
    """The well-formed ids among ``values`` (from the query string or the URL)."""
    ids = (int(value) for value in map(str, values) if value.isascii() and value.isdigit())
    return [value for value in ids if is_valid_id(value)]


class VisibleRecordsMixin:
    def get_object_list(self):
        return visible_records(self.request.user)


class RecordChooseView(VisibleRecordsMixin, ChooseView):
    pass


class RecordChooseResultsView(VisibleRecordsMixin, ChooseResultsView):
    pass


class RecordChosenView(SnippetChosenView):
    def get_object(self, pk):
        ids = _ids([pk])
        record = visible_records(self.request.user).filter(pk__in=ids).first() if ids else None
        if record is None:
            raise Http404
        return record


class RecordChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return visible_records(self.request.user).filter(pk__in=_ids(pks))


class RecordChooserViewSet(SnippetChooserViewSet):
    choose_view_class = RecordChooseView
    choose_results_view_class = RecordChooseResultsView
    chosen_view_class = RecordChosenView
    chosen_multiple_view_class = RecordChosenMultipleView


class RecordDeleteBulkAction(DeleteBulkAction):
    """Bulk delete for records: records the user may not see are not listed at all (Wagtail
    lists them by name as "no permission"), so the confirmation reveals nothing."""

    models = [IntervisionRecord]

    def get_queryset(self, model, object_ids):
        # Called by Wagtail as self.get_queryset(...); "all" arrives here already as ids.
        return list(visible_records(self.request.user).filter(pk__in=_ids(object_ids)))
