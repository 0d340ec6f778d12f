"""Full-text search in the language of each text (#15, docs/languages.md "Search").

On PostgreSQL, Wagtail's database backend indexes every object with one text-search
configuration (the database's default, usually ``english``): Dutch and Danish words are then
stemmed as if they were English, so "straten" does not find "straat" and "butikkerne" does
not find "butik". This backend indexes each page with the configuration of the language its text
is in (``network.translation.text_language``: an alias in the Dutch tree of an English case
study is English text) and searches with the configuration of the active language, the
language the visitor types in (or-ed with the other languages' configurations, since a tree
holds untranslated texts in every language: see ``LanguageQueryCompiler``). Other indexed
models (themes, member areas) hold mostly English text and names in every language; they use
the English configuration.

Anywhere else (SQLite in development and tests) ``SearchBackend`` is Wagtail's database
backend for that database: it does not stem, so there is nothing to choose. On SQLite with FTS5
its ranking is replaced by one that runs the full-text match once per search instead of once
per result (``RankedQueryCompiler``, #17).

Settings (the same on every database)::

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "network.search_backend"}}

After switching an existing PostgreSQL database to it, rebuild the index once
(``manage.py update_index``): entries indexed before keep the old configuration until then.
"""
import copy
import functools
import operator

from django.db import connection
from wagtail.models import Page

from .translation import active_language, text_language

# Language code → PostgreSQL text-search configuration (all three ship with PostgreSQL).
TEXT_SEARCH_CONFIGS = {"en": "english", "nl": "dutch", "da": "danish"}
DEFAULT_CONFIG = TEXT_SEARCH_CONFIGS["en"]


def config_for_language(code):
    """The text-search configuration of language ``code`` (English for any other code)."""
    return TEXT_SEARCH_CONFIGS.get(code, DEFAULT_CONFIG)


def index_config(obj):
    """The configuration ``obj`` is indexed with: its text's language for a page, else English."""
    if isinstance(obj, Page):
        return config_for_language(text_language(obj))
    return DEFAULT_CONFIG


def query_config():
    """The configuration a search is run with: that of the language the visitor reads."""
    return config_for_language(active_language())


@functools.cache
def _postgres_backend_class():
    # Imported only on PostgreSQL: the module refuses to work with another database.
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )

    class LanguageIndex(PostgresIndex):
        """Wagtail's PostgreSQL index, each object with the configuration of its language."""

        def add_items(self, model, objs):
            by_config = {}
            for obj in objs:
                by_config.setdefault(index_config(obj), []).append(obj)
            for config, group in by_config.items():
                # The parent's indexer reads ``backend.config``: give it a copy of this index
                # whose backend has the group's configuration (nothing is shared or changed).
                view = copy.copy(self)
                view.backend = copy.copy(self.backend)
                view.backend.config = config
                PostgresIndex.add_items(view, model, group)

    class LanguageQueryCompiler(PostgresSearchQueryCompiler):
        """Wagtail's PostgreSQL query, stemmed in the active language first.

        A language's tree also holds texts in the other languages (originals not translated
        yet), indexed with their own configuration: an English text has no lexeme for the
        English stop word "up", and Danish stems "vacancy" differently from English. So the
        query is the active language's, or the same words stemmed in each other language;
        a text then matches when the words match in the language it was indexed in.
        """

        def get_config(self, backend):
            return query_config()

        def build_tsquery(self, query, config=None):
            first = config or query_config()
            configs = [first, *(c for c in TEXT_SEARCH_CONFIGS.values() if c != first)]
            parts = [self.build_tsquery_content(query, config=c) for c in configs]
            parts = [part for part in parts if part is not None]
            return functools.reduce(operator.or_, parts) if parts else None

    class LanguageSearchBackend(PostgresSearchBackend):
        """PostgreSQL full-text search with a configuration per language (module docstring)."""

        index_class = LanguageIndex
        query_compiler_class = LanguageQueryCompiler

        def __init__(self, params):
            super().__init__(params)
            self.config = DEFAULT_CONFIG

    return LanguageSearchBackend


