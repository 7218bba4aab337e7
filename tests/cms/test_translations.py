"""The interface in both languages: every string marked for translation in the templates and the
code is in the Vietnamese catalogue (translated, not fuzzy) and in the English one (msgstr =
msgid), and the compiled catalogues in the repository are those of the .po files.

The strings are found as ``makemessages`` finds them (Django's ``templatize`` for templates, the
same gettext keywords for Python), in pure Python: neither the test nor CI needs GNU gettext.
"""

import ast
import io
import tokenize
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.translation.template import templatize

BASE_DIR = Path(settings.BASE_DIR)
LANGUAGES = [code for code, _name in settings.LANGUAGES]
TEMPLATE_EXTENSIONS = {".html", ".txt"}

# The keywords makemessages gives xgettext (with xgettext's own for Python): the name, then the
# positions of the context, the singular and the plural among the arguments.
KEYWORDS = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}
SKIPPED_TOKENS = {
    tokenize.NL,
    tokenize.NEWLINE,
    tokenize.COMMENT,
    tokenize.INDENT,
    tokenize.DEDENT,
}


def catalogue_path(code):
    return BASE_DIR / "locale" / code / "LC_MESSAGES" / "django.po"


def catalogue(code):
    path = catalogue_path(code)
    # polib reads a path that does not exist as the text of a catalogue, and fails obscurely.
    assert path.exists(), f"{path.relative_to(BASE_DIR)} is missing: run `make messages`"
    return polib.pofile(str(path))


def _arguments(tokens, start):
    """The arguments of the call whose "(" is at ``start``: each a string when it is made of
    string literals only (as xgettext reads them), else None."""
    arguments, current, depth = [], [], 0
    for token in tokens[start + 1 :]:
        if token.type == tokenize.OP and token.string in "([{":
            depth += 1
        elif token.type == tokenize.OP and token.string in ")]}":
            if depth == 0:
                arguments.append(current)
                break
            depth -= 1
        elif depth == 0 and token.type == tokenize.OP and token.string == ",":
            arguments.append(current)
            current = []
            continue
        current.append(token)
    values = []
    for argument in arguments:
        if not argument or any(t.type != tokenize.STRING for t in argument):
            values.append(None)
            continue
        try:
            values.append("".join(ast.literal_eval(t.string) for t in argument))
        except (ValueError, SyntaxError, TypeError):  # f-strings, bytes: not extracted either
            values.append(None)
    return values


def messages_in_source(source):
    """The ``(context, singular, plural)`` messages of Python source (or of ``templatize``'s
    output), as xgettext extracts them: literal arguments of the gettext keywords."""
    tokens = [
        token
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type not in SKIPPED_TOKENS
    ]
    found = set()
    for index, token in enumerate(tokens[:-1]):
        if token.type != tokenize.NAME or token.string not in KEYWORDS:
            continue
        if tokens[index + 1].string != "(":
            continue
        context_at, singular_at, plural_at = KEYWORDS[token.string]
        arguments = _arguments(tokens, index + 1)

        def argument(position, arguments=arguments):
            if position is None:
                return None
            return arguments[position] if position < len(arguments) else None

        message = (argument(context_at), argument(singular_at), argument(plural_at))
        if message[1] is None or (context_at is not None and message[0] is None):
            continue
        if plural_at is not None and message[2] is None:
            continue
        found.add(message)
    return found


def messages_in_template(text, origin=None):
    """The messages of a Django template, through Django's own ``templatize``."""
    source = templatize(text, origin=origin)
    # templatize keeps the template's indentation, which means nothing to Python's tokenizer.
    return messages_in_source("\n".join(line.strip() for line in source.splitlines()))


def source_files():
    """The files makemessages reads for the project: the templates under the template
    directories and the project's own apps (their Python code and any templates)."""
    roots = [Path(directory) for directory in settings.TEMPLATES[0]["DIRS"]]
    # The project's apps are the packages at its top level (the virtualenv is inside it too).
    roots += [
        Path(config.path)
        for config in apps.get_app_configs()
        if Path(config.path).parent == BASE_DIR
    ]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in TEMPLATE_EXTENSIONS | {".py"} and "__pycache__" not in path.parts:
                yield path


def project_messages():
    """Every message of the project, each with the first file that uses it."""
    messages = {}
    for path in source_files():
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".py":
            found = messages_in_source(text)
        else:
            found = messages_in_template(text, origin=str(path))
        for message in found:
            messages.setdefault(message, path.relative_to(BASE_DIR))
    return messages


