"""A plan exported to Word reads back as the same plan: ``plans.importing.import_docx`` of
``plans.exporting.plan_docx`` gives the fields the plan has (header, legal bases, preamble,
sections with their items, paragraphs and bullets, closing, recipients and signature), with
nothing for the editor to check."""

import datetime
from io import BytesIO

import pytest
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue

from home.demo import plan_2026
from plans.exporting import plan_docx
from plans.importing import import_docx
from plans.models import PlanPage

FIELDS = (
    "issuing_authority",
    "issuer",
    "document_number",
    "document_code",
    "place",
    "issued_on",
    "year",
    "subject",
    "legal_bases",
    "preamble",
    "sections",
    "closing",
    "recipients",
    "signature_authority",
    "signer_title",
    "signer_name",
)


def plain(value):
    """A field's value as plain data, the same whether it comes from the page (StreamValue,
    StructValue, ListValue) or from the importer (lists of ``(type, value)`` pairs, dicts):
    streams as lists of ``(type, value)``, structs as dicts, lists as lists."""
    if isinstance(value, StreamValue):
        return [(child.block_type, plain(child.value)) for child in value]
    if isinstance(value, StructValue | dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str):
        return (value[0], plain(value[1]))
    if isinstance(value, ListValue | list | tuple):
        return [plain(item) for item in value]
    return value


def fields_of(plan) -> dict:
    return {name: plain(getattr(plan, name)) for name in FIELDS}


@pytest.fixture
def plan(demo_site):
    return PlanPage.objects.get(slug=plan_2026.SLUG, locale__language_code="vi")


def round_trip(plan):
    result = import_docx(BytesIO(plan_docx(plan)))
    imported = {name: plain(result.fields.get(name)) for name in FIELDS}
    return imported, result


def test_the_demo_plan_reads_back_as_itself(plan):
    imported, result = round_trip(plan)
    expected = fields_of(plan)
    for name in FIELDS:
        assert imported[name] == expected[name], name
    assert result.warnings == [], [note.message for note in result.warnings]


@pytest.mark.parametrize(
    ("number", "issued_on"),
    [("125", datetime.date(2026, 3, 2)), ("7", datetime.date(2026, 1, 15))],
)
def test_a_numbered_and_dated_plan_reads_back_with_its_number_and_date(plan, number, issued_on):
    # Written "ngày 02 tháng 3" and "ngày 15 tháng 01" (Appendix I's leading zeros).
    plan.document_number, plan.issued_on = number, issued_on
    imported, result = round_trip(plan)
    assert (imported["document_number"], imported["issued_on"]) == (number, issued_on)
    assert imported == fields_of(plan)
    assert result.warnings == [], [note.message for note in result.warnings]
