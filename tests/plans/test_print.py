"""The plan prints like the official document: a print stylesheet linked with media="print" sets A4
paper, the official margins and a Times New Roman-compatible serif, lays out the header in two
columns, and leaves the site's chrome off the paper; the plan page has the markup it styles."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders

from home.demo import plan_2026

PRINT_CSS = "cms/css/print.css"
SERIF = '"Times New Roman", "Liberation Serif", "Tinos", serif'


def parse_css(text):
    """``[(prelude, body)]``: enough CSS parsing for these tests. A body is a list of the same
    shape, where declarations have an empty prelude (``("", "size: A4; margin: …")``) and nested
    blocks, such as ``@page`` margin boxes, their own."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)

    def parse(position):
        items, buffer = [], ""
        while position < len(text):
            char = text[position]
            position += 1
            if char == "{":
                inner, position = parse(position)
                # Declarations may precede a nested block: "size: A4; @top-center {…}".
                before, _, prelude = buffer.rpartition(";")
                if before.strip():
                    items.append(("", before))
                items.append((prelude.strip(), inner))
                buffer = ""
            elif char == "}":
                if buffer.strip():
                    items.append(("", buffer))
                return items, position
            else:
                buffer += char
        return items, position

    return parse(0)[0]


def declarations(body):
    """``{property: value}`` of a rule's declarations (the last one wins, as in CSS)."""
    body = "; ".join(value for prelude, value in body if prelude == "")
    result = {}
    for declaration in body.split(";"):
        if ":" in declaration:
            name, value = declaration.split(":", 1)
            result[name.strip()] = " ".join(value.split())
    return result


def rules_for(rules, selector):
    """The declarations of every rule whose selector list includes ``selector``, merged."""
    merged = {}
    for prelude, body in rules:
        selectors = [s.strip() for s in prelude.split(",")]
        if selector in selectors:
            merged.update(declarations(body))
    return merged


@pytest.fixture(scope="module")
def print_css():
    path = finders.find(PRINT_CSS)
    assert path, f"{PRINT_CSS} is not among the static files"
    with open(path, encoding="utf-8") as file:
        return parse_css(file.read())


@pytest.fixture
def plan_soup(demo_site, client):
    response = client.get(f"/ke-hoach/{plan_2026.SLUG}/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_print_stylesheet_is_linked_for_print_only(plan_soup):
    links = [
        link
        for link in plan_soup.head.find_all("link", rel="stylesheet")
        if link["href"].endswith("/" + PRINT_CSS)
    ]
    assert len(links) == 1
    assert links[0]["media"] == "print"
    # After the screen stylesheet, so that its rules win on paper.
    hrefs = [link["href"] for link in plan_soup.head.find_all("link", rel="stylesheet")]
    assert hrefs.index(links[0]["href"]) > hrefs.index("/static/cms/css/site.css")


def test_a4_paper_with_the_official_margins(print_css):
    page = rules_for(print_css, "@page")
    assert page["size"] == "A4"
    assert page["margin"] == "20mm 15mm 20mm 30mm"


def test_times_new_roman_compatible_serif_at_13_to_14_points(print_css):
    body = rules_for(print_css, "body")
    assert body["font-family"] == SERIF
    doc = rules_for(print_css, ".doc")
    assert doc["font-family"] == SERIF
    assert doc["font-size"] in ("13pt", "14pt")


def test_the_header_blocks_sit_in_two_columns_with_their_rules(print_css):
    header = rules_for(print_css, ".doc-header")
    assert header["display"] == "grid"
    assert len(header["grid-template-columns"].split()) == 2
    assert header["text-align"] == "center"
    rule = rules_for(print_css, ".doc-ruled::after")
    assert "solid" in rule["border-top"] and rule["content"] == '""'
    assert rules_for(print_css, ".doc-date")["font-style"] == "italic"
    title = rules_for(print_css, ".doc-title")
    assert title["font-weight"] == "700" and title["text-align"] == "center"


def test_recipients_and_signature(print_css):
    label = rules_for(print_css, ".doc-recipients p")
    assert (label["font-weight"], label["font-style"], label["font-size"]) == (
        "700",
        "italic",
        "12pt",
    )
    assert rules_for(print_css, ".doc-recipients li")["font-size"] == "11pt"
    footer = rules_for(print_css, ".doc-footer")
    assert footer["display"] == "grid" and len(footer["grid-template-columns"].split()) == 2
    assert rules_for(print_css, ".doc-signature")["text-align"] == "center"


def test_the_sites_chrome_is_left_off_the_paper(print_css, plan_soup):
    hidden = {
        selector.strip()
        for prelude, body in print_css
        if declarations(body).get("display", "").startswith("none")
        for selector in prelude.split(",")
    }
    for selector in (
        ".site-header",
        ".main-nav",
        ".site-footer",
        ".language-switcher",
        ".search-form",
        ".breadcrumbs",
    ):
        assert selector in hidden, selector
        # ...and the selector names what the page really has.
        assert plan_soup.select_one(selector) is not None, selector
    # The document itself is printed.
    assert not {".doc", ".doc-header", ".doc-footer", "main"} & hidden


def test_the_plan_page_has_the_markup_the_print_styles(plan_soup):
    doc = plan_soup.select_one("main article.doc")
    issuer, motto = doc.select(".doc-header > div")
    assert "doc-issuer" in issuer["class"] and "doc-motto" in motto["class"]
    text = lambda node: " ".join(node.get_text(" ").split())  # noqa: E731
    assert text(issuer.select_one(".doc-ruled")) == plan_2026.HEADER["issuer"]
    assert text(issuer.select_one(".doc-number")).startswith("Số:")
    assert text(motto.select_one(".doc-motto-line")) == "Độc lập - Tự do - Hạnh phúc"
    date = motto.select_one(".doc-date em")
    assert date is not None and text(date).startswith(plan_2026.HEADER["place"] + ", ngày")
    title = doc.select_one("h1.doc-title")
    assert text(title.select_one(".doc-kind")) == "KẾ HOẠCH"
    assert text(title.select_one(".doc-subject")) == plan_2026.HEADER["subject"]
    recipients = doc.select_one(".doc-footer .doc-recipients")
    assert text(recipients.select_one("p strong em")) == "Nơi nhận:"
    assert len(recipients.select("ul li")) == len(plan_2026.RECIPIENTS)
    signature = doc.select_one(".doc-footer .doc-signature")
    assert text(signature.select_one(".doc-signer")) == plan_2026.SIGNATURE["signer_name"]
