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
from dataclasses import dataclass
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail.search.query import And, Or, Phrase, PlainText

from campaigns.models import CampaignPage
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
    whether it fell back to any word (``relaxed``) and the parsed query."""

    query: str
    parsed: ParsedQuery
    results: object
    relaxed: bool = False
    page_type: str | None = None
    year: int | None = None


def searchable_pages(locale=None, page_type=None, year=None):
    """The pages a reader may find: live, public plans, campaigns and news of ``locale``
    (the active language by default), optionally of one type and one year."""
    locale = locale or Locale.get_active()
    models = [PAGE_TYPES[page_type]] if page_type in PAGE_TYPES else PAGE_TYPES.values()
    pages = Page.objects.live().public().filter(locale=locale).type(*models)
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
    """Search the public pages for ``query`` (cleaned with :func:`clean_query` first)."""
    text = clean_query(query)
    parsed = ParsedQuery.parse(text)
    pages = searchable_pages(locale, page_type, year)
    outcome = SearchOutcome(text, parsed, Page.objects.none(), page_type=page_type, year=year)
    if not parsed:
        return outcome
    outcome.results = pages.specific().search(parsed.as_search_query("and"))
    many_words = len(parsed.words) + sum(len(p) for p in parsed.phrases) > 1
    if many_words and not outcome.results.count():
        outcome.results = pages.specific().search(parsed.as_search_query("or"))
        outcome.relaxed = True
    return outcome


def available_years(locale=None) -> list[int]:
    """The years the year filter offers: those of the live plans, news and campaigns."""
    pages = searchable_pages(locale)
    ids = pages.values("id")
    years = set(PlanPage.objects.filter(id__in=ids).values_list("year", flat=True))
    years |= {d.year for d in NewsPage.objects.filter(id__in=ids).dates("date", "year")}
    for start, end in CampaignPage.objects.filter(id__in=ids).values_list("start_date", "end_date"):
        if start and end:
            years.update(range(start.year, end.year + 1))
    return sorted((y for y in years if y), reverse=True)


def type_counts(outcome: SearchOutcome) -> dict[str, int]:
    """How many hits each page type has for the query, ignoring the type filter: one grouped
    query (Wagtail's facet on the content type)."""
    if not outcome.parsed:
        return {}
    operator = "or" if outcome.relaxed else "and"
    pages = searchable_pages(year=outcome.year)
    results = pages.search(outcome.parsed.as_search_query(operator))
    by_content_type = results.facet("content_type_id")
    return {
        key: by_content_type.get(ContentType.objects.get_for_model(model).pk, 0)
        for key, model in PAGE_TYPES.items()
    }


# Snippets ------------------------------------------------------------------------------------


def page_text(page) -> str:
    """The text of a page that search indexes besides its title, in reading order."""
    texts = []
    for search_field in page.get_search_fields():
        if not isinstance(search_field, index.SearchField) or search_field.field_name == "title":
            continue
        texts.extend(_flatten(search_field.get_value(page)))
    return " ".join(" ".join(normalize(t).split()) for t in texts if t)


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


def _is_match(token: str, terms: frozenset[str]) -> bool:
    """Whether a word of the text matches a word of the query: folded, and a date in the query
    (``8/3``) matching the date it begins (``8/3/2026``)."""
    folded = fold(token)
    return folded in terms or any("/" in term and folded.startswith(term + "/") for term in terms)


def _marked(tokens, pieces, start, end, terms) -> list[str]:
    """Words ``start``..``end`` with what lies between them, escaped, matched words marked."""
    out = []
    for i in range(start, end):
        if i > start:
            out.append(escape(pieces[i]))
        token = tokens[i]
        out.append(f"<mark>{escape(token)}</mark>" if _is_match(token, terms) else escape(token))
    return out


def highlight(text: str, parsed: ParsedQuery) -> SafeString:
    """The whole of ``text`` (a title), escaped, each matched word in ``<mark>``."""
    text = normalize(text)
    pieces = WORD_RE.split(text)  # what lies around the words: "", " ", "“", …
    tokens = WORD_RE.findall(text)
    out = [escape(pieces[0]), *_marked(tokens, pieces, 0, len(tokens), parsed.folded_terms)]
    out.append(escape(pieces[-1]) if tokens else "")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped


def _best_match(tokens: list[str], terms: frozenset[str], reach: int = SNIPPET_REACH) -> int | None:
    """The position of the passage that holds the most of the query's words (within ``reach``
    words of each other), the first such passage on a tie; ``None`` without a match."""
    matches = [i for i, token in enumerate(tokens) if _is_match(token, terms)]
    best, best_count = None, 0
    for i in matches:
        found = {fold(t) for t in tokens[i : i + reach] if _is_match(t, terms)}
        if len(found) > best_count:
            best, best_count = i, len(found)
    return best


def snippet(page, parsed: ParsedQuery, length: int = SNIPPET_WORDS) -> SafeString:
    """A passage of ``page``'s text where most of the query's words meet, each matched word in
    ``<mark>``: escaped text, safe to print. Falls back to the page's listing summary."""
    text = page_text(page) or page.get_listing_summary() or ""
    pieces = WORD_RE.split(text)
    tokens = WORD_RE.findall(text)
    terms = parsed.folded_terms
    first = _best_match(tokens, terms)
    start = 0 if first is None else max(0, first - SNIPPET_LEAD)
    end = min(len(tokens), start + length)
    out = ["…"] if start > 0 else []
    out += _marked(tokens, pieces, start, end, terms)
    if end < len(tokens):
        out.append("…")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped


@dataclass
class Hit:
    """One result as the page shows it: the page, its title and a passage, matches marked."""

    page: Page
    title: SafeString
    snippet: SafeString
    type_key: str | None


def hits(pages, parsed: ParsedQuery) -> list[Hit]:
    """The results of one page of a search, ready to show."""
    type_keys = {model: key for key, model in PAGE_TYPES.items()}
    return [
        Hit(page, highlight(page.title, parsed), snippet(page, parsed), type_keys.get(type(page)))
        for page in pages
    ]


# Promotions and popular queries --------------------------------------------------------------


def promotions(query: str, locale=None) -> list:
    """The editors' promoted results for ``query``, matched without tone marks or case: a
    promotion made for *bình đẳng giới* also shows for ``binh dang gioi``. Pages must be live
    and in the reader's language."""
    key = " ".join(WORD_RE.findall(fold(query)))
    if not key:
        return []
    locale = locale or Locale.get_active()
    # Only pages readers may see: live, public, in their language. An external link is left
    # out: its text and address never went through review.
    visible = Page.objects.live().public().filter(locale=locale)
    picks = (
        SearchPromotion.objects.select_related("query", "page")
        .filter(page__in=visible)
        .order_by("sort_order")
    )
    return [p for p in picks if " ".join(WORD_RE.findall(fold(p.query.query_string))) == key]


def looks_personal(query: str) -> bool:
    """Whether a query seems to hold someone's details (an e-mail address, a phone number)."""
    return bool(PERSONAL_RE.search(query))


def record_query(query: str) -> bool:
    """Count one search for ``query`` for the editors' popular-queries report: the query text
    and a daily count, nothing about who searched. Personal-looking queries are not kept."""
    if not query or looks_personal(query):
        return False
    Query.get(query).add_hit()
    return True
