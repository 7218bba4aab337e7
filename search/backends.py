"""Wagtail search backends that understand Vietnamese typed with or without tone marks.

Readers type ``binh dang gioi`` for *bình đẳng giới*, in NFC or NFD, with ``d`` for ``đ``, and in
the old or new tone placement (``hoà``/``hòa``). Both sides of the comparison are folded to the same
plain letters, by the database itself:

* **PostgreSQL**: the text search configuration ``SEARCH_CONFIG`` (``cms_vietnamese``, made by
  ``search/migrations/0001_vietnamese_search.py``) runs every word through ``unaccent`` and then
  the ``simple`` dictionary, for the index (``to_tsvector``) and the query (``to_tsquery``) alike.
  ``unaccent`` maps ``đ`` to ``d`` and drops NFD's combining marks too.
* **SQLite**: FTS5 cannot be given a folding tokenizer from Python, so the migration rewrites the
  triggers that copy Wagtail's index entries into the FTS5 table to pass each column through
  ``cms_fold()``, a deterministic SQL function registered on every connection
  (:func:`register_sqlite_fold`); queries are folded with the same Python function.

Ranking: on SQLite the FTS5 ``bm25()`` weighs a word in a title five times a word in the body
(``TITLE_WEIGHT``); on PostgreSQL the title already carries weight ``A``. Everything else is
Wagtail's own backend, so the admin's page search, choosers and ``Page.objects.search()`` all
benefit. ``docs/search.md`` explains the design and the move to OpenSearch or Elasticsearch.
"""

import re

from django.db import connection as default_connection
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.sqlite import query as sqlite_query
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText

from cms.text import fold, normalize

WORD_RE = re.compile(r"\w+")

#: The PostgreSQL text search configuration the migration creates.
DEFAULT_SEARCH_CONFIG = "cms_vietnamese"

#: The name of the SQL folding function on SQLite (used by the FTS5 triggers).
SQLITE_FOLD_FUNCTION = "cms_fold"

#: How much more a word in a title counts than a word in the body, on SQLite.
TITLE_WEIGHT = 5.0


def _sqlite_fold(value):
    """``cms_fold()`` for SQLite: index entries' text folded like queries; NULL stays NULL."""
    return None if value is None else fold(value)


def register_sqlite_fold(sender, connection, **kwargs):
    """Register ``cms_fold()`` on each new SQLite connection (``connection_created``)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SQLITE_FOLD_FUNCTION, 1, _sqlite_fold, deterministic=True
        )


class WeightedBM25(sqlite_query.BM25):
    """FTS5's ``bm25()`` with the title weighed above the body (columns: autocomplete, body,
    title, in the order Wagtail creates the table)."""

    def as_sql(self, compiler, connection, function=None, template=None):
        table = sqlite_query.SQLiteFTSIndexEntry._meta.db_table
        return f"bm25({table}, 1.0, 1.0, {TITLE_WEIGHT})", []


def words(text: str, folder=normalize) -> str:
    """The words of ``text``, space-separated: letters and digits only, so that no quote,
    bracket or operator reaches the database's full-text query syntax."""
    return " ".join(WORD_RE.findall(folder(text)))


def clean_query(query, folder=normalize):
    """``query`` with every leaf reduced to its words (see :func:`words`), or ``None`` when no
    word is left anywhere (``"!!!"`` finds nothing rather than raising a syntax error)."""
    if isinstance(query, PlainText):
        text = words(query.query_string, folder)
        return PlainText(text, operator=query.operator) if text else None
    if isinstance(query, Phrase):
        text = words(query.query_string, folder)
        return Phrase(text) if text else None
    if isinstance(query, And | Or):
        subqueries = [sub for sub in (clean_query(q, folder) for q in query.subqueries) if sub]
        if not subqueries:
            return None
        return subqueries[0] if len(subqueries) == 1 else type(query)(subqueries)
    if isinstance(query, Not):
        subquery = clean_query(query.subquery, folder)
        return Not(subquery) if subquery else None
    if isinstance(query, Boost):
        subquery = clean_query(query.subquery, folder)
        return Boost(subquery, query.boost) if subquery else None
    return query  # MatchAll, Fuzzy: nothing to clean


class CleanQueryMixin:
    """Reduce the query to words before Wagtail builds SQL from it; nothing matches no words."""

    #: How the words of a query are normalised before the database sees them.
    folder = staticmethod(normalize)

    def __init__(self, queryset, query, *args, **kwargs):
        super().__init__(queryset, query, *args, **kwargs)
        if not isinstance(self.query, MatchAll):
            self.query = clean_query(self.query, self.folder) or Not(MatchAll())


class FoldingQueryMixin(CleanQueryMixin):
    """Fold the words of every query the way ``cms_fold()`` folded the index (SQLite)."""

    folder = staticmethod(fold)

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        # Wagtail scores each leaf query with a plain bm25(); And/Or combine the leaves, calling
        # back here, so replacing the leaf is enough.
        if isinstance(query, Phrase | PlainText | Not):
            rank = WeightedBM25()
            return rank * boost if boost != 1.0 else rank
        return super().build_tsrank(vector, query, config=config, boost=boost)


class VietnameseSQLiteSearchQueryCompiler(FoldingQueryMixin, SQLiteSearchQueryCompiler):
    """Wagtail's SQLite full-text query, on folded words, titles weighed above bodies."""


class VietnameseSQLiteAutocompleteQueryCompiler(FoldingQueryMixin, SQLiteAutocompleteQueryCompiler):
    """The admin's as-you-type page search, on folded words."""


class VietnameseSQLiteSearchBackend(SQLiteSearchBackend):
    """SQLite FTS5 search over folded text (see the module docstring)."""

    query_compiler_class = VietnameseSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = VietnameseSQLiteAutocompleteQueryCompiler
    results_class = SQLiteSearchResults


class VietnamesePostgresSearchQueryCompiler(CleanQueryMixin, PostgresSearchQueryCompiler):
    """Wagtail's PostgreSQL full-text query on the query's words (the configuration folds)."""


class VietnamesePostgresAutocompleteQueryCompiler(
    CleanQueryMixin, PostgresAutocompleteQueryCompiler
):
    """The admin's as-you-type page search on PostgreSQL, on the query's words."""


class VietnamesePostgresSearchBackend(PostgresSearchBackend):
    """PostgreSQL full-text search through the ``cms_vietnamese`` configuration, autocomplete
    included (Wagtail's default uses ``simple`` there, which keeps tone marks)."""

    query_compiler_class = VietnamesePostgresSearchQueryCompiler
    autocomplete_query_compiler_class = VietnamesePostgresAutocompleteQueryCompiler

    def __init__(self, params):
        params = {"SEARCH_CONFIG": DEFAULT_SEARCH_CONFIG, **params}
        super().__init__(params)
        self.autocomplete_config = self.config


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    """The backend for the default database: PostgreSQL or SQLite, both folding Vietnamese."""
    if default_connection.vendor == "postgresql":
        return VietnamesePostgresSearchBackend(params)
    if default_connection.vendor == "sqlite":
        return VietnameseSQLiteSearchBackend(params)
    raise NotImplementedError(
        f"No Vietnamese search backend for {default_connection.vendor}: use PostgreSQL or SQLite, "
        "or OpenSearch/Elasticsearch as docs/search.md explains."
    )
