"""What the site does when PostgreSQL or Redis fails (docs/operations.md).

* **PostgreSQL unreachable** (restarting, stopped, out of connections, a statement cancelled):
  ``server_error`` is the project's ``handler500``. When the exception that reached it is one of
  the database's transient errors (``OperationalError``, ``InterfaceError``), the reader gets a
  short Vietnamese "temporarily unavailable" page with HTTP 503 and ``Retry-After`` instead of a
  500; anything else is the ordinary 500 page. As the handler of last resort, it sees the errors
  of views and of middleware alike, and renders without the database. Django closes a broken
  connection at the end of the request, and the next request opens a new one (``CONN_MAX_AGE``
  with ``CONN_HEALTH_CHECKS``): the site recovers by itself, without restarting gunicorn.
* **Redis unreachable**, as cache: ``FailOpenRedisCache`` (the ``default`` cache) answers as an
  empty cache that keeps nothing, and logs it, instead of raising. Wagtail keeps the site's root
  paths and the image renditions in that cache, so without this every page would fail with Redis.
  (The ``pages`` cache fails open in ``cms.cache``'s middleware itself.)
* **Redis unreachable**, as Celery's broker: ``ResilientTask`` (the Celery app's task class)
  logs a task that cannot be sent and returns ``None`` instead of raising, after the bounded
  retries of ``CELERY_BROKER_CONNECTION_TIMEOUT`` and ``CELERY_TASK_PUBLISH_RETRY_POLICY``
  (settings/base.py). An editor's save, submission or approval then succeeds; a scheduled
  publication is still in the database, and beat's sweep publishes it once Redis is back. A
  workflow email whose task could not be sent is lost, and said so in the log.
"""

import logging
import sys
import time

from celery import Task
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import patch_cache_control
from django.views import defaults
from kombu.exceptions import OperationalError as BrokerUnavailable
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# The database errors that say "not now" (server down, restarting, connection lost, statement
# cancelled), not "this code is wrong" (ProgrammingError, IntegrityError, DataError).
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# What the 503 page tells browsers and crawlers: come back in this many seconds.
RETRY_AFTER_SECONDS = 30


# PostgreSQL ------------------------------------------------------------------------------------


def database_unavailable(error) -> bool:
    """Whether ``error``, or an exception it was raised from, is a transient database error."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, DATABASE_UNAVAILABLE):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def service_unavailable(request=None):
    """The 503 page: no database, no context processors, nothing from the request but the
    language the middleware chose. Never cached, by nginx or the reader's browser."""
    body = loader.get_template("503.html").render()
    response = HttpResponse(body, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    patch_cache_control(response, no_cache=True, no_store=True, max_age=0)
    return response


def server_error(request, *args, **kwargs):
    """``handler500``: a clean 503 while the database is unavailable, Django's 500 otherwise.

    Django calls it inside the ``except`` block of the exception it handles, so
    ``sys.exc_info()`` holds that exception."""
    if database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    return defaults.server_error(request, *args, **kwargs)


# Redis as cache --------------------------------------------------------------------------------

# One warning per process and LOG_EVERY seconds: a Redis that is down would otherwise log a line
# for every cache call of every request.
LOG_EVERY = 60.0
_last_warning = [0.0]


def _warn(operation, error):
    now = time.monotonic()
    if now - _last_warning[0] >= LOG_EVERY:
        _last_warning[0] = now
        logger.warning("Redis cache unavailable (%s: %s); working without it", operation, error)


class FailOpenRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client, answering like an empty cache that keeps nothing when Redis
    cannot be reached: a miss on reads, nothing stored on writes."""

    def _fail_open(self, operation, call, default, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except RedisError as error:
            _warn(operation, error)
            return default

    def add(self, key, value, timeout):
        # False, as if another process held the key: callers that use add() as a lock or a
        # "sent once" mark (cms.scheduling) skip their work, which the sweep does later.
        return self._fail_open("add", super().add, False, key, value, timeout)

    def get(self, key, default):
        return self._fail_open("get", super().get, default, key, default)

    def set(self, key, value, timeout):
        return self._fail_open("set", super().set, None, key, value, timeout)

    def touch(self, key, timeout):
        return self._fail_open("touch", super().touch, False, key, timeout)

    def delete(self, key):
        return self._fail_open("delete", super().delete, False, key)

    def get_many(self, keys):
        return self._fail_open("get_many", super().get_many, {}, keys)

    def has_key(self, key):
        return self._fail_open("has_key", super().has_key, False, key)

    def set_many(self, data, timeout):
        return self._fail_open("set_many", super().set_many, [], data, timeout)

    def delete_many(self, keys):
        return self._fail_open("delete_many", super().delete_many, None, keys)

    def clear(self):
        return self._fail_open("clear", super().clear, False)

    # incr() keeps raising: a counter cannot pretend to have counted.


class FailOpenRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that never fails a request because Redis
    is down (see ``FailOpenRedisCacheClient``). Same options, same keys, same serialisation."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = FailOpenRedisCacheClient


# Redis as Celery's broker ------------------------------------------------------------------------


class ResilientTask(Task):
    """The project's Celery task class (``cms/celery.py``): a task that cannot be sent because
    the broker is unreachable is logged and dropped instead of failing the request that sent it.

    Only the broker's connection errors are caught, after Celery's own bounded retries; every
    task here either has the database as its record (scheduled publishing: the sweep sends or
    does it again) or is an email, which ``cms.notifications`` then sends from the web process
    when it gets None back."""

    def apply_async(self, args=None, kwargs=None, *rest, **options):
        try:
            return super().apply_async(args, kwargs, *rest, **options)
        except BrokerUnavailable as error:
            logger.error(
                "Task %s could not be sent, the broker is unreachable (%s); dropped: the "
                "scheduling sweep redoes scheduled publications once the broker is back",
                self.name,
                error,
            )
            return None