def _key(entry):
    return (entry.msgctxt or None, entry.msgid, entry.msgid_plural or None)


def problems(messages, code):
    """What is wrong with the ``code`` catalogue for ``messages``: missing, fuzzy or
    untranslated entries, and English translations that are not the English msgid."""
    po = catalogue(code)
    entries = {_key(entry): entry for entry in po if not entry.obsolete}
    found = []
    for message, where in sorted(messages.items(), key=lambda item: str(item[0])):
        context, singular, plural = message
        label = f"{singular!r} ({where})"
        entry = entries.get(message)
        if entry is None:
            found.append(f"missing: {label}")
        elif entry.fuzzy:
            found.append(f"fuzzy: {label}")
        elif not entry.translated():
            found.append(f"untranslated: {label}")
        elif code == "en":
            expected = {0: singular, 1: plural} if plural else singular
            actual = entry.msgstr_plural if plural else entry.msgstr
            if actual != expected:
                found.append(f"English differs from the msgid: {label}")
    return found


@pytest.fixture(scope="module")
def messages():
    found = project_messages()
    assert len(found) > 100, "the extraction found almost nothing: is it broken?"
    return found


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_string_is_in_the_catalogue(messages, code):
    found = problems(messages, code)
    assert not found, (
        f"locale/{code}/LC_MESSAGES/django.po: run `make messages`, translate, and run it again:\n"
        + "\n".join(found)
    )


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_catalogue_has_nothing_untranslated_or_fuzzy(code):
    po = catalogue(code)
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_compiled_catalogue_is_the_source_compiled(code):
    def compiled(entry):
        translated = tuple(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else None
        return (*_key(entry), translated or entry.msgstr)

    po = catalogue(code)
    mo = polib.mofile(str(catalogue_path(code).with_suffix(".mo")))
    source = {compiled(entry) for entry in po.translated_entries()}
    assert {compiled(entry) for entry in mo if entry.msgid} == source, (
        f"run `make messages` to compile locale/{code}/LC_MESSAGES/django.po"
    )


def test_the_check_finds_the_strings_of_every_kind_of_tag():
    template = """{% load i18n %}
        <p title="{% translate 'A title' %}">{% translate "A verb" context "button" %}</p>
        {% blocktranslate trimmed count counter=n %}
            {{ counter }} item
        {% plural %}
            {{ counter }} items
        {% endblocktranslate %}
        {% blocktranslate with name=user %}Hello {{ name }}{% endblocktranslate %}
        {% include "x.html" with label=_("A label") %}
        {{ value|default:_("Nothing") }}
    """
    assert messages_in_template(template) == {
        (None, "A title", None),
        ("button", "A verb", None),
        (None, "%(counter)s item", "%(counter)s items"),
        (None, "Hello %(name)s", None),
        (None, "A label", None),
        (None, "Nothing", None),
    }
    python = """
from django.utils.translation import gettext_lazy as _, ngettext, pgettext_lazy
label = _("A field" " in two parts")
plural = ngettext("%(n)s page", "%(n)s pages", n)
verb = pgettext_lazy("month", "May")
name = _(variable)
"""
    assert messages_in_source(python) == {
        (None, "A field in two parts", None),
        (None, "%(n)s page", "%(n)s pages"),
        ("month", "May", None),
    }


def test_a_string_nobody_translated_fails_the_check():
    messages = messages_in_template('{% load i18n %}{% translate "A string nobody translated" %}')
    for code in LANGUAGES:
        assert problems(dict.fromkeys(messages, "templates/new.html"), code) == [
            "missing: 'A string nobody translated' (templates/new.html)"
        ]


def test_the_site_speaks_vietnamese_by_default():
    with translation.override(settings.LANGUAGE_CODE):
        assert translation.gettext("Campaigns running now") == "Chiến dịch đang diễn ra"


def test_english_is_the_msgid_itself():
    with translation.override("en"):
        assert translation.gettext("Campaigns running now") == "Campaigns running now"


def test_the_admin_login_page_is_vietnamese(client, db):
    soup = BeautifulSoup(client.get("/admin/login/").content, "html.parser")
    # Required fields' labels end with an asterisk.
    labels = [label.get_text(strip=True).rstrip("*") for label in soup.find_all("label")]
    assert "Tên đăng nhập" in labels
    assert "Mật khẩu" in labels
    assert soup.html["lang"] == "vi"