@functools.cache
def _sqlite_backend_class():
    from django.db.models import CharField
    from django.db.models.functions import Cast
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteFTSIndexEntry,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
        SQLiteSearchResults,
    )
    from modelsearch.query import MatchAll, Not
    from modelsearch.utils import get_descendants_content_types_pks

    class OnePassRanking:
        """Wagtail's SQLite FTS5 query (a search or an autocomplete), ranked in one pass.

        Ordered by relevance, Wagtail's query gives each result its score with a subquery that
        runs the whole full-text match again for that result: the work grows with the square
        of the number of matches (a common word at 10,000 case studies took minutes, #17).
        Here the match runs once, with the scores of every matching entry of the objects in
        the queryset; the objects of one page of results are then read by their keys.
        """

        def ranked_pks(self, config):
            """Keys of the matching objects, best first (ties: newest first, as Wagtail
            orders them), or None for the queries Wagtail's own way answers well (match all,
            a negated query). Computed once per search, shared by its count and its pages."""
            if not hasattr(self, "_ranked_pks"):
                self._ranked_pks = self._rank(config)
            return self._ranked_pks

        def _rank(self, config):
            query = normalize(self.query)
            if isinstance(query, (MatchAll, Not)):
                return None
            match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS,
                                    self.build_search_query(query, config=config))
            keys = self.queryset.annotate(_key=Cast("pk", output_field=CharField())).values("_key")
            entries = (SQLiteFTSIndexEntry.objects.filter(match)
                       .filter(index_entry__content_type__in=get_descendants_content_types_pks(
                           self.queryset.model), index_entry__object_id__in=keys)
                       .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
                       .values_list("index_entry__object_id", "score"))
            to_pk = self.queryset.model._meta.pk.to_python
            scored = [(score, to_pk(object_id)) for object_id, score in entries]
            # bm25() is lower for a better match; an object indexed twice counts once.
            scored.sort(key=lambda item: (item[0], -item[1] if isinstance(item[1], int) else 0))
            return list(dict.fromkeys(pk for _score, pk in scored))

    class RankedQueryCompiler(OnePassRanking, SQLiteSearchQueryCompiler):
        pass

    class RankedAutocompleteCompiler(OnePassRanking, SQLiteAutocompleteQueryCompiler):
        pass

    class RankedResults(SQLiteSearchResults):
        def _ranked(self):
            compiler = self.query_compiler
            if (not isinstance(compiler, OnePassRanking) or not compiler.order_by_relevance
                    or self._score_field is not None):
                return None
            return compiler.ranked_pks(compiler.get_config(self.backend))

        def _do_search(self):
            pks = self._ranked()
            if pks is None:
                return super()._do_search()
            shown = pks[self.start:self.stop]
            objects = self.query_compiler.queryset.filter(pk__in=shown)
            if self.prefetch_related:
                objects = objects.prefetch_related(*self.prefetch_related)
            found = {obj.pk: obj for obj in objects}
            return [found[pk] for pk in shown if pk in found]

        def _do_count(self):
            pks = self._ranked()
            if pks is None:
                return super()._do_count()
            return len(pks[self.start:self.stop])

    class RankedSQLiteBackend(SQLiteSearchBackend):
        query_compiler_class = RankedQueryCompiler
        autocomplete_query_compiler_class = RankedAutocompleteCompiler
        results_class = RankedResults

    return RankedSQLiteBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    """The backend for the default database: per-language configurations on PostgreSQL,
    Wagtail's SQLite FTS5 backend ranked in one pass on SQLite, Wagtail's database backend
    anywhere else."""
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend

    backend = DatabaseSearchBackend(params)
    if connection.vendor == "sqlite" and type(backend).__name__ == "SQLiteSearchBackend":
        return _sqlite_backend_class()(params)
    return backend
