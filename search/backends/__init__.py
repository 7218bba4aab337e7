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

Ranking: on SQLite the FTS5 ``bm25()`` weighs a word in a title a hundred times a word in the
body (``TITLE_WEIGHT``); on PostgreSQL the title already carries weight ``A``. Everything else is
Wagtail's own backend, so the admin's page search, choosers and ``Page.objects.search()`` all
benefit. ``docs/search.md`` explains the design and the move to OpenSearch or Elasticsearch.
"""

import re

from django.db import connection as default_connection
from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText

from cms.text import fold, normalize

WORD_RE = re.compile(r"\w+")
#: PostgreSQL's parser keeps a date such as ``8/3/2026`` or ``20/10`` as one word ("file" token);
#: its queries keep such dates whole too (search/backends/postgres.py).
DATE_RE = re.compile(r"\d+(?:/\d+)+")
TOKEN_WITH_DATES_RE = re.compile(rf"{DATE_RE.pattern}|\w+")

#: The PostgreSQL text search configuration the migration creates.
DEFAULT_SEARCH_CONFIG = "cms_vietnamese"

#: The name of the SQL folding function on SQLite (used by the FTS5 triggers).
SQLITE_FOLD_FUNCTION = "cms_fold"

#: How many matches PostgreSQL ranks at most for one search: the best title matches and the
#: newest matches. Ranking reads each matched page's whole text vector, so ranking every match
#: of a word found on most of 10 000 pages takes a quarter of a second (bench/search.py); a
#: bounded set keeps a search within a few dozen milliseconds whatever the site's size.
RANKED_TITLE_MATCHES = 250
RANKED_NEWEST_MATCHES = 100

#: How much more a word in a title counts than a word in the body, on SQLite. FTS5's bm25()
#: multiplies each column's word count by its weight before saturating it, so a title holding
#: the words scores close to the most a word can give, above a page with them in its body only.
TITLE_WEIGHT = 100.0


def _sqlite_fold(value):
    """``cms_fold()`` for SQLite: index entries' text folded like queries; NULL stays NULL."""
    return None if value is None else fold(value)


def register_sqlite_fold(sender, connection, **kwargs):
    """Register ``cms_fold()`` on each new SQLite connection (``connection_created``)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SQLITE_FOLD_FUNCTION, 1, _sqlite_fold, deterministic=True
        )


def words(text: str, folder=normalize, word_re=WORD_RE) -> str:
    """The words of ``text``, space-separated: letters and digits only (and the slashes of a
    date, with ``TOKEN_WITH_DATES_RE``), so that no quote, bracket or operator reaches the
    database's full-text query syntax."""
    return " ".join(word_re.findall(folder(text)))


def reduce_to_words(query, folder=normalize, word_re=WORD_RE):
    """``query`` with every leaf reduced to its words (see :func:`words`), or ``None`` when no
    word is left anywhere (``"!!!"`` finds nothing rather than raising a syntax error)."""
    if isinstance(query, PlainText):
        text = words(query.query_string, folder, word_re)
        return PlainText(text, operator=query.operator) if text else None
    if isinstance(query, Phrase):
        text = words(query.query_string, folder, word_re)
        return Phrase(text) if text else None
    if isinstance(query, And | Or):
        reduced = (reduce_to_words(q, folder, word_re) for q in query.subqueries)
        subqueries = [sub for sub in reduced if sub]
        if not subqueries:
            return None
        return subqueries[0] if len(subqueries) == 1 else type(query)(subqueries)
    if isinstance(query, Not):
        subquery = reduce_to_words(query.subquery, folder, word_re)
        return Not(subquery) if subquery else None
    if isinstance(query, Boost):
        subquery = reduce_to_words(query.subquery, folder, word_re)
        return Boost(subquery, query.boost) if subquery else None
    return query  # MatchAll, Fuzzy: nothing to clean


class CleanQueryMixin:
    """Reduce the query to words before Wagtail builds SQL from it; nothing matches no words."""

    #: How the words of a query are normalised before the database sees them.
    folder = staticmethod(normalize)
    #: What a word is.
    word_re = WORD_RE

    def __init__(self, queryset, query, *args, **kwargs):
        super().__init__(queryset, query, *args, **kwargs)
        if not isinstance(self.query, MatchAll):
            self.query = reduce_to_words(self.query, self.folder, self.word_re) or Not(MatchAll())


class FoldingQueryMixin(CleanQueryMixin):
    """Fold the words of every query the way ``cms_fold()`` folded the index (SQLite)."""

    folder = staticmethod(fold)


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    """The backend for the default database: PostgreSQL or SQLite, both folding Vietnamese."""
    # Each vendor's module is imported only for that vendor: Wagtail's SQLite backend defines
    # its FTS5 model only on SQLite.
    if default_connection.vendor == "postgresql":
        from .postgres import VietnamesePostgresSearchBackend

        return VietnamesePostgresSearchBackend(params)
    if default_connection.vendor == "sqlite":
        from .sqlite import VietnameseSQLiteSearchBackend

        return VietnameseSQLiteSearchBackend(params)
    raise NotImplementedError(
        f"No Vietnamese search backend for {default_connection.vendor}: use PostgreSQL or SQLite, "
        "or OpenSearch/Elasticsearch as docs/search.md explains."
    )
