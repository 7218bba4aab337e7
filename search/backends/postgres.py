"""The PostgreSQL side of :mod:`search.backends`: the ``cms_vietnamese`` configuration folds."""

from collections import Counter, OrderedDict

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F
from django.db.models.expressions import RawSQL
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.conf import get_app_config
from modelsearch.query import Fuzzy, MatchAll, Not, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from . import (
    DATE_RE,
    DEFAULT_SEARCH_CONFIG,
    RANKED_NEWEST_MATCHES,
    RANKED_TITLE_MATCHES,
    TOKEN_WITH_DATES_RE,
    CleanQueryMixin,
)

IndexEntry = get_app_config().get_model("IndexEntry", require_ready=False)
ENTRIES = IndexEntry._meta.db_table

#: Wagtail's index vectors (``get_index_vectors``) on the entries' own columns: the title,
#: weighed by its length norm, and the body.
ENTRY_VECTORS = [(F("title"), F("title_norm")), (F("body"), 1.0)]


class BoundedRankingMixin:
    """Rank a bounded set of matches, once per search.

    The candidates are the ``RANKED_TITLE_MATCHES`` pages whose titles match best (the GIN
    index on the title finds them; title vectors are short to rank) and the
    ``RANKED_NEWEST_MATCHES`` most recently indexed pages that match anywhere (found by
    walking the index entries newest first, which stops early for a common word, or through
    the GIN index on ``title || body`` for a rare one). A query with fewer matches than that
    ranks them all, as Wagtail does.

    :meth:`ranking` ranks them in one query — the candidates a subquery of it — into the ids
    and page types of every match in order: the count, the counts by type
    (:class:`BoundedSearchResults`) and each page of results read that one list, which a
    search's other results may share (``search.service``). Wagtail's own path instead ranked
    and counted in a query each, and annotated each row with ``title || body``, carrying every
    vector into the sort.
    """

    #: The ``(pk, content_type_id)`` of every match in rank order, once :meth:`ranking` ran.
    _ranking = None

    def ranks_bounded(self) -> bool:
        """Whether this query is ranked here (a query on named fields, or one matching
        everything or nothing, goes Wagtail's way)."""
        return not isinstance(self.query, MatchAll | Fuzzy | Not) and self.fields is None

    def search(self, config, start, stop, score_field=None, backend=None):
        if not self.ranks_bounded():
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        search_query = self.build_tsquery(self.query, config=config)
        vectors = self.get_search_vectors(search_query)
        rank_expression = self._build_rank_expression(vectors, config)
        queryset = self.queryset.filter(index_entries__id__in=self._candidates(search_query))
        return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)

    def ranking(self, config) -> list[tuple[int, int]]:
        """The ``(pk, content_type_id)`` of every match, best first (Wagtail's order: rank,
        then the newest page), from one query; remembered.

        Wagtail's rank and the candidates are compiled on the index entries alone and joined
        to the pages as SQL: compiled through the pages' relation to their entries, the same
        expressions cost Django three times as long, a few milliseconds a search."""
        if self._ranking is None:
            search_query = self.build_tsquery(self.query, config=config)
            queryset = self.queryset.filter(index_entries__id__in=self._candidates(search_query))
            if queryset.query.table_map.get(ENTRIES) == [ENTRIES]:
                # The entries are joined under their table's name, which the rank compiled on
                # them names: SQL of Wagtail's expressions, values as parameters.
                rank_sql = self._on_entries(self._build_rank_expression(ENTRY_VECTORS, config))
                rank = RawSQL(*rank_sql)  # noqa: S611
            else:  # joined under another name: Wagtail's own expressions say which
                vectors = self.get_search_vectors(search_query)
                rank = self._build_rank_expression(vectors, config)
            self._ranking = list(
                queryset.order_by(rank.desc(), "-pk").values_list("pk", "content_type_id")
            )
        return self._ranking

    def _candidates(self, search_query):
        """The index entries to rank, as a subquery: the best title matches and the newest
        matches."""
        return RawSQL(*self._candidates_sql(search_query))  # noqa: S611 - values as parameters

    def _candidates_sql(self, search_query):
        """The SQL and parameters of :meth:`_candidates`: the ``RANKED_TITLE_MATCHES`` best
        title matches and the ``RANKED_NEWEST_MATCHES`` newest matches."""
        query_sql, query_params = self._on_entries(search_query)
        title_rank_sql, title_rank_params = self._on_entries(
            SearchRank(F("title"), search_query, weights=self.sql_weights)
        )
        content_types = list(get_descendants_content_types_pks(self.queryset.model))
        table = connection.ops.quote_name(ENTRIES)
        # The table's own name inside each part: the compiled expressions name its columns so.
        sql = (
            f"(SELECT {table}.id FROM {table} WHERE {table}.content_type_id = ANY(%s) "  # noqa: S608
            f"AND {table}.title @@ {query_sql} ORDER BY {title_rank_sql} DESC LIMIT %s) "
            f"UNION (SELECT {table}.id FROM {table} WHERE {table}.content_type_id = ANY(%s) "
            f"AND ({table}.title || {table}.body) @@ {query_sql} ORDER BY {table}.id DESC LIMIT %s)"
        )
        params = [
            content_types,
            *query_params,
            *title_rank_params,
            RANKED_TITLE_MATCHES,
            content_types,
            *query_params,
            RANKED_NEWEST_MATCHES,
        ]
        return sql, params

    def _on_entries(self, expression):
        """``expression`` (on the index entries' own columns) as SQL and parameters."""
        query = IndexEntry._default_manager.all().query
        compiler = query.get_compiler(using=self.queryset.db)
        return compiler.compile(expression.resolve_expression(query))


