"""Import of a school plan (*Kế hoạch*) from a Word document (.docx) or plain text into the parts
of a :class:`~plans.models.PlanPage`.

The parser knows the common layout of a plan under Decree 30/2020/NĐ-CP: the header (issuing body
and school in capitals, the national motto, ``Số: …/KH-THPTST``, ``<place>, ngày … tháng … năm
…``), the title ``KẾ HOẠCH`` and its subject, the legal bases (``Căn cứ …``, ``Thực hiện …``), the
preamble, sections ``I. …`` with numbered items ``1. …``, points ``a) …`` and bullets ``- …``, the
closing ``Trên đây là …``, ``Nơi nhận:`` and the signature block. docs/plan-import.md says how each
line is placed.

Nothing is dropped: a line that fits no part is kept where it appeared (a paragraph of the section
it is in; before section I in the preamble, after the sections in the closing) and named in the
report, and every part not found is named there too, for the editor to check before the draft is
submitted for review.
"""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.text import roman

# Limits on what is read: an upload larger than this is refused before it is opened, and a .docx
# whose parts would unpack to more than UNPACKED_LIMIT (a "zip bomb") is refused unread.
SIZE_LIMIT = 10 * 1024 * 1024
UNPACKED_LIMIT = 50 * 1024 * 1024
COMPRESSION_RATIO_LIMIT = 200
ENTRY_LIMIT = 2000

# Kinds of report notes. Warnings are what the editor must look at; the others say what the
# parser did on its own.
UNPLACED = "unplaced"  # a line that fits no part, kept where it appeared
MISSING = "missing"  # a part not found, left empty for the editor
DEFAULT = "default"  # a header or signature line not found, the usual value used
INVALID = "invalid"  # a value found but unusable (an impossible date)
PICTURE = "picture"  # a picture, not imported (plans hold text)
TABLE = "table"  # a table that is not the header or signature block, kept as text
JOINED = "joined"  # a line starting in lower case, joined to the line before it
NUMBERING = "numbering"  # a number in the source that does not follow the order
TOO_LONG = "too-long"  # an item title longer than the editor allows
WARNING_KINDS = frozenset({UNPLACED, MISSING, INVALID, PICTURE, TABLE, TOO_LONG})

ITEM_TITLE_LIMIT = 300  # ItemBlock.title / ResponsibilityBlock.party max_length
PAGE_TITLE_LIMIT = 255  # Page.title max_length


class PlanImportError(ValidationError):
    """The file cannot be read as a plan at all (not a Word document, empty, too large…)."""


@dataclass
class ImportNote:
    """One thing the editor should know about the import: a line placed by guess, a part missing."""

    kind: str
    message: str
    text: str = ""
    line: int | None = None  # the line of a text file, from 1
    paragraph: int | None = None  # the paragraph of a Word document, from 1, tables included

    @property
    def is_warning(self) -> bool:
        return self.kind in WARNING_KINDS

    @property
    def where(self) -> str:
        if self.line is not None:
            return _("line %(number)s") % {"number": self.line}
        if self.paragraph is not None:
            return _("paragraph %(number)s") % {"number": self.paragraph}
        return ""


@dataclass
class ImportResult:
    """What was read: ``fields`` for ``PlanPage(**fields)`` (StreamFields as lists of
    ``(type, value)``) and the ``report``."""

    fields: dict
    report: list[ImportNote] = field(default_factory=list)

    @property
    def warnings(self) -> list[ImportNote]:
        return [note for note in self.report if note.is_warning]

    def as_data(self) -> dict:
        """JSON-ready data (dates as ISO strings), which :meth:`from_data` reads back."""
        fields = dict(self.fields)
        if fields.get("issued_on"):
            fields["issued_on"] = fields["issued_on"].isoformat()
        return {"fields": fields, "report": [asdict(note) for note in self.report]}

    @classmethod
    def from_data(cls, data: dict) -> ImportResult:
        fields = dict(data["fields"])
        if fields.get("issued_on"):
            fields["issued_on"] = datetime.date.fromisoformat(fields["issued_on"])
        # JSON turns the (type, value) pairs into lists: StreamField wants them as pairs.
        fields["legal_bases"] = [tuple(pair) for pair in fields["legal_bases"]]
        fields["recipients"] = [tuple(pair) for pair in fields["recipients"]]
        fields["sections"] = [
            ("section", {"heading": value["heading"], "content": _stream(value["content"])})
            for _type, value in fields["sections"]
        ]
        return cls(fields=fields, report=[ImportNote(**note) for note in data["report"]])


def _stream(children):
    result = []
    for block_type, value in children:
        if block_type == "item":
            value = {"title": value["title"], "content": _stream(value["content"])}
        elif block_type == "responsibility":
            value = {"party": value["party"], "duties": _stream(value["duties"])}
        result.append((block_type, value))
    return result


# Lines of the source ------------------------------------------------------------------------------


