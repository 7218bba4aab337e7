"""The public search: what a reader's query finds, in what order, and how each hit is shown.

The words are matched by the Vietnamese-folding backends of :mod:`search.backends`; this module
decides the query's shape. Every word must appear (readers add words to narrow down); the same
words as one phrase rank first; words in "double quotes" must appear together. When no page holds
every word, the search falls back to pages holding any of them and says so (``relaxed``).
Results are live, public plans, campaigns and news in the reader's language, optionally of one
type or one year. Snippets show the passage of the page where most of the query's words meet,
each matched word marked as the page writes it, whatever tone marks the reader typed.
"""

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from html import escape as html_escape  # Django's escape() is this, behind a lazy-text wrapper

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import connection
from django.db.models import F, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from wagtail.blocks import StreamValue
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.search import index
from wagtail.search.query import And, Or, Phrase, PlainText
from wagtail.search.utils import normalise_query_string

from campaigns.models import CampaignPage
from cms import snapshot as site_snapshot
from cms.text import fold, normalize
from home.models import NewsPage
from plans.models import PlanPage
from search.backends import RANKED_NEWEST_MATCHES, TOKEN_WITH_DATES_RE

#: Longer queries are cut at a word boundary: a reader's paste is never an error.
MAX_QUERY_LENGTH = 200

#: The page types the public search covers, by the value of the ``type`` filter.
PAGE_TYPES = {"plan": PlanPage, "campaign": CampaignPage, "news": NewsPage}

# Dates stay whole ("8/3", "20/10"): the backends split or keep them as their database indexes
# them (search/backends/).
WORD_RE = TOKEN_WITH_DATES_RE
PHRASE_RE = re.compile(r'"([^"]*)"?')

#: Queries that look like they hold a person's details are never counted (e-mail, phone number).
PERSONAL_RE = re.compile(r"@|\d{6,}|(?:\d[\s.\-]?){9,}")

#: From this many results on, the page says "at least" this many: on PostgreSQL only the best
#: title matches and the newest matches are ranked and counted (search/backends/).
MANY_RESULTS = RANKED_NEWEST_MATCHES

SNIPPET_WORDS = 32  # about two lines on a phone
SNIPPET_LEAD = 4  # words shown before the passage's first match
SNIPPET_REACH = 16  # how close the query's words must be to count as one passage


def clean_query(raw: str) -> str:
    """The query as the search reads it: NFC, no control or format characters (a right-to-left
    override pasted from a chat cannot reorder the page), single spaces, at most
    ``MAX_QUERY_LENGTH`` characters, cut between words."""
    text = normalize(raw or "")
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_LENGTH:
        cut = text[: MAX_QUERY_LENGTH + 1].rsplit(" ", 1)[0]
        text = cut if cut and len(cut) <= MAX_QUERY_LENGTH else text[:MAX_QUERY_LENGTH]
    return text.strip()


@dataclass(frozen=True)
class ParsedQuery:
    """A query split into quoted phrases and loose words (each a list of words)."""

    phrases: tuple[tuple[str, ...], ...]
    words: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> "ParsedQuery":
        phrases = tuple(
            tuple(found) for found in (WORD_RE.findall(p) for p in PHRASE_RE.findall(text)) if found
        )
        words = tuple(WORD_RE.findall(PHRASE_RE.sub(" ", text)))
        return cls(phrases, words)

    def __bool__(self):
        return bool(self.phrases or self.words)

    @cached_property
    def folded_terms(self) -> frozenset[str]:
        """Every word of the query, folded: what snippets mark."""
        return frozenset(fold(w) for w in (*self.words, *(w for p in self.phrases for w in p)))

    @cached_property
    def date_prefixes(self) -> tuple[str, ...]:
        """The dates of the query with a slash after them: ``8/3`` marks ``8/3/2026``."""
        return tuple(term + "/" for term in self.folded_terms if "/" in term)

    @cached_property
    def matches(self) -> dict[str, str | None]:
        """Words of the pages already looked at, folded when they match (:func:`_match_table`):
        shared by every title and snippet of one search."""
        return {}

    def as_search_query(self, operator: str = "and"):
        """The Wagtail search query: quoted phrases, and the loose words, all of them (``and``)
        or any (``or``); several loose words also as one phrase, which ranks first."""
        parts = [Phrase(" ".join(p)) for p in self.phrases]
        if self.words:
            text = " ".join(self.words)
            plain = PlainText(text, operator=operator)
            if len(self.words) > 1:
                plain = Or([Phrase(text), plain])
            parts.append(plain)
        if not parts:
            return None
        if len(parts) == 1:
            return parts[0]
        return And(parts) if operator == "and" else Or(parts)


