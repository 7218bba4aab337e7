"""Reading the public search page as a browser gets it (the HTML contract of issue 5).

``search(client, "binh dang gioi", type="plan")`` requests ``/search/?q=…&type=plan`` and returns
a :class:`SearchPage`: the hits in rank order (id, type, title, snippet), the total count, whether
the any-word fallback or the empty state is shown, and the promoted pages.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlencode

from bs4 import BeautifulSoup

PER_PAGE = 10


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """The test's own folding, to compare words regardless of tone marks, ``đ`` and case."""
    text = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


@dataclass
class Hit:
    id: int
    type: str
    title: str
    href: str
    item: object  # the <li> as parsed

    @property
    def snippet(self):
        return self.item.select_one("p.result-snippet")

    @property
    def snippet_html(self) -> str:
        """The snippet's inner HTML in NFC (the page's text may be stored in NFD)."""
        snippet = self.snippet
        return nfc(snippet.decode_contents()) if snippet else ""

    @property
    def marks(self) -> list[str]:
        snippet = self.snippet
        return [nfc(mark.get_text()) for mark in snippet.find_all("mark")] if snippet else []


class SearchPage:
    def __init__(self, response, query=None):
        self.response = response
        self.query = query
        self.status = response.status_code
        self.html = response.content.decode("utf-8", errors="replace")

    def __repr__(self):
        return f"<SearchPage q={self.query!r} status={self.status} titles={self.titles}>"

    @cached_property
    def soup(self):
        return BeautifulSoup(self.html, "html.parser")

    @cached_property
    def results_list(self):
        return self.soup.select_one("ol.results")

    @cached_property
    def hits(self) -> list[Hit]:
        if self.results_list is None:
            return []
        hits = []
        for item in self.results_list.select("li.search-result"):
            link = item.select_one("h2.card-title a")
            hits.append(
                Hit(
                    id=int(item["data-page-id"]),
                    type=item.get("data-type", ""),
                    title=nfc(" ".join(link.get_text().split())) if link else "",
                    href=link.get("href", "") if link else "",
                    item=item,
                )
            )
        return hits

    @property
    def ids(self) -> list[int]:
        return [hit.id for hit in self.hits]

    @property
    def titles(self) -> list[str]:
        return [hit.title for hit in self.hits]

    def hit(self, title) -> Hit:
        for hit in self.hits:
            if hit.title == title:
                return hit
        raise AssertionError(f"{title!r} is not among the results {self.titles}")

    @cached_property
    def count(self) -> int | None:
        """The total number in ``<p class="result-count">``; the query, which the sentence may
        quote, is taken out first so that its digits are not mistaken for the count."""
        element = self.soup.select_one("p.result-count")
        if element is None:
            return None
        assert element.get("role") == "status", "the result count is announced (role=status)"
        text = element.get_text(" ", strip=True)
        if self.query:
            text = text.replace(" ".join(self.query.split()), " ")
        numbers = re.findall(r"\d+", text.replace(".", "").replace(",", ""))
        assert numbers, f"no number in the result count {text!r}"
        return int(numbers[0])

    @property
    def relaxed(self) -> bool:
        return self.soup.select_one("p.search-relaxed") is not None

    @property
    def empty_state(self):
        """``<div class="empty" role="status">``: nothing matched, with tips."""
        return self.soup.select_one('div.empty[role="status"]')

    @property
    def prompt(self):
        """The empty state of an empty query: an element of class ``empty`` with a prompt."""
        return self.soup.select_one(".empty")

    @property
    def promotions(self) -> list[int]:
        section = self.soup.select_one("section.search-promotions")
        if section is None:
            return []
        return [int(li["data-page-id"]) for li in section.select("li.search-promotion")]

    @property
    def pagination_links(self) -> list[str]:
        return [a["href"] for a in self.soup.select("nav.pagination a[href]")]


def search(client, q=None, *, prefix="", **params) -> SearchPage:
    """GET ``{prefix}/search/`` with ``q`` and any of ``type``, ``year``, ``page``."""
    query = {} if q is None else {"q": q}
    query.update({key: value for key, value in params.items() if value is not None})
    url = f"{prefix}/search/"
    if query:
        url += "?" + urlencode(query)
    return SearchPage(client.get(url), q)


def search_raw(client, query_string: str, *, prefix="") -> SearchPage:
    """GET ``/search/`` with ``query_string`` exactly as a browser or a bot might send it."""
    return SearchPage(client.get(f"{prefix}/search/", QUERY_STRING=query_string))


def assert_calm(page: SearchPage):
    """A calm page: 200, the search page itself (results or the empty state), no error."""
    assert page.status == 200, (page.query, page.status)
    assert page.soup.select_one("form.search-filters") is not None or page.soup.select_one(
        "form.search-form"
    ), "the search form is shown"
    assert (page.results_list is not None) != (page.prompt is not None), (
        "either results or the empty state, exactly one of them"
    )
    assert "Traceback" not in page.html
