"""Counting searches for *Popular searches* without a database write on the reader's request.

The page cache serves a repeated search without running the view (search/caching.py), but every
search must still be counted (Wagtail's ``Query`` and ``QueryDailyHits``, the editors' report
and the promotions they make from it). So a search is counted in two steps:

* :func:`count` adds one to a Redis hash, one round trip (``HINCRBY``) on the ``pages`` cache's
  Redis: the field is the day (UTC, as Wagtail counts) and the query as Wagtail normalises it;
* :func:`flush` (the Celery beat task ``search.flush_query_hits``, every minute) moves the
  counts into ``QueryDailyHits``, one upsert per query and day, in one transaction.

Nothing is lost when Redis is not there: without a Redis ``pages`` cache (the embedded default,
the tests) or when Redis fails, :func:`count` writes the count to the database at once, as
before. :func:`flush` takes the counts away from the hash first (``RENAME``, atomic: searches
counted meanwhile start a new hash) and deletes them once the database has them; a flush that
fails leaves them in Redis for the next one. Redis failing between the database's commit and the
deletion would count that minute twice, never lose it. A lock keeps two flushes apart.
"""

import logging
from datetime import date as Date  # noqa: N812 - the model field's name is taken by the variable

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from django.utils import timezone
from redis.exceptions import LockError, RedisError

from cms.cache import CACHE_ALIAS

from . import service

logger = logging.getLogger(__name__)

HITS_KEY = "search-hits"
FLUSHING_KEY = "search-hits:flushing"
LOCK_KEY = "search-hits:lock"
#: A flush holding the lock longer than this is taken for dead.
LOCK_SECONDS = 300
SEPARATOR = "\t"  # never in a query: clean_query turns control characters into spaces


def _redis():
    """The Redis client of the ``pages`` cache and its key maker, or ``None`` when that cache
    is not Redis."""
    cache = caches[CACHE_ALIAS]
    if not isinstance(cache, RedisCache):
        return None
    return cache._cache.get_client(write=True), cache.make_and_validate_key


def count(query: str) -> bool:
    """Count one search for ``query`` (cleaned: ``service.clean_query``) under its normalised
    text; False when the query is not counted (empty, or personal-looking)."""
    query_string = service.countable_query(query)
    if query_string is None:
        return False
    redis = _redis()
    if redis is not None:
        client, make_key = redis
        field = f"{timezone.now().date().isoformat()}{SEPARATOR}{query_string}"
        try:
            client.hincrby(make_key(HITS_KEY), field, 1)
            return True
        except RedisError:
            logger.warning("Search hit not sent to Redis; counted in the database", exc_info=True)
    service.add_hits(query_string)
    return True


def pending() -> int:
    """How many searches wait in Redis for :func:`flush` (0 without Redis)."""
    redis = _redis()
    if redis is None:
        return 0
    client, make_key = redis
    return sum(
        int(n) for key in (HITS_KEY, FLUSHING_KEY) for n in client.hgetall(make_key(key)).values()
    )


def flush() -> int:
    """Move the searches counted in Redis into ``QueryDailyHits``; returns how many searches
    were moved. Without a Redis ``pages`` cache there is nothing to move (:func:`count` wrote
    to the database)."""
    redis = _redis()
    if redis is None:
        return 0
    client, make_key = redis
    try:
        return _flush(client, make_key)
    except RedisError:  # the counts wait in Redis for the next flush
        logger.warning("Search hits not flushed: Redis unavailable", exc_info=True)
        return 0


def _flush(client, make_key) -> int:
    hits_key, flushing_key = make_key(HITS_KEY), make_key(FLUSHING_KEY)
    lock = client.lock(make_key(LOCK_KEY), timeout=LOCK_SECONDS, blocking=False)
    if not lock.acquire():
        return 0  # another flush is running
    try:
        # A batch an earlier flush could not finish goes first; the current counts wait.
        if not client.exists(flushing_key):
            try:
                client.rename(hits_key, flushing_key)
            except RedisError:
                if client.exists(hits_key):
                    raise
                return 0  # nothing counted since the last flush
        batch = client.hgetall(flushing_key)
        moved = _save(batch)
        client.delete(flushing_key)
        return moved
    finally:
        try:
            lock.release()
        except (LockError, RedisError):  # held past LOCK_SECONDS, or Redis went away
            logger.warning("Search hits flush could not release its lock", exc_info=True)


def _save(batch: dict) -> int:
    """Add a batch of ``{b"day\\tquery": b"count"}`` to the database, all or nothing."""
    moved = 0
    with transaction.atomic():
        for field, hits in sorted(batch.items()):
            day, _, query_string = field.decode().partition(SEPARATOR)
            service.add_hits(query_string, int(hits), Date.fromisoformat(day))
            moved += int(hits)
    return moved
