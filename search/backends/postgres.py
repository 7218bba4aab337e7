"""The PostgreSQL side of :mod:`search.backends`: the ``cms_vietnamese`` configuration folds."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
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


class BoundedRankingMixin:
    """Rank a bounded set of matches, and filter without selecting the vectors.

    The candidates are the ``RANKED_TITLE_MATCHES`` pages whose titles match best (the GIN
    index on the title finds them; title vectors are short to rank) and the
    ``RANKED_NEWEST_MATCHES`` most recently indexed pages that match anywhere (found by
    walking the index entries newest first, which stops early for a common word, or through
    the GIN index on ``title || body`` for a rare one). A query with fewer matches than that
    ranks them all, as Wagtail does. Wagtail's own query also annotated each row with
    ``title || body``, carrying every vector into the sort: ``alias()`` filters without that.
    """

    _candidates = None

    def search(self, config, start, stop, score_field=None, backend=None):
        if isinstance(self.query, MatchAll | Fuzzy | Not) or self.fields is not None:
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        search_query = self.build_tsquery(self.query, config=config)
        vectors = self.get_search_vectors(search_query)
        rank_expression = self._build_rank_expression(vectors, config)
        # The candidates are looked up once and shared by the count and every page of results
        # (Wagtail asks this compiler for each; search.service hands them to the results'
        # compiler too); they are at most a few hundred ids.
        if self._candidates is None:
            self._candidates = self._find_candidates(search_query)
        queryset = self.queryset.filter(index_entries__id__in=self._candidates)
        return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)

    def _find_candidates(self, search_query) -> list[int]:
        """The index entries to rank: the best title matches and the newest matches."""
        entries = IndexEntry._default_manager.filter(
            content_type_id__in=get_descendants_content_types_pks(self.queryset.model)
        )
        best_titles = (
            entries.filter(title=search_query)
            .order_by(SearchRank(F("title"), search_query, weights=self.sql_weights).desc())
            .values("id")[:RANKED_TITLE_MATCHES]
        )
        newest = (
            entries.alias(_vector_=F("title")._combine(F("body"), "||", False))
            .filter(_vector_=search_query)
            .order_by("-id")
            .values("id")[:RANKED_NEWEST_MATCHES]
        )
        return list(best_titles.union(newest).values_list("id", flat=True))


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

    def __init__(self, params):
        params = {"SEARCH_CONFIG": DEFAULT_SEARCH_CONFIG, **params}
        super().__init__(params)
        self.autocomplete_config = self.config
