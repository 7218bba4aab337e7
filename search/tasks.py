"""Celery tasks of the search."""

from celery import shared_task


@shared_task(name="search.forget_old_query_hits")
def forget_old_query_hits():
    """Remove daily search counts older than ``WAGTAILSEARCH_HITS_MAX_AGE`` days (beat, daily)."""
    from wagtail.contrib.search_promotions.models import QueryDailyHits

    QueryDailyHits.garbage_collect()
