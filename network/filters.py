"""The one filter mechanism of every listing: django-filter, made lenient.

Every listing of the site (the directory's here, and those of the apps plugged into the hub)
describes its filters as a ``LenientFilterSet``. What a visitor puts in the URL can never
cause a server error:

* every filter is optional; a value that is malformed or unknown is ignored, the other filters
  still apply, and the listing says what it ignored (``ignored_labels`` / ``ignored_values``);
* control characters (a NUL above all, which PostgreSQL refuses in text) and overlong values are
  set aside before any field or query sees them;
* a repeated parameter (``?theme=a&theme=b``) counts once, with its last non-empty value;
* facet counts (``facet_counts``) are one ``GROUP BY`` query per dimension, computed with every
  *other* filter applied, so the count next to an option is the number of results choosing it
  gives, and the number of queries does not grow with the data (``facet_counts_all``: every
  dimension in one query).
"""
import re

import django_filters
from django import forms
from django.db.models import CharField, Count, F, Model, Value
from django.db.models.functions import Cast
from django.http import QueryDict

from .pagination import PAGE_SIZE, paginate

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def display_value(value):
    """A visitor's raw value, made short and safe to show in a note (templates escape it too)."""
    value = _CONTROL.sub("", value)
    return value if len(value) <= 30 else value[:29] + "…"


class LenientFilterForm(forms.Form):
    """The form under a ``LenientFilterSet``: its fields come from the filters."""

    def valid_filters(self):
        """The cleaned values of the fields that were valid and not empty, ignoring the rest."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items()
                if value not in (None, "") and name not in self.errors}


class LenientFilterSet(django_filters.FilterSet):
    """A FilterSet that ignores what it does not understand and says so."""

    # Longer values are set aside unread: no field of a listing needs more.
    max_value_length = 200
    # Parameters that order the listing rather than filter it (not counted as active filters).
    ordering_params = ("sort",)

    class Meta:
        form = LenientFilterForm

    def __init__(self, data=None, queryset=None, **kwargs):
        self.raw = {}  # name → the visitor's value, for the notes
        self.set_aside = []  # names whose values were refused before validation
        if data:
            data = self._tidy(data)
        # An empty query string is an unbound filter set: the plain listing, without notes.
        super().__init__(data or None, queryset, **kwargs)

    def _tidy(self, data):
        """The parameters of our filters, one value each, without unreadable values."""
        tidy = QueryDict(mutable=True)
        for name in self.base_filters:
            values = [value.strip() for value in data.getlist(name) if value.strip()]
            if not values:
                continue
            value = self.raw[name] = values[-1]
            if _CONTROL.search(value) or len(value) > self.max_value_length:
                self.set_aside.append(name)
            else:
                tidy[name] = value
        return tidy

    def get_form_kwargs(self):
        """Extra keyword arguments for the form (subclasses pass choices loaded once)."""
        return {}

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form_class = self.get_form_class()
            self._form = form_class(self.data if self.is_bound else None,
                                    prefix=self.form_prefix, **self.get_form_kwargs())
        return self._form

    def valid_filters(self):
        """The cleaned, non-empty values of the filters that were understood."""
        return self.form.valid_filters() if self.is_bound else {}

    def _ignored(self):
        names = set(self.set_aside)
        if self.is_bound:
            names.update(name for name in self.form.errors if name in self.filters)
        return [name for name in self.filters if name in names]  # in the form's order

    def ignored_labels(self):
        """Labels of the filters whose values were not understood (for a notice)."""
        return [str(self.filters[name].label) for name in self._ignored()]

    def ignored_values(self):
        """(label, value as typed) of the filters whose values were not understood."""
        return [(str(self.filters[name].label), display_value(self.raw.get(name, "")))
                for name in self._ignored()]

    def active_filters(self, params):
        """The filters that narrow the listing, for chips that remove them one by one: dicts
        with ``name``, ``label``, ``value`` (as shown) and ``remove`` (the query string of
        ``params``, the request's GET, without that filter and without the page number).
        The sort order is not a filter (``ordering_params``)."""
        active = []
        for name, value in self.valid_filters().items():
            if name in self.ordering_params:
                continue
            remaining = params.copy()
            for key in (name, "page"):
                remaining.pop(key, None)
            active.append({"name": name, "label": str(self.filters[name].label),
                           "value": self._shown(name, value),
                           "remove": "?" + remaining.urlencode()})
        return active

    def _shown(self, name, value):
        """A valid filter value as a visitor reads it: the choice's label, the object's name."""
        if isinstance(value, Model):
            return str(value)
        choices = getattr(self.form.fields[name], "choices", None)
        if choices:
            return str(dict(choices).get(value, value))
        return str(value)

    @property
    def qs(self):
        """The filtered queryset; unbound too, so that subclasses may add a default scope."""
        if not hasattr(self, "_qs"):
            self._qs = self.filter_queryset(self.queryset.all())
        return self._qs

    def filter_queryset(self, queryset, exclude=None):
        """Apply every valid filter, except the one named ``exclude``."""
        for name, value in self.valid_filters().items():
            if name != exclude:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def facet_counts(self, name, lookup):
        """{value: number of results} for filter ``name``, grouped by ``lookup``, with every
        other filter applied: one query."""
        queryset = self.filter_queryset(self.queryset.all(), exclude=name).order_by()
        rows = queryset.values(lookup).annotate(n=Count("pk", distinct=True))
        return {row[lookup]: row["n"] for row in rows if row[lookup] not in (None, "")}

    def facet_counts_all(self, lookups):
        """``{name: {value: number of results}}`` for every filter in ``lookups`` (``{name:
        lookup or expression}``), each with every other filter applied, as :meth:`facet_counts`
        gives them one by one, but from one query (the per-filter ``GROUP BY`` queries joined by
        ``UNION ALL``). Values come back as text."""
        parts = []
        for name, lookup in lookups.items():
            expression = F(lookup) if isinstance(lookup, str) else lookup
            parts.append(self.filter_queryset(self.queryset.all(), exclude=name).order_by()
                         .annotate(facet_value=Cast(expression, CharField())).values("facet_value")
                         .annotate(facet_name=Value(name), n=Count("pk", distinct=True))
                         .values_list("facet_name", "facet_value", "n"))
        counts = {name: {} for name in lookups}
        if parts:
            for name, value, n in parts[0].union(*parts[1:], all=True):
                if value not in (None, ""):
                    counts[name][value] = n
        return counts


def listing_context(request, filterset, per_page=PAGE_SIZE, keys_only=False, keys=None):
    """What every filtered listing's template gets: the filter form, the valid filters, one
    page of results, their total, the labels of the filters that were ignored, and the active
    filters (``active_filters``, ``active_count``) for the filter panel's toggle and chips.
    With ``keys_only`` the page holds the results' primary keys rather than the rows; given
    ``keys`` (all the results' primary keys, in order, e.g. kept by the caller), it pages
    those and reads no results at all."""
    if keys is not None:
        results = keys
    elif keys_only:
        results = filterset.qs.prefetch_related(None).values_list("pk", flat=True)
    else:
        results = filterset.qs
    page = paginate(request, results, per_page)
    active = filterset.active_filters(request.GET)
    return {
        "form": filterset.form,
        "filters": filterset.valid_filters(),
        "page_obj": page,
        "total": page.paginator.count,
        "ignored": filterset.ignored_labels(),
        "active_filters": active,
        "active_count": len(active),
    }