@dataclass
class SearchOutcome:
    """What a search found: ``results`` (Wagtail search results: sliceable, ``count()``),
    whether it fell back to any word (``relaxed``) and the parsed query; ``counts``, the hits of
    each content type ignoring the type filter, and ``total``, the number of ``results``
    (their sum, or the count of the chosen type), read from one grouped query."""

    query: str
    parsed: ParsedQuery
    results: object
    relaxed: bool = False
    page_type: str | None = None
    year: int | None = None
    counts: dict | None = None
    total: int | None = None
    hidden: tuple[str, ...] = ()


def hidden_prefixes() -> tuple[str, ...]:
    """The tree paths under which readers must not go (``cms.models.tree.public_q``): pages with
    a view restriction, and pages taken down (published once, not live now) that have sub-pages.
    A handful, read in one query; a page is hidden when its path begins with one of them.

    ``public_q`` says the same as correlated conditions evaluated for every page searched;
    these few paths turn it into a prefix match the database does once. Serving a request with
    the site snapshot (cms/snapshot.py), they are its own: no query."""
    snapshot = site_snapshot.current()
    if snapshot is not None:
        return snapshot.hidden_prefixes()
    with connection.cursor() as cursor:
        cursor.execute(_hidden_prefixes_sql())
        return tuple(sorted(path for (path,) in cursor.fetchall()))


@lru_cache(maxsize=1)
def _hidden_prefixes_sql() -> str:
    """The query of :func:`hidden_prefixes`, written once: Django took longer to build it than
    the database to answer it."""
    q = connection.ops.quote_name
    pages, restrictions = q(Page._meta.db_table), q(PageViewRestriction._meta.db_table)
    return (
        f"SELECT {pages}.path FROM {restrictions} "  # noqa: S608 - names from the models
        f"INNER JOIN {pages} ON {restrictions}.page_id = {pages}.id "
        f"UNION SELECT path FROM {pages} "
        "WHERE first_published_at IS NOT NULL AND NOT live AND numchild > 0"
    )


def _hidden_ids(prefixes):
    """The ids of the pages under ``prefixes``, as a subquery (``None`` without prefixes)."""
    if not prefixes:
        return None
    under = Q()
    for prefix in prefixes:
        under |= Q(path__startswith=prefix)
    return Page.objects.filter(under).order_by().values("pk")


def searchable_pages(locale=None, page_type=None, year=None, hidden=None):
    """The pages a reader may find: live, public plans, campaigns and news of ``locale``
    (the active language by default), optionally of one type and one year. ``hidden``: the
    paths of :func:`hidden_prefixes`, when the caller has read them already."""
    locale = locale or Locale.get_active()
    models = [PAGE_TYPES[page_type]] if page_type in PAGE_TYPES else PAGE_TYPES.values()
    pages = Page.objects.live().filter(locale=locale).type(*models)
    hidden_ids = _hidden_ids(hidden_prefixes() if hidden is None else hidden)
    if hidden_ids is not None:  # public(): one subquery, no query of its own
        pages = pages.exclude(id__in=hidden_ids)
    if year:
        pages = pages.filter(id__in=_ids_of_year(year))
    return pages


def _ids_of_year(year: int):
    """Ids of the pages that belong to ``year``: a plan's year, a news item's date, the years a
    campaign runs in. One SQL subquery, evaluated by the database."""
    campaigns = CampaignPage.objects.filter(start_date__year__lte=year, end_date__year__gte=year)
    return (
        Page.objects.filter(
            Q(id__in=PlanPage.objects.filter(year=year).values("id"))
            | Q(id__in=NewsPage.objects.filter(date__year=year).values("id"))
            | Q(id__in=campaigns.values("id"))
        )
    ).values("id")


