"""Querysets whose SQL is built once per process and shape, then run as often as pages ask
(issue 8: uncached renders).

Django builds a query's SQL anew every time it runs: resolving the filters, joining the tables,
naming every column. For a page's own row or a list of cards that is 0.5 to 2 ms of Python,
thirty to a hundred times what PostgreSQL takes to answer on the same machine. A public page runs
the same few querysets with the same values on every request (the page's id, the list's parent,
today's date), so :func:`rows` keeps, per *key*, what Django's compiler made of one — the SQL
text, its parameters and how the columns map onto model instances (``select_related`` objects
and annotations included) — and runs that SQL again: the rows, and so the instances, always come
fresh from the database; only the building of the query is skipped.

The key must name everything the queryset depends on: the same key must always give the same
SQL and parameters. The test settings check that on every use (``COMPILED_QUERIES_VERIFY``:
the queryset is built again and its SQL compared), so a key that leaves something out fails the
test suite. Entries are bounded (:data:`MAX_ENTRIES`, least recently used dropped first): the
pages read most keep theirs. ``COMPILED_QUERIES_ENABLED = False`` builds every queryset every
time.
"""

import copy

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections

from cms.lru import LRUStore

#: The most compiled querysets a process keeps: about 40 KB each (the compiled query and its
#: column map), so 20 MB at most; a page's row, each list page and the home page's lists.
MAX_ENTRIES = 512


class _Compiled:
    """What Django's compiler made of one queryset: enough to run it again."""

    def __init__(self, queryset):
        if queryset._known_related_objects:
            # A related manager's queryset gives its rows the instance it was reached from;
            # kept, they would get one request's instance in every later request.
            raise ValueError("a related manager's queryset: filter the model's own instead")
        self.model = queryset.model
        self.db = queryset.db
        self.prefetch_related_lookups = queryset._prefetch_related_lookups
        compiler = queryset.query.get_compiler(using=self.db)
        try:
            self.sql, self.params = compiler.as_sql()
        except EmptyResultSet:
            self.sql, self.params = None, ()
        self.compiler = compiler  # select, klass_info and annotation_col_map are set now
        self.query = queryset.query

    def queryset(self):
        """A new queryset of the model that runs the kept SQL when evaluated."""
        from django.db.models import QuerySet

        queryset = QuerySet(model=self.model, query=_KeptQuery(self), using=self.db)
        queryset._prefetch_related_lookups = self.prefetch_related_lookups
        return queryset


class _KeptQuery:
    """Stands for the queryset's ``Query`` while it is evaluated: gives a compiler that returns
    the kept SQL instead of building it; everything else is the original query's."""

    def __init__(self, compiled):
        self._compiled = compiled

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        compiled = self._compiled
        compiler = copy.copy(compiled.compiler)
        # The connection of this thread; the compiled state is only read from here on.
        compiler.connection = connections[using or compiled.db]
        sql, params = compiled.sql, compiled.params
        if sql is None:
            compiler.as_sql = _empty
        else:
            compiler.as_sql = lambda *args, **kwargs: (sql, params)
        return compiler

    def __getattr__(self, name):
        return getattr(self._compiled.query, name)


def _empty(*args, **kwargs):
    raise EmptyResultSet


store = LRUStore(MAX_ENTRIES)


def _enabled():
    return getattr(settings, "COMPILED_QUERIES_ENABLED", True)


def _verify(entry, queryset):
    """The test settings' check that the key named everything (see the module)."""
    fresh = _Compiled(queryset)
    if (fresh.sql, tuple(fresh.params)) != (entry.sql, tuple(entry.params)):
        raise AssertionError(
            "A compiled queryset's key does not name all it depends on: the same key built "
            f"other SQL.\nKept: {entry.sql} {entry.params}\nNow:  {fresh.sql} {fresh.params}"
        )


def rows(key, build):
    """The model instances of the queryset ``build()`` returns, as ``list(build())`` gives them,
    its SQL built once per ``key`` (a hashable naming everything the queryset depends on; None:
    build it, as without this module). The queryset must give model instances (no
    ``values()``, no ``specific()``)."""
    if key is None or not _enabled():
        return list(build())
    entry = store.get(key)
    if entry is None:
        entry = _Compiled(build())
        store.set(key, entry)
    elif getattr(settings, "COMPILED_QUERIES_VERIFY", False):
        _verify(entry, build())
    return list(entry.queryset())


def count(key, build):
    """``build().count()``, its SQL built once per ``key`` (see :func:`rows`)."""
    if key is None or not _enabled():
        return build().count()
    key = ("count", key)
    entry = store.get(key)
    if entry is None or getattr(settings, "COMPILED_QUERIES_VERIFY", False):
        queryset = build().order_by().values("pk")
        try:
            sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
            # Django's own SQL for the list, its values as parameters: nothing from a request.
            count_sql = f"SELECT COUNT(*) FROM ({sql}) subquery"  # noqa: S608
            fresh = (queryset.db, count_sql, tuple(params))
        except EmptyResultSet:
            fresh = (queryset.db, None, ())
        if entry is not None and entry != fresh:
            raise AssertionError(
                "A compiled count's key does not name all it depends on: the same key built "
                f"other SQL.\nKept: {entry}\nNow:  {fresh}"
            )
        entry = fresh
        store.set(key, entry)
    db, sql, params = entry
    if sql is None:
        return 0
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]