@dataclass
class Line:
    """One line of text from the source, with where it came from."""

    text: str
    number: int
    verbatim: bool = False  # a row of a data table: kept as it is, never read as a part


def _clean(text: str) -> str:
    """Text in NFC (Word on a Mac may write decomposed accents), white space squeezed."""
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"[\s\u00a0\u200b]+", " ", text).strip()


# Patterns of the common layout. Vietnamese capitals are matched as written (case-sensitive) where
# capitals are what tells a part apart.
MOTTO = re.compile(r"^CỘNG H(?:ÒA|OÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM$", re.IGNORECASE)
MOTTO_LINE = re.compile(r"^Độc lập ?[-–—] ?Tự do ?[-–—] ?Hạnh phúc$", re.IGNORECASE)
RULE = re.compile(r"^[-_=–—.…*~ ]{3,}$")  # a typed rule under the header
NUMBER = re.compile(r"^Số ?: ?(?P<number>[^/]*?) ?/ ?(?P<code>\S+)$")
DATE = re.compile(
    r"^(?P<place>[^,]{1,100}), ?ngày(?P<day>[\s\d.…_/]*)tháng(?P<month>[\s\d.…_/]*)"
    r"năm ?(?P<year>\d{4})\.?$",
    re.IGNORECASE,
)
TITLE = re.compile(r"^KẾ HOẠCH(?: ?[:.\-–] ?| |$)(?P<rest>.*)$")
BASIS = re.compile(r"^(?:[-–•+] ?)?(?P<text>(?:Căn cứ|Thực hiện)\b.*)$")
SECTION = re.compile(r"^(?P<number>[IVXLC]+) ?[.)] ?(?P<heading>\S.*)$")
ITEM = re.compile(r"^(?P<number>\d{1,2}) ?[.)] ?(?P<title>[^\d\s.)/].*)$")
BULLET = re.compile(r"^[-–—•+*▪●○◦] ?(?P<text>\S.*)$")
CLOSING = re.compile(r"^Trên đây là\b")
RECIPIENTS = re.compile(r"^Nơi nhận ?:? ?(?P<rest>.*)$", re.IGNORECASE)
AUTHORITY = re.compile(r"^(?P<prefix>KT|TM|TL|TUQ|Q|TQ) ?\. ?(?P<rest>\S.*)$")
RESPONSIBILITY_HEADINGS = ("TỔ CHỨC THỰC HIỆN", "TRÁCH NHIỆM", "PHÂN CÔNG")
YEAR = re.compile(r"\b(20\d{2}|2100)\b")


def _is_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and text == text.upper()


def _starts_lower(text: str) -> bool:
    return text[:1].isalpha() and text[:1].islower() and not re.match(r"^[a-zđ]\)", text)


def _recipient(text: str) -> str:
    """A recipient without its trailing ``;``, ``.``, ``,`` or ``./.``."""
    return re.sub(r"[\s;,.:/]+$", "", text).strip()


# The parser ---------------------------------------------------------------------------------------

HEADER, SUBJECT, BASES, BODY, CLOSE, RECIPIENT_LIST, SIGNATURE = range(7)