def search_pages(query, *, locale=None, page_type=None, year=None) -> SearchOutcome:
    """Search the public pages for ``query`` (cleaned with :func:`clean_query` first).

    The hits are counted by content type first (which the type filter's counts show too): the
    total of the chosen type decides whether to fall back to any word, and is the results'
    count, so that the results need no counting query of their own. On PostgreSQL the counts
    come from the search's one ranking query, which the results shown read too
    (:func:`_share_ranking`), so that a page of results is one more query, by primary key; on
    SQLite, from one grouped query. The results come as their own page types from their one
    query (``SPECIFIC_RELATIONS``)."""
    text = clean_query(query)
    parsed = ParsedQuery.parse(text)
    hidden = hidden_prefixes()
    outcome = SearchOutcome(
        text, parsed, Page.objects.none(), page_type=page_type, year=year, hidden=hidden
    )
    if not parsed:
        return outcome
    operator = "and"
    every_type = searchable_pages(locale, year=year, hidden=hidden)
    counted = every_type.search(parsed.as_search_query(operator))
    counts = counted.facet("content_type_id")
    many_words = len(parsed.words) + sum(len(p) for p in parsed.phrases) > 1
    if many_words and not _total(counts, page_type):
        operator = "or"
        counted = every_type.search(parsed.as_search_query(operator))
        counts = counted.facet("content_type_id")
        outcome.relaxed = True
    outcome.counts = counts
    outcome.total = _total(counts, page_type)
    if page_type in PAGE_TYPES:
        pages = searchable_pages(locale, page_type, year, hidden)
    else:  # the same pages as counted: no need to build their conditions again
        pages = every_type
    pages = pages.select_related(*SPECIFIC_RELATIONS)
    outcome.results = pages.search(parsed.as_search_query(operator))
    _share_ranking(counted, outcome.results, page_type)
    return outcome


def _share_ranking(source, target, page_type=None) -> None:
    """Let ``target`` (the results shown) read the ranking ``source`` (the results counted by
    type) made, instead of ranking again (PostgreSQL:
    ``search.backends.postgres.BoundedRankingMixin``): the same words on the same pages rank the
    same; the type filter keeps the matches of that type, in the same order. One query less per
    search."""
    ranking = getattr(getattr(source, "query_compiler", None), "_ranking", None)
    compiler = getattr(target, "query_compiler", None)
    if ranking is None or compiler is None or not hasattr(compiler, "_ranking"):
        return
    if page_type in PAGE_TYPES:
        kept = {ct for _, ct in ranking if _is_of_type(ct, PAGE_TYPES[page_type])}
        ranking = [row for row in ranking if row[1] in kept]
    compiler._ranking = ranking


def _is_of_type(content_type_id, model) -> bool:
    """Whether pages of ``content_type_id`` are ``model``s (as ``PageQuerySet.type`` says)."""
    model_class = ContentType.objects.get_for_id(content_type_id).model_class()
    return model_class is not None and issubclass(model_class, model)


#: The tables of the page types, joined to the results' query: each hit comes as its own page
#: type from that one query, where ``specific()`` asks one more query per page type.
SPECIFIC_RELATIONS = tuple(model._meta.model_name for model in PAGE_TYPES.values())


def _as_specific(page):
    """The hit as its own page type, from the rows joined to it (no query)."""
    for relation in SPECIFIC_RELATIONS:
        try:
            return getattr(page, relation)
        except ObjectDoesNotExist:
            continue
    return page.specific


def _search_all_types(parsed, operator, locale, year, hidden=None):
    """The query's results of every type (whose facet counts them by type)."""
    pages = searchable_pages(locale, year=year, hidden=hidden)
    return pages.search(parsed.as_search_query(operator))


def _counts_by_content_type(parsed, operator, locale, year, hidden=None) -> dict[int, int]:
    """``{content type id: hits}`` of the query, whatever the type filter (Wagtail's facet)."""
    return _search_all_types(parsed, operator, locale, year, hidden).facet("content_type_id")


