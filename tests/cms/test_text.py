"""Vietnamese text helpers: slugs and folded text readers and editors never see mangled."""

import unicodedata

import pytest

from cms.text import fold, normalize, roman, slugify_vi


def nfd(text):
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_slugify_vi_folds_vietnamese_to_ascii_in_either_normal_form(form):
    title = unicodedata.normalize(form, "Bình đẳng giới")

    assert slugify_vi(title) == "binh-dang-gioi"


def test_slugify_vi_keeps_d_with_stroke_that_django_slugify_drops():
    assert slugify_vi("Đoàn trường") == "doan-truong"
    assert slugify_vi(nfd("Đoàn trường")) == "doan-truong"


def test_slugify_vi_lowercases_capitals():
    assert slugify_vi("BÌNH ĐẲNG GIỚI") == "binh-dang-gioi"
    assert slugify_vi(nfd("BÌNH ĐẲNG GIỚI")) == "binh-dang-gioi"


@pytest.mark.parametrize("form", ["NFC", "NFD"])
@pytest.mark.parametrize("spelling", ["hoà", "hòa"])
def test_slugify_vi_treats_old_and_new_tone_placement_alike(spelling, form):
    # "hoà" (old style, mark on a) and "hòa" (new style, mark on o), precomposed or not.
    assert slugify_vi(unicodedata.normalize(form, spelling)) == "hoa"


def test_slugify_vi_turns_punctuation_and_spaces_into_single_hyphens():
    assert slugify_vi("  Ngày 20/10 — Phụ nữ Việt Nam!  ") == "ngay-2010-phu-nu-viet-nam"


def test_slugify_vi_of_nothing_is_empty():
    assert slugify_vi("") == ""
    assert slugify_vi("!!!") == ""


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_fold_gives_lowercase_ascii_with_spaces_kept(form):
    text = unicodedata.normalize(form, "Bình Đẳng Giới trong Trường học")

    assert fold(text) == "binh dang gioi trong truong hoc"


def test_fold_makes_nfc_and_nfd_input_equal():
    phrase = "Phòng, chống bạo lực trên cơ sở giới"

    assert fold(phrase) == fold(nfd(phrase)) == "phong, chong bao luc tren co so gioi"


def test_fold_of_none_is_empty():
    assert fold(None) == ""


def test_normalize_composes_nfd_input():
    assert normalize(nfd("Sóc Trăng")) == "Sóc Trăng"
    assert len(normalize(nfd("ẳ"))) == 1


@pytest.mark.parametrize(
    ("number", "numeral"),
    [(1, "I"), (2, "II"), (3, "III"), (4, "IV"), (5, "V"), (9, "IX"), (14, "XIV"), (40, "XL")],
)
def test_roman_numbers_plan_sections(number, numeral):
    assert roman(number) == numeral


def test_roman_of_a_year():
    assert roman(2026) == "MMXXVI"