class _Parser:
    """Reads lines in order, a small state machine over the parts of the document."""

    def __init__(self, lines: list[Line], notes: list[ImportNote], unit: str):
        self.lines = lines
        self.notes = list(notes)
        self.unit = unit  # "line" or "paragraph": how notes say where
        self.state = HEADER
        self.header_capitals: list[Line] = []
        self.number: tuple[str, str] | None = None
        self.date: re.Match | None = None
        self.date_line: Line | None = None
        self.title_seen = False
        self.subject = ""
        self.bases: list[str] = []
        self.before_sections: list[Line] = []  # lines between the bases and section I
        self.early_unplaced: list[Line] = []  # lines of the header that fit nothing
        self.sections: list[dict] = []
        self.closing: list[str] = []
        self.recipients_seen = False
        self.recipients: list[str] = []
        self.authority: str | None = None
        self.signer_title: str | None = None
        self.signer_name: str | None = None
        self.last = None  # where a lower-case continuation line goes: a callable taking text

    # Notes ---------------------------------------------------------------------------------------

    def note(self, kind, message, line: Line | None = None):
        if line is None:
            self.notes.append(ImportNote(kind, str(message)))
        else:
            self.notes.append(ImportNote(kind, str(message), line.text, **{self.unit: line.number}))

    def unplaced(self, line: Line, where: str):
        """Report a line that fits no part, kept ``where`` (said in the note)."""
        self.note(
            UNPLACED,
            _("This line fits no part of a plan: it was kept %(where)s. Check it.")
            % {"where": where},
            line,
        )

    # Driving -------------------------------------------------------------------------------------

    def run(self) -> ImportResult:
        for line in self.lines:
            self.feed(line)
        return self.result()

    def feed(self, line: Line):
        text = line.text
        if line.verbatim:
            self.place_unplaced(line, report=False)
            return
        if MOTTO.match(text) or MOTTO_LINE.match(text) or RULE.match(text):
            return  # fixed lines of the layout, which the plan page prints itself
        # Nơi nhận and the signature may come in either order, wherever the body ends.
        if self.state != HEADER and RECIPIENTS.match(text):
            self.start_recipients(line)
            return
        if self.state >= BODY and AUTHORITY.match(text):
            self.signature_line(line)
            return
        handler = {
            HEADER: self.header_line,
            SUBJECT: self.subject_line,
            BASES: self.bases_line,
            BODY: self.body_line,
            CLOSE: self.closing_line,
            RECIPIENT_LIST: self.recipient_line,
            SIGNATURE: self.signature_line,
        }[self.state]
        handler(line)

    def join(self, line: Line) -> bool:
        """Join a line starting in lower case to the part before it (a sentence the source broke
        across two lines)."""
        if self.last is None or not _starts_lower(line.text):
            return False
        self.last(line.text)
        self.note(
            JOINED,
            _("This line starts in lower case: it was joined to the line before it."),
            line,
        )
        return True

    # Header --------------------------------------------------------------------------------------

    def header_line(self, line: Line):
        text = line.text
        if match := TITLE.match(text):
            self.title_seen = True
            self.state = SUBJECT
            if match["rest"]:
                self.set_subject(match["rest"])
            return
        if (match := NUMBER.match(text)) and self.number is None:
            self.number = (match["number"].strip(" .…_"), match["code"].strip())
            return
        if (match := DATE.match(text)) and self.date is None:
            self.date, self.date_line = match, line
            return
        if BASIS.match(text) or SECTION.match(text):
            # No "KẾ HOẠCH" line: the body starts here.
            self.state = BASES
            self.feed(line)
            return
        if _is_capitals(text):
            self.header_capitals.append(line)
            return
        self.unplaced(line, _("in the preamble"))
        self.early_unplaced.append(line)
        self.last = None

    # Subject -------------------------------------------------------------------------------------

    def set_subject(self, text):
        self.subject = f"{self.subject} {text}".strip()
        self.last = self.set_subject

    def subject_line(self, line: Line):
        text = line.text
        # The line under "KẾ HOẠCH" is the subject, even when it starts "Thực hiện …" as a legal
        # basis may; a basis starting "Căn cứ" or a section means the subject is missing.
        if not self.subject and not text.startswith("Căn cứ") and not SECTION.match(text):
            self.set_subject(text)
            return
        if self.subject and _starts_lower(text):
            self.set_subject(text)
            return
        self.state = BASES
        self.feed(line)

    # Legal bases and preamble --------------------------------------------------------------------

    def add_basis(self, text):
        self.bases.append(text)

        def extend(more):
            self.bases[-1] = f"{self.bases[-1]} {more}"

        self.last = extend

    def bases_line(self, line: Line):
        text = line.text
        if SECTION.match(text):
            self.state = BODY
            self.body_line(line)
            return
        if CLOSING.match(text):
            self.state = BODY
            self.closing_line(line)
            return
        if self.join(line):
            return
        match = BASIS.match(text)
        if match and not text.endswith(":") and not self.before_sections:
            self.add_basis(match["text"])
            return
        self.before_sections.append(line)

        def extend(more):
            last = self.before_sections[-1]
            self.before_sections[-1] = Line(f"{last.text} {more}", last.number)

        self.last = extend

    # Sections ------------------------------------------------------------------------------------

    def container(self) -> list:
        """The content list new paragraphs and bullets go to: the last item's, else the
        section's."""
        section = self.sections[-1]
        if section["content"] and section["content"][-1][0] in ("item", "responsibility"):
            block_type, value = section["content"][-1]
            return value["content" if block_type == "item" else "duties"]
        return section["content"]

    def add_paragraph(self, text):
        content = self.container()
        content.append(("paragraph", text))
        index = len(content) - 1

        def extend(more):
            content[index] = ("paragraph", f"{content[index][1]} {more}")

        self.last = extend

    def add_bullet(self, text):
        content = self.container()
        if not content or content[-1][0] != "bullets":
            content.append(("bullets", []))
        bullets = content[-1][1]
        bullets.append(text)

        def extend(more):
            bullets[-1] = f"{bullets[-1]} {more}"

        self.last = extend

    def check_number(self, line: Line, found: str, expected: str):
        if found != expected:
            self.note(
                NUMBERING,
                _(
                    "Numbered %(found)s in the file, %(expected)s by its place: numbers follow "
                    "the order of the parts."
                )
                % {"found": found, "expected": expected},
                line,
            )

    def body_line(self, line: Line):
        text = line.text
        if match := SECTION.match(text):
            self.sections.append({"heading": match["heading"], "content": []})
            self.check_number(line, match["number"], roman(len(self.sections)))

            def extend(more):
                self.sections[-1]["heading"] = f"{self.sections[-1]['heading']} {more}"

            self.last = extend
            return
        if CLOSING.match(text):
            self.state = CLOSE
            self.closing_line(line)
            return
        if not self.sections:  # only reached through bases_line, which opens section I
            self.before_sections.append(line)
            return
        section = self.sections[-1]
        if self.join(line):
            return
        if _is_capitals(text) and not section["content"] and not BULLET.match(text):
            # A long heading the source wrapped onto a second line in capitals.
            section["heading"] = f"{section['heading']} {text}"
            return
        if match := ITEM.match(text):
            heading = section["heading"].upper()
            number = sum(
                1
                for block_type, _v in section["content"]
                if block_type in ("item", "responsibility")
            )
            self.check_number(line, match["number"], str(number + 1))
            title = match["title"]
            if len(title) > ITEM_TITLE_LIMIT:
                self.note(
                    TOO_LONG,
                    _("This item's title is longer than %(limit)s characters: shorten it.")
                    % {"limit": ITEM_TITLE_LIMIT},
                    line,
                )
            if any(name in heading for name in RESPONSIBILITY_HEADINGS):
                value = {"party": title, "duties": []}
                section["content"].append(("responsibility", value))
                key = "party"
            else:
                value = {"title": title, "content": []}
                section["content"].append(("item", value))
                key = "title"

            def extend(more):
                value[key] = f"{value[key]} {more}"

            self.last = extend
            return
        if match := BULLET.match(text):
            self.add_bullet(match["text"])
            return
        # Points "a) …", sub-items "1.1. …" and plain paragraphs: a paragraph, word for word.
        self.add_paragraph(text)

    # Closing, recipients and signature ----------------------------------------------------------

    def add_closing(self, text):
        self.closing.append(text)

        def extend(more):
            self.closing[-1] = f"{self.closing[-1]} {more}"

        self.last = extend

    def closing_line(self, line: Line):
        if self.state != CLOSE:
            self.state = CLOSE
        if self.closing and self.join(line):
            return
        if self.closing and _is_capitals(line.text):
            self.signature_line(line)
            return
        self.add_closing(line.text)

    def start_recipients(self, line: Line):
        self.recipients_seen = True
        self.state = RECIPIENT_LIST
        self.last = None
        rest = RECIPIENTS.match(line.text)["rest"]
        if rest:
            self.recipient_line(Line(rest, line.number))

    def add_recipient(self, text):
        self.recipients.append(_recipient(text))

        def extend(more):
            self.recipients[-1] = _recipient(f"{self.recipients[-1]} {more}")

        self.last = extend

    def recipient_line(self, line: Line):
        text = line.text
        if self.join(line):
            return
        if match := BULLET.match(text):
            self.add_recipient(match["text"])
            return
        if CLOSING.match(text):
            self.closing_line(line)
            return
        if _is_capitals(text) and not text.startswith("Lưu"):
            self.signature_line(line)
            return
        # "Lưu: VT." without its dash, or a recipient typed without one.
        self.add_recipient(text)

    def signature_line(self, line: Line):
        self.state = SIGNATURE
        self.last = None
        text = line.text
        if (match := AUTHORITY.match(text)) and self.authority is None:
            self.authority = f"{match['prefix']}. {match['rest'].strip()}"
            return
        if _is_capitals(text) and self.signer_title is None and not self.signer_name:
            self.signer_title = text
            return
        if (
            self.signer_name is None
            and not text.startswith(("(", "["))
            and not BULLET.match(text)
            and len(text) <= 100
        ):
            self.signer_name = text
            return
        if BULLET.match(text) and self.recipients_seen and self.signer_name is None:
            self.add_recipient(BULLET.match(text)["text"])
            return
        self.place_unplaced(line)

    # Lines that fit nowhere ----------------------------------------------------------------------

    def place_unplaced(self, line: Line, report=True):
        """Keep a line where it appeared: a paragraph of the current section, else in the preamble
        (before the sections) or the closing (after them)."""
        if report:
            self.unplaced(line, self._unplaced_place())
        if self.state <= BASES:
            if self.state == HEADER:
                self.early_unplaced.append(line)
            else:
                self.before_sections.append(line)
            self.last = None
        elif self.state == BODY and self.sections:
            self.add_paragraph(line.text)
            self.last = None
        elif self.state == BODY:
            self.before_sections.append(line)
        else:
            self.closing.append(line.text)
            self.last = None

    def _unplaced_place(self) -> str:
        if self.state <= BASES or (self.state == BODY and not self.sections):
            return _("in the preamble")
        if self.state == BODY:
            return _("as a paragraph of section %(number)s") % {"number": roman(len(self.sections))}
        return _("in the closing")

    # The result ----------------------------------------------------------------------------------

    def header_fields(self) -> dict:
        from plans.models import PlanPage

        defaults = {f.name: f.default for f in PlanPage._meta.fields if f.has_default()}
        fields = {}
        capitals = self.header_capitals
        issuer_index = next(
            (i for i, line in enumerate(capitals) if line.text.startswith("TRƯỜNG")),
            len(capitals) - 1,
        )
        if capitals:
            fields["issuer"] = capitals[issuer_index].text
            if issuer_index > 0:
                fields["issuing_authority"] = " ".join(c.text for c in capitals[:issuer_index])
            for line in capitals[issuer_index + 1 :]:
                self.unplaced(line, _("in the preamble"))
                self.early_unplaced.append(line)
        labels = {
            "issuing_authority": _("The issuing body (the line above the school's name)"),
            "issuer": _("The school's name in the header"),
        }
        for name, label in labels.items():
            if name not in fields:
                fields[name] = defaults[name]
                self.note(
                    DEFAULT,
                    _("%(part)s was not found: the usual “%(value)s” was used.")
                    % {"part": label, "value": defaults[name]},
                )
        if self.number:
            fields["document_number"], fields["document_code"] = self.number
        else:
            fields["document_number"], fields["document_code"] = "", defaults["document_code"]
            self.note(
                DEFAULT,
                _("The “Số: …/…” line was not found: the usual code “%(value)s” was used.")
                % {"value": defaults["document_code"]},
            )
        fields["issued_on"] = None
        if self.date:
            fields["place"] = self.date["place"].strip()
            fields["year"] = int(self.date["year"])
            day = re.search(r"\d+", self.date["day"])
            month = re.search(r"\d+", self.date["month"])
            if day and month:
                try:
                    fields["issued_on"] = datetime.date(
                        fields["year"], int(month.group()), int(day.group())
                    )
                except ValueError:
                    self.note(
                        INVALID,
                        _(
                            "The date in this line does not exist: the date of issue was left "
                            "empty."
                        ),
                        self.date_line,
                    )
        else:
            fields["place"] = defaults["place"]
            self.note(
                DEFAULT,
                _(
                    "The date line (“%(place)s, ngày … tháng … năm …”) was not found: the usual "
                    "place was used and the date of issue left empty."
                )
                % {"place": defaults["place"]},
            )
            years = YEAR.findall(self.subject)
            if years:
                fields["year"] = int(years[-1])
            else:
                fields["year"] = timezone.localdate().year
                self.note(
                    DEFAULT,
                    _("The plan's year was not found: %(year)s was used.")
                    % {"year": fields["year"]},
                )
        return fields

    def result(self) -> ImportResult:
        from plans.models import PlanPage

        header = self.header_fields()
        if not self.title_seen:
            self.note(MISSING, _("The title “KẾ HOẠCH” was not found."))
        if not self.subject:
            self.note(MISSING, _("The subject (the line under “KẾ HOẠCH”) was not found."))
        if not self.bases:
            self.note(MISSING, _("No legal basis (“Căn cứ …”, “Thực hiện …”) was found."))
        if not self.sections:
            self.note(MISSING, _("No section (“I. …”) was found."))
        if not self.closing:
            self.note(MISSING, _("The closing (“Trên đây là …”) was not found."))
        if not self.recipients:
            self.note(MISSING, _("The recipients (“Nơi nhận:”) were not found."))
        defaults = {f.name: f.default for f in PlanPage._meta.fields if f.has_default()}
        signature_found = any((self.authority, self.signer_title, self.signer_name))
        if not self.signer_title:
            self.note(
                DEFAULT if not signature_found else MISSING,
                _("The signer's title was not found: the usual “%(value)s” was used.")
                % {"value": defaults["signer_title"]},
            )
        if not self.signer_name:
            self.note(MISSING, _("The signer's name was not found."))

        # Before section I: the preamble is the paragraph ending "… như sau:" (else the first);
        # the others are kept with it, in order, and reported.
        before = sorted(self.early_unplaced, key=lambda line: line.number) + self.before_sections
        preamble_line = next(
            (line for line in self.before_sections if line.text.endswith(":")),
            self.before_sections[0] if self.before_sections else None,
        )
        for line in self.before_sections:
            if line is not preamble_line and not line.verbatim:
                self.unplaced(line, _("in the preamble"))
        subject = self.subject
        fields = {
            "title": _plan_title(subject),
            "subject": subject,
            **header,
            "legal_bases": [("basis", text) for text in self.bases],
            "preamble": "\n".join(line.text for line in before),
            "sections": [("section", section) for section in self.sections],
            "closing": "\n".join(self.closing),
            "recipients": [("recipient", text) for text in self.recipients if text],
            "signature_authority": (
                self.authority
                if self.authority is not None
                else ("" if signature_found else defaults["signature_authority"])
            ),
            "signer_title": self.signer_title or defaults["signer_title"],
            "signer_name": self.signer_name or "",
        }
        # Notes in the order of the document, those about the whole (no place) last.
        order = {id(note): index for index, note in enumerate(self.notes)}
        self.notes.sort(
            key=lambda note: (
                (note.line or note.paragraph or 10**9),
                order[id(note)],
            )
        )
        return ImportResult(fields=fields, report=self.notes)