def _total(counts, page_type) -> int:
    """The number of hits of the chosen page type (of every type without one)."""
    if page_type not in PAGE_TYPES:
        return sum(counts.values())
    model = PAGE_TYPES[page_type]
    return sum(
        count for content_type_id, count in counts.items() if _is_of_type(content_type_id, model)
    )


def available_years(locale=None, hidden=None) -> list[int]:
    """The years the year filter offers: those of the live plans, news and campaigns. One
    query: the distinct years of each page type, read through the page table. ``hidden``: as
    for :func:`searchable_pages`."""
    locale = locale or Locale.get_active()
    hidden = hidden_prefixes() if hidden is None else hidden
    content_types = tuple(
        ContentType.objects.get_for_model(model).pk for model in PAGE_TYPES.values()
    )
    snapshot = site_snapshot.current()
    if snapshot is not None:  # they change only with a publication: once per snapshot
        key = ("search years", locale.pk, hidden, content_types)
        return list(snapshot.memo(key, lambda: tuple(_years(locale.pk, hidden, content_types))))
    return _years(locale.pk, hidden, content_types)


def _years(locale_id, hidden, content_types) -> list[int]:
    """The years of :func:`available_years`, newest first, read from the database."""
    with connection.cursor() as cursor:
        cursor.execute(*_years_sql(locale_id, hidden, content_types))
        rows = cursor.fetchall()
    years = set()
    for plan_year, news_year, start_year, end_year in rows:
        years.update((plan_year, news_year))
        if start_year and end_year:
            years.update(range(int(start_year), int(end_year) + 1))
    return sorted((int(y) for y in years if y), reverse=True)


@lru_cache(maxsize=64)
def _years_sql(locale_id, hidden, content_types) -> tuple[str, tuple]:
    """The SQL of :func:`available_years`' query, and its parameters, built by Django once for
    each language and set of hidden paths (and page types' ids: a test database may renumber
    them); Django took three times as long to build it as the database to answer it."""
    rows = (
        searchable_pages(Locale(pk=locale_id), hidden=hidden)
        .annotate(
            plan_year=F("planpage__year"),
            news_year=ExtractYear("newspage__date"),
            start_year=ExtractYear("campaignpage__start_date"),
            end_year=ExtractYear("campaignpage__end_date"),
        )
        .order_by()
        .values_list("plan_year", "news_year", "start_year", "end_year")
        .distinct()
    )
    sql, params = rows.query.sql_with_params()
    return sql, tuple(params)


def type_counts(outcome: SearchOutcome, locale=None) -> dict[str, int]:
    """How many hits each page type has for the query, ignoring the type filter: one grouped
    query (Wagtail's facet on the content type)."""
    if not outcome.parsed:
        return {}
    by_content_type = outcome.counts
    if by_content_type is None:
        operator = "or" if outcome.relaxed else "and"
        by_content_type = _counts_by_content_type(
            outcome.parsed, operator, locale, outcome.year, outcome.hidden
        )
    return {
        key: by_content_type.get(ContentType.objects.get_for_model(model).pk, 0)
        for key, model in PAGE_TYPES.items()
    }


# Snippets ------------------------------------------------------------------------------------


def page_text(page) -> str:
    """The text of a page that search indexes besides its title, in reading order."""
    return " ".join(_page_text_parts(page))


def _page_text_parts(page):
    """The texts :func:`page_text` joins, one by one (single spaces, NFC), as they are read."""
    for search_field in page.get_search_fields():
        if not isinstance(search_field, index.SearchField) or search_field.field_name == "title":
            continue
        for text in _flatten(search_field.get_value(page)):
            if text:
                yield " ".join(normalize(text).split())


