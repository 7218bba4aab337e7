"""The SQLite (FTS5) side of :mod:`search.backends`: folded queries, titles weighed above bodies."""

from django.db.models import F
from modelsearch.backends.database.sqlite import query as sqlite_query
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import Not, Phrase, PlainText

from . import TITLE_WEIGHT, FoldingQueryMixin


class WeightedBM25(sqlite_query.BM25):
    """FTS5's ``bm25()`` with the title weighed above the body (columns: autocomplete, body,
    title, in the order Wagtail creates the table)."""

    def as_sql(self, compiler, connection, function=None, template=None):
        table = sqlite_query.SQLiteFTSIndexEntry._meta.db_table
        return f"bm25({table}, 0.0, 1.0, {TITLE_WEIGHT})", []


class WeightedRankMixin:
    """Score with :class:`WeightedBM25` alone.

    Wagtail adds the score once per column and multiplies the title's share by the ratio of the
    average title length to this page's, so a short title lifts a page that matched only in its
    body above a long title that holds every word (a plan's title is long). The column weights
    of ``bm25()`` already rank titles first.
    """

    def get_index_vectors(self):
        return [(F("index_entry__title"), 1.0)]

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        # Wagtail scores each leaf query with a plain bm25(); And/Or combine the leaves, calling
        # back here, so replacing the leaf is enough.
        if isinstance(query, Phrase | PlainText | Not):
            rank = WeightedBM25()
            return rank * boost if boost != 1.0 else rank
        return super().build_tsrank(vector, query, config=config, boost=boost)


class VietnameseSQLiteSearchQueryCompiler(
    FoldingQueryMixin, WeightedRankMixin, SQLiteSearchQueryCompiler
):
    """Wagtail's SQLite full-text query, on folded words, titles weighed above bodies."""


class VietnameseSQLiteAutocompleteQueryCompiler(
    FoldingQueryMixin, WeightedRankMixin, SQLiteAutocompleteQueryCompiler
):
    """The admin's as-you-type page search, on folded words."""


class VietnameseSQLiteSearchBackend(SQLiteSearchBackend):
    """SQLite FTS5 search over folded text (see :mod:`search.backends`)."""

    query_compiler_class = VietnameseSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = VietnameseSQLiteAutocompleteQueryCompiler