def _plan_title(subject: str) -> str:
    """``Kế hoạch thực hiện …`` from the subject ``Thực hiện …``, within the page title's limit."""
    if not subject:
        return "Kế hoạch"
    title = f"Kế hoạch {subject[:1].lower()}{subject[1:]}"
    if len(title) > PAGE_TITLE_LIMIT:
        title = title[: PAGE_TITLE_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    return title


# Plain text ---------------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise PlanImportError(
            gettext_lazy("This file is not text: upload a Word document (.docx) or a .txt file."),
            code="not_text",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanImportError(
            gettext_lazy("This text file is not in UTF-8: save it as UTF-8 and upload it again."),
            code="encoding",
        ) from None


def import_text(text: str) -> ImportResult:
    """Read a plan from plain text, one paragraph a line (the seed form)."""
    lines = [
        Line(cleaned, number)
        for number, raw in enumerate(text.splitlines(), start=1)
        if (cleaned := _clean(raw))
    ]
    if not lines:
        raise PlanImportError(gettext_lazy("The file is empty."), code="empty")
    return _Parser(lines, [], "line").run()


# Word documents -----------------------------------------------------------------------------------


def _read_bytes(file) -> bytes:
    """The file's bytes (from a path, a binary file-like object or bytes), refusing more than
    SIZE_LIMIT."""
    if isinstance(file, bytes | bytearray):
        if len(file) > SIZE_LIMIT:
            raise _too_large()
        return bytes(file)
    if isinstance(file, str | Path):
        path = Path(file)
        if path.stat().st_size > SIZE_LIMIT:
            raise _too_large()
        return path.read_bytes()
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(SIZE_LIMIT + 1)
    if len(data) > SIZE_LIMIT:
        raise _too_large()
    return data


def _too_large():
    return PlanImportError(
        gettext_lazy("The file is larger than %(size)s MB.") % {"size": SIZE_LIMIT // 1024 // 1024},
        code="too_large",
    )


def _not_docx():
    return PlanImportError(
        gettext_lazy(
            "This file is not a Word document (.docx), or it is damaged. Open it in Word, save it "
            "as .docx and upload it again."
        ),
        code="not_docx",
    )


def _check_zip(data: bytes):
    """Refuse what is not a zip, or would unpack to far more than a document (a zip bomb),
    reading only the zip's directory."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise _not_docx() from None
    with archive:
        infos = archive.infolist()
        # zipfile never unpacks more than an entry's declared size, so the directory is a bound.
        unpacked = sum(info.file_size for info in infos)
        packed = sum(info.compress_size for info in infos) or 1
        if (
            len(infos) > ENTRY_LIMIT
            or unpacked > UNPACKED_LIMIT
            or unpacked / packed > COMPRESSION_RATIO_LIMIT
        ):
            raise PlanImportError(
                gettext_lazy(
                    "This file unpacks to far more than a plan could hold: it was not opened."
                ),
                code="zip_bomb",
            )
        if "word/document.xml" not in archive.namelist():
            raise _not_docx()
        bad = archive.testzip()
        if bad is not None:
            raise _not_docx()


class _DocxReader:
    """Walks a Word document's body in order, paragraphs and tables, into :class:`Line`\\ s, with
    notes on pictures and tables that are not the header or signature block."""

    def __init__(self, document):
        from docx.oxml.ns import qn

        self.qn = qn
        self.document = document
        self.lines: list[Line] = []
        self.notes: list[ImportNote] = []
        self.paragraph_number = 0
        self.counters: dict = {}
        self.title_seen = False
        self.numbering = self._numbering_formats()

    # Word's own list numbering: the "1." or "-" it draws is not in the text --------------------

    def _numbering_formats(self) -> dict:
        """``{(numId, ilvl): numFmt}`` from the numbering part, when the document has one."""
        try:
            numbering = self.document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return {}
        qn = self.qn
        abstract = {}
        for node in numbering.findall(qn("w:abstractNum")):
            levels = {}
            for level in node.findall(qn("w:lvl")):
                fmt = level.find(qn("w:numFmt"))
                levels[level.get(qn("w:ilvl"))] = fmt.get(qn("w:val")) if fmt is not None else ""
            abstract[node.get(qn("w:abstractNumId"))] = levels
        formats = {}
        for num in numbering.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is None:
                continue
            for ilvl, fmt in abstract.get(ref.get(qn("w:val")), {}).items():
                formats[(num.get(qn("w:numId")), ilvl)] = fmt
        return formats

    def _num_pr(self, paragraph):
        qn = self.qn
        p_pr = paragraph._p.pPr
        if p_pr is not None and p_pr.numPr is not None:
            return p_pr.numPr
        style = paragraph.style
        while style is not None:
            s_pr = style.element.find(qn("w:pPr"))
            if s_pr is not None and s_pr.find(qn("w:numPr")) is not None:
                return s_pr.find(qn("w:numPr"))
            style = style.base_style
        return None

    def _list_prefix(self, paragraph) -> str:
        qn = self.qn
        num_pr = self._num_pr(paragraph)
        if num_pr is None:
            return ""
        num_id_el = num_pr.find(qn("w:numId"))
        ilvl_el = num_pr.find(qn("w:ilvl"))
        num_id = num_id_el.get(qn("w:val")) if num_id_el is not None else None
        ilvl = ilvl_el.get(qn("w:val")) if ilvl_el is not None else "0"
        if num_id in (None, "0"):
            return ""
        fmt = self.numbering.get((num_id, ilvl), "bullet")
        key = (num_id, ilvl)
        self.counters[key] = self.counters.get(key, 0) + 1
        for other in list(self.counters):  # a higher level restarts the levels below it
            if other[0] == num_id and int(other[1]) > int(ilvl):
                del self.counters[other]
        count = self.counters[key]
        if fmt == "decimal":
            return f"{count}. "
        if fmt in ("upperRoman", "lowerRoman"):
            return f"{roman(count)}. "
        if fmt in ("lowerLetter", "upperLetter"):
            return f"{'abcdefghijklmnopqrstuvwxyz'[(count - 1) % 26]}) "
        return "- "

    # Walking the body ----------------------------------------------------------------------------

    def read(self):
        self._block_items(self.document.element.body)
        return self.lines, self.notes

    def _block_items(self, parent):
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        qn = self.qn
        for child in parent.iterchildren():
            if child.tag == qn("w:p"):
                self._paragraph(Paragraph(child, self.document.part))
            elif child.tag == qn("w:tbl"):
                self._table(Table(child, self.document.part))
            elif child.tag == qn("w:sdt"):  # a content control: its content, in place
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self._block_items(content)

    def _paragraph_lines(self, paragraph) -> list[str]:
        prefix = self._list_prefix(paragraph)
        texts = paragraph.text.split("\n")
        # Text boxes (a header drawn in boxes): their paragraphs, once (Word also keeps a copy of
        # each in a fallback picture).
        for box in paragraph._p.xpath(
            ".//*[local-name()='txbxContent'][not(ancestor::*[local-name()='Fallback'])]"
            "//*[local-name()='p']"
        ):
            texts.append("".join(box.xpath(".//*[local-name()='t']/text()")))
        texts = [_clean(text) for text in texts]
        texts = [text for text in texts if text]
        if texts and prefix:
            texts[0] = prefix + texts[0]
        return texts

    def _has_picture(self, paragraph) -> bool:
        return bool(
            paragraph._p.xpath(
                ".//*[local-name()='drawing' or local-name()='pict' or local-name()='object']"
                "[not(.//*[local-name()='txbxContent'])]"
            )
        )

    def _paragraph(self, paragraph, sink=None):
        self.paragraph_number += 1
        number = self.paragraph_number
        texts = self._paragraph_lines(paragraph)
        if self._has_picture(paragraph):
            self.notes.append(
                ImportNote(
                    PICTURE,
                    _(
                        "A picture is not imported: a plan holds text only. Add it by hand to a "
                        "news item or campaign if it is needed."
                    ),
                    " ".join(texts),
                    paragraph=number,
                )
            )
        for text in texts:
            line = Line(text, number)
            if TITLE.match(text):
                self.title_seen = True
            (sink if sink is not None else self.lines).append(line)

    def _cells(self, table):
        """The table's cells, row by row, each merged cell once."""
        seen = set()
        rows = []
        for row in table.rows:
            cells = []
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                cells.append(cell)
            rows.append(cells)
        return rows

    def _cell_lines(self, cell) -> list[Line]:
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        qn = self.qn
        lines: list[Line] = []
        for child in cell._tc.iterchildren():
            if child.tag == qn("w:p"):
                self._paragraph(Paragraph(child, cell), sink=lines)
            elif child.tag == qn("w:tbl"):
                for row in self._cells(Table(child, cell)):
                    for inner in row:
                        lines.extend(self._cell_lines(inner))
        return lines

    def _table(self, table):
        rows = [[self._cell_lines(cell) for cell in row] for row in self._cells(table)]
        flat = [line for row in rows for cell in row for line in cell]
        if not flat:
            return
        layout = not self.title_seen or any(_is_layout_line(line.text) for line in flat)
        if layout:
            # The header or the signature block set out in columns: read cell by cell.
            self.lines.extend(flat)
            self.title_seen = self.title_seen or any(TITLE.match(line.text) for line in flat)
            return
        # Any other table: one paragraph per row, its cells joined by " | ", kept as they are.
        kept = []
        for row in rows:
            texts = [" ".join(line.text for line in cell) for cell in row]
            texts = [text for text in texts if text]
            if texts:
                first = next(line for cell in row for line in cell)
                kept.append(Line(" | ".join(texts), first.number, verbatim=True))
        self.lines.extend(kept)
        self.notes.append(
            ImportNote(
                TABLE,
                _("A table was kept as text, one paragraph per row, cells separated by “|”."),
                "\n".join(line.text for line in kept),
                paragraph=kept[0].number,
            )
        )


def _is_layout_line(text: str) -> bool:
    return bool(
        MOTTO.match(text)
        or MOTTO_LINE.match(text)
        or NUMBER.match(text)
        or DATE.match(text)
        or RECIPIENTS.match(text)
        or AUTHORITY.match(text)
        or re.match(r"^(PHÓ )?HIỆU TRƯỞNG$", text)
    )


def import_docx(file) -> ImportResult:
    """Read a plan from a Word document (a path, a binary file-like object or bytes)."""
    data = _read_bytes(file)
    if not data:
        raise PlanImportError(gettext_lazy("The file is empty."), code="empty")
    _check_zip(data)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, SyntaxError):
        raise _not_docx() from None
    except Exception as error:  # lxml's XMLSyntaxError and kin: a damaged part
        if type(error).__module__.startswith(("lxml", "docx")):
            raise _not_docx() from None
        raise
    lines, notes = _DocxReader(document).read()
    if not lines:
        raise PlanImportError(gettext_lazy("The document has no text."), code="empty")
    return _Parser(lines, notes, "paragraph").run()


def import_file(name: str, file) -> ImportResult:
    """Read an upload by its name's extension: ``.docx`` or ``.txt``."""
    suffix = Path(name or "").suffix.lower()
    if suffix == ".docx":
        return import_docx(file)
    if suffix == ".txt":
        return import_text(_decode(_read_bytes(file)))
    raise PlanImportError(
        gettext_lazy("Upload a Word document (.docx) or a text file (.txt)."), code="extension"
    )


# Creating the draft -------------------------------------------------------------------------------


def free_slug(parent, title: str) -> str:
    """A slug from the title that no sibling under ``parent`` uses yet."""
    base = slugify(title, allow_unicode=True)[:240].strip("-") or "ke-hoach"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def create_draft(parent, result: ImportResult, user=None, source_name: str = ""):
    """Create the plan as a draft (not live) under ``parent``, owned by ``user``, with a first
    revision by ``user``, and log it. All or nothing: a validation error (a document number used
    in the same year…) leaves nothing behind."""
    from wagtail.log_actions import log

    from plans.models import PlanPage

    page = PlanPage(
        **result.fields,
        slug=free_slug(parent, result.fields["title"]),
        live=False,
        has_unpublished_changes=True,
        owner=user,
    )
    # Required parts the file lacked (subject, signer's name…) stay empty in the draft, as the
    # admin's own "Save draft" allows; everything else is validated as on publishing: lengths,
    # the plan's own rules (PlanPage.clean: a number used in the same year…).
    empty = [
        field.name
        for field in PlanPage._meta.fields
        if not field.blank and _is_empty(getattr(page, field.attname))
    ]
    with transaction.atomic():
        parent.add_child(instance=page)  # a draft: Wagtail checks only its title and slug here
        page.full_clean(exclude=empty)
        revision = page.save_revision(user=user, log_action=False, clean=False)
        log(
            instance=page,
            action="wagtail.create",
            user=user,
            revision=revision,
            content_changed=True,
        )
        log(
            instance=page,
            action="plans.import",
            user=user,
            data={"file": source_name, "notes": len(result.report)},
        )
    return page


def _is_empty(value) -> bool:
    return value is None or (hasattr(value, "__len__") and len(value) == 0)


def outline(fields: dict) -> list[str]:
    """The plan as lines of text, numbered as the plan page numbers it: for the command's output."""
    lines = [
        fields["issuing_authority"],
        fields["issuer"],
        f"Số: {fields['document_number'] or '…'}/{fields['document_code']}",
        f"{fields['place']}, "
        + (fields["issued_on"].strftime("%d/%m/%Y") if fields["issued_on"] else "…")
        + f" ({fields['year']})",
        "KẾ HOẠCH",
        fields["subject"],
    ]
    lines += [text for _type, text in fields["legal_bases"]]
    if fields["preamble"]:
        lines.append(fields["preamble"])

    def content(children, indent):
        for block_type, value in children:
            if block_type == "bullets":
                lines.extend(f"{indent}- {bullet}" for bullet in value)
            else:
                lines.append(f"{indent}{value}")

    for index, (_type, section) in enumerate(fields["sections"], start=1):
        lines.append(f"{roman(index)}. {section['heading']}")
        number = 0
        for block_type, value in section["content"]:
            if block_type in ("item", "responsibility"):
                number += 1
                lines.append(f"  {number}. {value.get('title') or value.get('party')}")
                content(value.get("content", value.get("duties", [])), "    ")
            else:
                content([(block_type, value)], "  ")
    if fields["closing"]:
        lines.append(fields["closing"])
    lines.append("Nơi nhận:")
    lines += [f"- {text}" for _type, text in fields["recipients"]]
    lines += [
        fields["signature_authority"],
        fields["signer_title"],
        fields["signer_name"] or "…",
    ]
    return [line for line in lines if line]
