"""The PostgreSQL side of :mod:`search.backends`: the ``cms_vietnamese`` configuration folds."""

from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

from . import DEFAULT_SEARCH_CONFIG, CleanQueryMixin


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