def _flatten(value):
    if value is None:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _flatten(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _flatten(item)
    else:
        yield str(value)


def _is_match(folded: str, parsed: ParsedQuery) -> bool:
    """Whether a word of the text, folded, matches a word of the query: the same folded word,
    or a date in the query (``8/3``) that begins the text's date (``8/3/2026``)."""
    return folded in parsed.folded_terms or (
        bool(parsed.date_prefixes) and folded.startswith(parsed.date_prefixes)
    )


#: A word folded (:func:`cms.text.fold`), remembered: Vietnamese has a few thousand syllables,
#: which every snippet folds again; folding (anyascii, letter by letter) was the most of a
#: search's time in Python.
_fold_word = lru_cache(maxsize=65536)(fold)


def _match_table(tokens, parsed: ParsedQuery) -> dict[str, str | None]:
    """Each distinct word of ``tokens`` (and of the texts looked at before for the same
    search): its folded form when it matches the query, else ``None``. A page's text says the
    same few hundred syllables thousands of times: each is looked at once per search, not at
    every occurrence."""
    table = parsed.matches
    for token in set(tokens).difference(table):
        folded = _fold_word(token)
        table[token] = folded if _is_match(folded, parsed) else None
    return table


#: ``WORD_RE`` as a group: ``split`` then gives the words and what lies around them in one pass.
_WORDS_AND_GAPS_RE = re.compile(f"({WORD_RE.pattern})")


def _words_and_gaps(text: str) -> tuple[list[str], list[str]]:
    """The words of ``text`` and what lies around them (``gaps[i]`` before ``words[i]``, and
    one more after the last word: "", " ", "“", …), read in one pass over the text."""
    parts = _WORDS_AND_GAPS_RE.split(text)
    return parts[1::2], parts[0::2]


def _marked(tokens, pieces, start, end, table) -> list[str]:
    """Words ``start``..``end`` with what lies between them, escaped, matched words marked
    (``table``: :func:`_match_table`)."""
    out = []
    for i in range(start, end):
        if i > start:
            out.append(html_escape(pieces[i]))
        token = tokens[i]
        word = html_escape(token)
        out.append(f"<mark>{word}</mark>" if table[token] is not None else word)
    return out


def highlight(text: str, parsed: ParsedQuery) -> SafeString:
    """The whole of ``text`` (a title), escaped, each matched word in ``<mark>``."""
    tokens, pieces = _words_and_gaps(normalize(text))
    table = _match_table(tokens, parsed)
    out = [html_escape(pieces[0]), *_marked(tokens, pieces, 0, len(tokens), table)]
    out.append(html_escape(pieces[-1]) if tokens else "")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped


def _best_match(
    tokens: list[str], table, reach: int = SNIPPET_REACH, most: int | None = None
) -> tuple[int | None, int]:
    """The position of the passage that holds the most of the query's words (within ``reach``
    words of each other), the first such passage on a tie, and how many it holds; ``None``
    without a match (``table``: :func:`_match_table`). ``most``: how many distinct words a
    passage can hold at most, when that is known — a passage holding them all is the first
    best one, and the rest of the text need not be looked at."""
    best, best_count = None, 0
    for i in (i for i, token in enumerate(tokens) if table[token] is not None):
        found = {table[t] for t in tokens[i : i + reach]}
        found.discard(None)
        if len(found) > best_count:
            best, best_count = i, len(found)
            if most is not None and best_count >= most:
                break
    return best, best_count


def _most_words(parsed: ParsedQuery) -> int | None:
    """How many distinct matched words a passage can hold: the query's words, unless a date of
    the query matches the many dates it begins (``8/3`` → ``8/3/2025``, ``8/3/2026``)."""
    return None if parsed.date_prefixes else len(parsed.folded_terms)


#: How much of a page's text a snippet reads first (characters): the passage holding every word
#: of the query is usually near the beginning, and a page's whole text is read only when not.
SNIPPET_HEAD = 1500


def snippet(page, parsed: ParsedQuery, length: int = SNIPPET_WORDS) -> SafeString:
    """A passage of ``page``'s text where most of the query's words meet, each matched word in
    ``<mark>``: escaped text, safe to print. Falls back to the page's listing summary.

    The beginning of the text (``SNIPPET_HEAD``) is read first; its passage is the one the whole
    text gives when it holds every word of the query and ends far enough from the cut: the
    passages before it, and the words shown, are then the same in the whole text."""
    parts = _page_text_parts(page)
    most = _most_words(parsed)
    read = []
    if most is not None:
        size = 0
        for part in parts:
            read.append(part)
            size += len(part) + 1
            if size > SNIPPET_HEAD:
                break
        head = " ".join(read)
        # Cut at a space, which no word spans: the head's words begin the whole text's.
        cut = head.rfind(" ", 0, SNIPPET_HEAD) if len(head) > SNIPPET_HEAD else -1
        if cut > 0:
            tokens, pieces = _words_and_gaps(head[:cut])
            table = _match_table(tokens, parsed)
            first, count = _best_match(tokens, table, most=most)
            if (
                first is not None
                and count == most
                and first + SNIPPET_REACH <= len(tokens)
                and max(0, first - SNIPPET_LEAD) + length < len(tokens)
            ):
                return _passage(tokens, pieces, table, first, length)
    text = " ".join([*read, *parts]) or page.get_listing_summary() or ""
    tokens, pieces = _words_and_gaps(text)
    table = _match_table(tokens, parsed)
    first, _count = _best_match(tokens, table, most=most)
    return _passage(tokens, pieces, table, first, length)


def _passage(tokens, pieces, table, first, length) -> SafeString:
    """``length`` words from a little before ``first`` (from the beginning without a match),
    matched words marked, "…" where text is left out."""
    start = 0 if first is None else max(0, first - SNIPPET_LEAD)
    end = min(len(tokens), start + length)
    out = ["…"] if start > 0 else []
    out += _marked(tokens, pieces, start, end, table)
    if end < len(tokens):
        out.append("…")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped


@dataclass
class Hit:
    """One result as the page shows it: the page, its title and a passage, matches marked, and
    the dates its type has (``None`` where it has none: a news item's ``date``, a campaign's
    ``start_date`` and ``end_date``, a plan's ``issued_on`` and ``year``). The template reads
    the dates here: a template that asks a page for a field it lacks makes Django list the
    page's attributes (``dir()``) to tell a missing field from a failing property."""

    page: Page
    title: SafeString
    snippet: SafeString
    type_key: str | None
    date: object = None
    start_date: object = None
    end_date: object = None
    issued_on: object = None
    year: object = None

    @classmethod
    def of(cls, page, parsed: "ParsedQuery", type_key: str | None) -> "Hit":
        return cls(
            page,
            highlight(page.title, parsed),
            snippet(page, parsed),
            type_key,
            **{name: getattr(page, name, None) for name in HIT_DATES},
        )


#: The dates a hit shows, as its page type names them (:class:`Hit`).
HIT_DATES = ("date", "start_date", "end_date", "issued_on", "year")


def convert_streams_together(pages):
    """Read the stream fields of ``pages`` (their snippets need their text) together: each kind
    of block converted once for all the pages, so that the images their blocks name are fetched
    in one query rather than one query per page. Returns ``pages``."""
    pending = defaultdict(list)
    for page in pages:
        for field in page._meta.concrete_fields:
            if not isinstance(field, StreamField):
                continue
            value = getattr(page, field.attname)
            if not isinstance(value, StreamValue) or not value.is_lazy:
                continue
            for position, raw in enumerate(value._raw_data):
                if value._bound_blocks[position] is not None or not isinstance(raw, dict):
                    continue
                block = value.stream_block.child_blocks.get(raw.get("type"))
                if block is not None:
                    # Blocks defined alike (the same image block in two fields) convert alike.
                    pending[repr(block.deconstruct())].append((block, value, position, raw))
    for items in pending.values():
        block = items[0][0]
        converted = block.bulk_to_python([raw["value"] for _, _, _, raw in items])
        for (own_block, value, position, raw), native in zip(items, converted, strict=True):
            value._bound_blocks[position] = StreamValue.StreamChild(
                own_block, native, id=raw.get("id")
            )
    return pages


def hits(pages, parsed: ParsedQuery) -> list[Hit]:
    """The results of one page of a search, ready to show."""
    type_keys = {model: key for key, model in PAGE_TYPES.items()}
    pages = convert_streams_together([_as_specific(page) for page in pages])
    return [Hit.of(page, parsed, type_keys.get(type(page))) for page in pages]


# Promotions and popular queries --------------------------------------------------------------


def promotions(query: str, locale=None, hidden=None) -> list:
    """The editors' promoted results for ``query``, matched without tone marks or case: a
    promotion made for *bình đẳng giới* also shows for ``binh dang gioi``. Pages must be live
    and in the reader's language. ``hidden``: as for :func:`searchable_pages`."""
    key = _promotion_key(query)
    if not key:
        return []
    # The promoted queries first: a handful of texts, most searches match none of them. With the
    # site snapshot, read once for it (a promotion changed empties the caches: cms/cache.py).
    snapshot = site_snapshot.current()
    if snapshot is not None:
        texts = snapshot.memo(("promoted queries",), _promoted_queries)
    else:
        texts = _promoted_queries()
    promoted = [text for text in texts if _promotion_key(text) == key]
    if not promoted:
        return []
    locale = locale or Locale.get_active()
    # Only pages readers may see: live, public, in their language. An external link is left
    # out: its text and address never went through review.
    visible = Page.objects.live().filter(locale=locale)
    hidden_ids = _hidden_ids(hidden_prefixes() if hidden is None else hidden)
    if hidden_ids is not None:
        visible = visible.exclude(id__in=hidden_ids)
    picks = (
        SearchPromotion.objects.select_related("query", "page")
        .filter(page__in=visible, query__query_string__in=promoted)
        .order_by("sort_order")
    )
    return [p for p in picks if _promotion_key(p.query.query_string) == key]


def _promoted_queries() -> tuple[str, ...]:
    """The texts of the queries that have promotions."""
    with connection.cursor() as cursor:
        cursor.execute(_promoted_queries_sql())
        return tuple(text for (text,) in cursor.fetchall())


def _promotion_key(text: str) -> str:
    """What of a query a promotion is matched on: its words, folded."""
    return " ".join(WORD_RE.findall(fold(text)))


@lru_cache(maxsize=1)
def _promoted_queries_sql() -> str:
    """The texts of the queries that have promotions (names from the models, written once)."""
    q = connection.ops.quote_name
    promotions, queries = q(SearchPromotion._meta.db_table), q(Query._meta.db_table)
    return (
        f"SELECT DISTINCT {queries}.query_string FROM {promotions} "  # noqa: S608
        f"INNER JOIN {queries} ON {promotions}.query_id = {queries}.id"
    )


def looks_personal(query: str) -> bool:
    """Whether a query seems to hold someone's details (an e-mail address, a phone number)."""
    return bool(PERSONAL_RE.search(query))


def countable_query(query: str) -> str | None:
    """The text under which a search for ``query`` (cleaned) is counted, as Wagtail normalises
    it (lower case, single spaces); ``None`` for a query not counted: empty, or one that looks
    like someone's details."""
    if not query or looks_personal(query):
        return None
    return normalise_query_string(query)


def record_query(query: str) -> bool:
    """Count one search for ``query`` for the editors' popular-queries report, in the database
    at once: the query text and a daily count, nothing about who searched. Personal-looking
    queries are not kept. (The public search counts through :func:`search.hits.count`, which
    defers the count to Redis when it can.)"""
    query_string = countable_query(query)
    if query_string is None:
        return False
    add_hits(query_string)
    return True


def add_hits(query_string: str, hits: int = 1, date=None) -> None:
    """Add ``hits`` searches for ``query_string`` (normalised: :func:`countable_query`) to its
    count of ``date`` (today, UTC, as Wagtail counts).

    What Wagtail's ``Query.get(query).add_hit()`` records, in one statement for a query already
    known (an upsert of the day's count, on SQLite and PostgreSQL alike) instead of three, and in
    three the first time (the query is added, then counted)."""
    date = date or timezone.now().date()
    if not _count_hit(query_string, hits, date):
        Query.objects.get_or_create(query_string=query_string)
        _count_hit(query_string, hits, date)


def _count_hit(query_string: str, hits: int, date) -> bool:
    """Add ``hits`` to a known query's count of ``date``; False when the query is not known."""
    # Table and column names from the models, quoted; the values are parameters.
    q = connection.ops.quote_name
    table, queries = q(QueryDailyHits._meta.db_table), q(Query._meta.db_table)
    sql = (
        f"INSERT INTO {table} (query_id, date, hits) "  # noqa: S608
        f"SELECT id, %s, %s FROM {queries} WHERE query_string = %s "
        f"ON CONFLICT (query_id, date) DO UPDATE SET hits = {table}.hits + EXCLUDED.hits"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [date, hits, query_string])
        return cursor.rowcount > 0
