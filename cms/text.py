"""Vietnamese text helpers: Unicode normalisation and folding to ASCII.

Vietnamese arrives in NFC (most keyboards) or NFD (macOS, some Unikey settings); ``đ``/``Đ`` have no
Unicode decomposition, so stripping combining marks alone leaves them. anyascii maps every letter,
``đ`` included, to its plain ASCII form.
"""

import unicodedata

from anyascii import anyascii
from django.utils.text import slugify


def normalize(text: str) -> str:
    """Return ``text`` in NFC, the form the site stores and compares."""
    return unicodedata.normalize("NFC", text or "")


def fold(text: str) -> str:
    """Fold Vietnamese text to lower-case ASCII: ``Bình Đẳng`` -> ``binh dang``."""
    return anyascii(normalize(text)).lower()


def slugify_vi(text: str) -> str:
    """A readable ASCII slug from Vietnamese: ``Bình đẳng giới`` -> ``binh-dang-gioi``.

    Django's ``slugify`` drops ``đ`` (``binh-ang-gioi``) and keeps combining marks of NFD input
    only when ``allow_unicode`` is set; folding first avoids both.
    """
    return slugify(anyascii(normalize(text)))


_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def roman(number: int) -> str:
    """The Roman numeral official documents number their sections with: ``4`` -> ``IV``."""
    result = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        result.append(letters * count)
    return "".join(result)
