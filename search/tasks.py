"""Celery tasks of the search."""

from celery import shared_task


@shared_task(name="search.forget_old_query_hits")
def forget_old_query_hits():
    """Remove daily search counts older than ``WAGTAILSEARCH_HITS_MAX_AGE`` days, and the queries
    left with no count and no promotion (beat, daily): anyone can search, so the table of
    queries must not grow without bound."""
    from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

    QueryDailyHits.garbage_collect()
    Query.objects.filter(daily_hits__isnull=True, editors_picks__isnull=True).delete()
