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


@shared_task(name="search.flush_query_hits")
def flush_query_hits():
    """Move the searches counted in Redis into the daily counts of *Popular searches* (beat,
    every minute): searches served from the page cache are counted there, off the reader's
    request (search/hits.py)."""
    from search import hits

    return hits.flush()
