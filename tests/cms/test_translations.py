"""The Vietnamese catalogue is complete and its compiled form is the one in the repository."""

from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_every_string_has_a_vietnamese_translation():
    po = polib.pofile(str(CATALOGUE))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


def test_the_compiled_catalogue_matches_the_source():
    po = polib.pofile(str(CATALOGUE))
    mo = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    compiled = {(entry.msgid, entry.msgstr) for entry in mo if entry.msgid}
    source = {
        (entry.msgid, entry.msgstr) for entry in po.translated_entries() if not entry.msgid_plural
    }
    assert source <= compiled, "run `make messages` to compile locale/vi/LC_MESSAGES/django.po"


def test_the_site_speaks_vietnamese_by_default():
    with translation.override(settings.LANGUAGE_CODE):
        assert translation.gettext("Campaigns running now") == "Chiến dịch đang diễn ra"


def test_the_admin_login_page_is_vietnamese(client, db):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get("/admin/login/").content, "html.parser")
    # Required fields' labels end with an asterisk.
    labels = [label.get_text(strip=True).rstrip("*") for label in soup.find_all("label")]
    assert "Tên đăng nhập" in labels
    assert "Mật khẩu" in labels
    assert soup.html["lang"] == "vi"
