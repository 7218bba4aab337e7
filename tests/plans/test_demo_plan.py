"""The demo plan page, as a reader gets it, holds the whole of the school's 2026 plan in the
order of the signed document (tests/data holds a copy of the seed, independent of the loader's
transcription in home/demo/plan_2026.py)."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from home.demo import plan_2026

SEED = Path(__file__).parent.parent / "data" / "ke-hoach-binh-dang-gioi-2026.txt"
# Matched on squashed text too, so no space after the dot.
SECTION_LINE = re.compile(r"^[IVX]+\.")
ITEM_LINE = re.compile(r"^\d+\.")


def squash(text: str) -> str:
    """Text with every kind of white space removed, so line breaks and spacing do not count."""
    return "".join(text.split())


def seed_lines() -> list[str]:
    return [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture
def plan_html(demo_site, client):
    response = client.get(f"/ke-hoach/{plan_2026.SLUG}/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_every_line_of_the_seed_appears_in_order(plan_html):
    text = squash(plan_html.find("main").get_text())
    position = 0
    for line in seed_lines():
        needle = squash(line.removeprefix("- "))
        found = text.find(needle, position)
        assert found >= 0, f"missing, or out of order after the previous line: {line!r}"
        position = found + len(needle)


def test_section_headings_are_the_seeds_in_order(plan_html):
    expected = [squash(line) for line in seed_lines() if SECTION_LINE.match(line)]
    assert len(expected) == 4
    headings = [squash(h.get_text()) for h in plan_html.find("main").find_all("h2")]
    assert [h for h in headings if SECTION_LINE.match(h)] == expected


def test_numbered_items_and_parties_are_headings_in_order(plan_html):
    expected = [squash(line) for line in seed_lines() if ITEM_LINE.match(line)]
    # Four items in section II and four parties in section IV.
    assert len(expected) == 8
    headings = [squash(h.get_text()) for h in plan_html.find("main").find_all("h3")]
    assert [h for h in headings if ITEM_LINE.match(h)] == expected


def test_every_bullet_is_a_list_item(plan_html):
    lines = seed_lines()
    recipients_start = lines.index("Nơi nhận:")
    bullets = [squash(line[2:]) for line in lines[:recipients_start] if line.startswith("- ")]
    items = [squash(li.get_text()) for li in plan_html.find("main").find_all("li")]
    for bullet in bullets:
        # One bullet of the source was broken across two lines: it starts a list item.
        assert any(item.startswith(bullet) for item in items), bullet
    assert len(bullets) == 19


def test_recipients_and_signer_close_the_document(plan_html):
    lines = seed_lines()
    recipients = [
        squash(line[2:]) for line in lines[lines.index("Nơi nhận:") :] if line.startswith("- ")
    ]
    items = [squash(li.get_text()) for li in plan_html.find("main").find_all("li")]
    assert [item for item in items if item in recipients] == recipients
    text = squash(plan_html.find("main").get_text())
    assert text.index(squash("KT.HIỆU TRƯỞNG")) < text.index(squash("PHÓ HIỆU TRƯỞNG"))
    assert text.rindex("QuáchTốSan") > text.index(recipients[-1])