class BoundedSearchResults(PostgresSearchResults):
    """Wagtail's search results, read from the compiler's :meth:`~BoundedRankingMixin.ranking`
    when it ranks the query: the count and the counts by page type from that list, a page of
    results from its ids (one query by primary key). Anything else goes Wagtail's way: a score
    annotated on the results, an order other than relevance, a facet on another field."""

    def _ranking(self):
        compiler = self.query_compiler
        if (
            self._score_field is None
            and compiler.order_by_relevance
            and isinstance(compiler, BoundedRankingMixin)
            and compiler.ranks_bounded()
        ):
            return compiler.ranking(compiler.get_config(self.backend))
        return None

    def _do_search(self):
        ranking = self._ranking()
        if ranking is None:
            return super()._do_search()
        ids = [pk for pk, _ in ranking[self.start : self.stop]]
        if not ids:
            return []
        found = {obj.pk: obj for obj in self.query_compiler.queryset.filter(pk__in=ids).order_by()}
        return [found[pk] for pk in ids if pk in found]

    def _do_count(self):
        ranking = self._ranking()
        if ranking is None:
            return super()._do_count()
        return len(ranking[self.start : self.stop])

    def facet(self, field_name):
        ranking = self._ranking() if field_name == "content_type_id" else None
        if ranking is None:
            return super().facet(field_name)
        counts = Counter(content_type_id for _, content_type_id in ranking)
        return OrderedDict(counts.most_common())


class DateTermsMixin(CleanQueryMixin):
    """Dates in a query match the way PostgreSQL indexed them.

    PostgreSQL's parser indexes ``8/3/2026`` and ``20/10`` as one word each, so a query keeps a
    date whole and matches it as a prefix: ``8/3`` finds *Ngày 8/3/2026* and *8/3*.
    """

    word_re = TOKEN_WITH_DATES_RE

    def build_tsquery_content(self, query, config=None, invert=False):
        if not isinstance(query, PlainText) or not DATE_RE.search(query.query_string):
            return super().build_tsquery_content(query, config=config, invert=invert)
        terms = query.query_string.split()
        lexemes = [
            Lexeme(
                term,
                invert=invert,
                prefix=bool(DATE_RE.fullmatch(term))
                or (self.LAST_TERM_IS_PREFIX and index == len(terms) - 1),
            )
            for index, term in enumerate(terms)
        ]
        combined = lexemes[0]
        for lexeme in lexemes[1:]:
            combined = combined & lexeme if query.operator == "and" else combined | lexeme
        return SearchQuery(combined, search_type="raw", config=config)


class VietnamesePostgresSearchQueryCompiler(
    DateTermsMixin, BoundedRankingMixin, PostgresSearchQueryCompiler
):
    """Wagtail's PostgreSQL full-text query on the query's words (the configuration folds)."""


class VietnamesePostgresAutocompleteQueryCompiler(
    DateTermsMixin, PostgresAutocompleteQueryCompiler
):
    """The admin's as-you-type page search on PostgreSQL, on the query's words."""


class VietnamesePostgresSearchBackend(PostgresSearchBackend):
    """PostgreSQL full-text search through the ``cms_vietnamese`` configuration, autocomplete
    included (Wagtail's default uses ``simple`` there, which keeps tone marks)."""

    query_compiler_class = VietnamesePostgresSearchQueryCompiler
    autocomplete_query_compiler_class = VietnamesePostgresAutocompleteQueryCompiler
    results_class = BoundedSearchResults

    def __init__(self, params):
        params = {"SEARCH_CONFIG": DEFAULT_SEARCH_CONFIG, **params}
        super().__init__(params)
        self.autocomplete_config = self.config
