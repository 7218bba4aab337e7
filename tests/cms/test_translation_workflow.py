"""English translations through the same review as every page, driven through the admin as the
real roles: the Youth Union translates (wagtail-localize's screens, a PO file for outside
translators) and submits, the committee reviews, the vice principal approves and publishes. A
change to the Vietnamese page flags the translation, and nobody without publish rights makes a
translation live by any route."""

import polib
import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page, PageLogEntry
from wagtail_localize.models import LocaleSynchronization, Translation, TranslationSource

from cms.translation import OUTDATED_ACTION
from home.models import NewsPage

from ..admin_client import AdminUser
from ..factories import make_news, news_form_data

SLUG = "sinh-hoat-duoi-co"
TITLE = "Sinh hoạt dưới cờ về bình đẳng giới"
# What the outside translator writes for each Vietnamese string (by its context in the PO file).
ENGLISH = {
    "title": "Flag salute assembly on gender equality",
    "slug": "flag-salute-assembly",
    "summary": "The whole school held a flag salute assembly on preventing gender-based violence.",
}
ENGLISH_URL = "/en/tin-tuc/flag-salute-assembly/"


@pytest.fixture
def english(home_page):
    """The English locale, with the English home page live, as on the site once the home page's
    translation has been approved (``load_demo`` does it through the review). Without a live
    English home page Wagtail serves the Vietnamese tree under /en/."""
    locale = Locale.objects.get(language_code="en")
    english_home = home_page.copy_for_translation(locale)
    english_home.title = "Gender equality"
    english_home.save_revision().publish()
    return locale


@pytest.fixture
def source(news_index, youth_union_user):
    """A live Vietnamese news item, published by the review."""
    page = make_news(news_index, title=TITLE, slug=SLUG)
    page.save_revision(user=youth_union_user).publish()
    return NewsPage.objects.get(pk=page.pk)


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def english_of(page, english):
    return NewsPage.objects.get(translation_key=page.translation_key, locale=english)


def translate(user, page, english, **extra):
    """ "Translate this page" into English, as the form posts it."""
    url = reverse("wagtail_localize:submit_page_translation", args=(page.pk,))
    return user.client.post(url, {"locales": [english.pk], **extra})


def translation_for(page):
    return Translation.objects.get(source__object_id=page.translation_key, enabled=True)


def fill_po(text, strings=ENGLISH):
    """The outside translator's work: every string translated, the ones named in ``strings``
    with their English, the others with a marked copy."""
    po = polib.pofile(text)
    for entry in po:
        entry.msgstr = strings.get(entry.msgctxt, f"[EN] {entry.msgid}")
    return str(po)


def translate_by_po(user, page, strings=ENGLISH):
    """Download the PO file from the translation editor, fill it, upload it."""
    translation = translation_for(page)
    download = user.client.get(reverse("wagtail_localize:download_pofile", args=(translation.pk,)))
    assert download.status_code == 200
    upload = user.client.post(
        reverse("wagtail_localize:upload_pofile", args=(translation.pk,)),
        {
            "file": SimpleUploadedFile(
                "news-en.po", fill_po(download.content.decode(), strings).encode()
            ),
            "next": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        },
    )
    assert upload.status_code == 302
    return download


def submit_for_review(user, page):
    return user.client.post(reverse("cms_submit_translation", args=(page.pk,)))


def refused(response):
    """The admin answers a forbidden request with 403, or by sending the user back to the
    dashboard with an error message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def step(page):
    state = fresh(page).current_workflow_task_state
    return state.task.name if state and state.status == "in_progress" else None


@pytest.fixture
def translated(source, english, youth):
    """The English draft the Youth Union made and filled through a PO file."""
    assert translate(youth, source, english).status_code == 302
    page = english_of(source, english)
    translate_by_po(youth, page)
    return page


@pytest.mark.parametrize("translator", ["youth", "superuser"])
def test_translating_a_live_page_makes_an_english_draft(
    translator, source, english, request, client, django_capture_on_commit_callbacks
):
    # A site administrator, who may publish, gets a draft too.
    user = request.getfixturevalue(translator)
    user = user if isinstance(user, AdminUser) else AdminUser(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = translate(user, source, english)

    page = english_of(source, english)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert not page.live
    assert client.get(f"/en/tin-tuc/{page.slug}/").status_code == 404


def test_a_missing_english_parent_is_made_as_a_draft_to_translate_not_a_live_alias(
    source, english, youth, client
):
    # The English tree has a home page but no news list: Wagtail would copy the Vietnamese list
    # there as a live alias, Vietnamese content public at /en/tin-tuc/ without review.
    response = translate(youth, source, english)
    page = english_of(source, english)
    parent = page.get_parent().specific
    assert parent.locale == english
    assert parent.translation_key == source.get_parent().translation_key
    assert parent.alias_of_id is None
    assert not parent.live and parent.has_unpublished_changes
    assert client.get("/en/tin-tuc/").status_code == 404
    # It opens in the translation editor, and the translator is told about it.
    assert translation_for(source.get_parent()).target_locale == english
    messages = [str(message) for message in response.wsgi_request._messages]
    assert any("“Tin tức” chưa có bản" in message and "bản nháp" in message for message in messages)
    editor = youth.client.get(reverse("wagtailadmin_pages:edit", args=(parent.pk,)))
    assert editor.status_code == 200
    assert "js-translation-editor" in editor.content.decode()
    assert "wagtail.convert_alias" in PageLogEntry.objects.filter(page=parent).values_list(
        "action", flat=True
    )


def test_a_locale_synchronised_from_vietnamese_gets_drafts_not_live_aliases(
    source, english, plan_page, client
):
    # What a site administrator's "Synchronise content from Vietnamese" on the English locale
    # does (wagtail-localize copies every untranslated page as an alias).
    LocaleSynchronization.objects.create(
        locale=english, sync_from=Locale.objects.get(language_code="vi")
    )
    copies = Page.objects.filter(locale=english, depth__gt=2)
    assert copies.count() == Page.objects.filter(locale__language_code="vi", depth__gt=2).count()
    assert not copies.filter(live=True).exists()
    assert not copies.filter(alias_of__isnull=False).exists()
    assert client.get("/en/tin-tuc/").status_code == 404
    assert client.get(f"/en/tin-tuc/{SLUG}/").status_code == 404


def test_an_english_page_below_a_draft_parent_goes_live_through_review_alone(
    translated, youth, committee, vice_principal, client
):
    approve_through_review(translated, youth, committee, vice_principal)
    assert client.get(ENGLISH_URL).status_code == 200
    assert client.get("/en/tin-tuc/").status_code == 404  # the list waits for its own review


def test_submit_committee_vice_principal_then_live_at_en(
    translated, youth, committee, vice_principal, client
):
    assert not fresh(translated).live
    response = submit_for_review(youth, translated)
    assert response.status_code == 302
    assert step(translated) == "Ban Vì sự tiến bộ phụ nữ duyệt"
    assert not fresh(translated).live

    assert committee.approve(translated).status_code == 302
    assert step(translated) == "Phó Hiệu trưởng phê duyệt"
    assert not fresh(translated).live

    assert vice_principal.approve(translated).status_code == 302
    page = fresh(translated)
    assert page.live
    assert page.title == ENGLISH["title"]
    response = client.get(ENGLISH_URL)
    assert response.status_code == 200
    assert ENGLISH["summary"] in response.content.decode()
    # The Vietnamese page is where it was, unchanged.
    assert client.get(f"/tin-tuc/{SLUG}/").status_code == 200


def approve_through_review(page, youth, committee, vice_principal):
    assert submit_for_review(youth, page).status_code == 302
    assert committee.approve(page).status_code == 302
    assert vice_principal.approve(page).status_code == 302
    assert fresh(page).live


@pytest.fixture
def world(source, english, news_index, youth, committee, vice_principal):
    """A live English translation (approved through the review) and an English draft of a second
    news item, translated but not submitted."""
    assert translate(youth, source, english).status_code == 302
    live = english_of(source, english)
    translate_by_po(youth, live)
    approve_through_review(live, youth, committee, vice_principal)

    second = make_news(news_index, title="Hội thi tìm hiểu Luật Bình đẳng giới", slug="hoi-thi")
    second.save_revision().publish()
    assert translate(youth, second, english).status_code == 302
    draft = english_of(second, english)
    translate_by_po(youth, draft, strings={"slug": "contest"})
    return {"source": source, "second": second, "live": live, "draft": draft}


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


# Every route by which a translation could go live, or its live content change, without review.
# Each posts what the admin's own screen would post.
def translation_editor_publish(client, w):
    client.post(edit_url(w["draft"]), {"action": "publish"})


def edit_form_publish(client, w):
    # The page's own edit form: wagtail-localize answers it with the translation editor.
    client.post(
        edit_url(w["draft"]), {"title": "Contest", "slug": "contest", "action-publish": "1"}
    )


def sync_and_publish(client, w):
    w["second"].title = "Hội thi tìm hiểu Luật Bình đẳng giới (sửa)"
    w["second"].save_revision().publish()
    source = TranslationSource.objects.get(object_id=w["second"].translation_key)
    url = reverse("wagtail_localize:update_translations", args=(source.pk,))
    client.post(url, {"publish_translations": "on"})


def convert_to_alias(client, w):
    client.post(reverse("wagtail_localize:convert_to_alias", args=(w["draft"].pk,)))


def convert_live_to_alias(client, w):
    client.post(reverse("wagtail_localize:convert_to_alias", args=(w["live"].pk,)))


def translate_subtree(client, w):
    # Translating the news list with its subtree would rewrite the live English news item, with
    # the Vietnamese of a change not translated yet.
    w["source"].summary = "Tóm tắt mới của bản tiếng Việt."
    w["source"].save_revision().publish()
    TranslationSource.objects.get(object_id=w["source"].translation_key).update_from_db()
    url = reverse("wagtail_localize:submit_page_translation", args=(w["source"].get_parent().pk,))
    english = Locale.objects.get(language_code="en")
    client.post(url, {"locales": [english.pk], "include_subtree": "on"})


def copy_and_publish(client, w):
    client.post(
        reverse("wagtailadmin_pages:copy", args=(w["live"].pk,)),
        {
            "new_title": "Copy",
            "new_slug": "copy",
            "new_parent_page": w["live"].get_parent().pk,
            "publish_copies": "on",
        },
    )


def revert_and_publish(client, w):
    first = fresh(w["draft"]).revisions.order_by("created_at").first()
    url = reverse("wagtailadmin_pages:revisions_revert", args=(w["draft"].pk, first.pk))
    client.post(url, {"title": "Contest", "slug": "contest", "action-publish": "1"})


def bulk_publish(client, w):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    client.post(f"{url}?id={w['draft'].pk}")


def api_publish(client, w):
    client.post(f"/admin/api/main/pages/{w['draft'].pk}/action/publish/")


def machine_translate(client, w):
    translation = translation_for(w["second"])
    client.post(reverse("wagtail_localize:machine_translate", args=(translation.pk,)))


ROUTES = [
    translation_editor_publish,
    edit_form_publish,
    sync_and_publish,
    convert_to_alias,
    convert_live_to_alias,
    translate_subtree,
    copy_and_publish,
    revert_and_publish,
    bulk_publish,
    api_publish,
    machine_translate,
]


def public_state(w):
    """What the public sees: which pages are live, and the live English item's content."""
    live = fresh(w["live"])
    return (
        set(Page.objects.filter(live=True).values_list("pk", flat=True)),
        live.live_revision_id,
        live.title,
        live.summary,
        live.alias_of_id,
    )


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.__name__)
@pytest.mark.parametrize("role", ["youth", "committee", "vice_principal"])
def test_nobody_without_publish_rights_makes_a_translation_live(
    role, route, world, request, django_capture_on_commit_callbacks
):
    user = request.getfixturevalue(role)
    before = public_state(world)

    with django_capture_on_commit_callbacks(execute=True):
        route(user.client, world)

    assert public_state(world) == before
    assert not fresh(world["draft"]).live


# The requests above are well-formed: a site administrator, who may publish without review, gets
# each of them done. Some routes are closed for everyone: wagtail-localize answers the page's own
# edit and revert forms with its translation editor, translating a subtree never rewrites a live
# translation, and there is no machine translator.
CLOSED_TO_ALL = {edit_form_publish, revert_and_publish, translate_subtree, machine_translate}


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.__name__)
def test_a_site_administrator_can_take_each_open_route(
    route, world, superuser, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(superuser)
    before = public_state(world)

    with django_capture_on_commit_callbacks(execute=True):
        route(client, world)

    assert (public_state(world) != before) == (route not in CLOSED_TO_ALL)


# Outside translators: a PO file per page ---------------------------------------------------------


def test_the_youth_union_translates_through_a_po_file_without_publishing(
    source, english, youth, client
):
    translate(youth, source, english)
    page = english_of(source, english)
    revisions_before = page.revisions.count()
    editor = youth.client.get(edit_url(page))  # wagtail-localize's translation editor
    assert editor.status_code == 200
    assert reverse("wagtail_localize:download_pofile", args=(translation_for(page).pk,)) in (
        editor.content.decode()
    )

    download = translate_by_po(youth, page)

    po = polib.pofile(download.content.decode())
    assert {entry.msgctxt: entry.msgid for entry in po}["title"] == TITLE
    assert translation_for(page).get_progress() == (len(po), len(po))  # all imported
    page = fresh(page)
    assert not page.live
    assert page.revisions.count() == revisions_before
    assert client.get(ENGLISH_URL).status_code == 404


def test_a_po_file_made_for_another_translation_is_refused(source, english, news_index, youth):
    translate(youth, source, english)
    other = make_news(news_index, title="Tin khác", slug="tin-khac")
    other.save_revision().publish()
    translate(youth, other, english)
    wrong = youth.client.get(
        reverse("wagtail_localize:download_pofile", args=(translation_for(other).pk,))
    )
    translation = translation_for(source)
    youth.client.post(
        reverse("wagtail_localize:upload_pofile", args=(translation.pk,)),
        {"file": SimpleUploadedFile("x.po", fill_po(wrong.content.decode()).encode())},
    )
    assert translation.get_progress()[1] == 0


def test_there_is_no_machine_translation(translated, youth):
    url = reverse("wagtail_localize:machine_translate", args=(translation_for(translated).pk,))
    assert youth.client.post(url).status_code == 404


# Submitting ------------------------------------------------------------------------------------


def buttons(user, page):
    response = user.client.get(reverse("wagtailadmin_explore", args=(page.get_parent().pk,)))
    assert response.status_code == 200
    return response.content.decode()


def test_the_submit_button_is_offered_to_the_youth_union_only(translated, youth, committee):
    url = reverse("cms_submit_translation", args=(translated.pk,))
    assert url in buttons(youth, translated)
    assert refused(committee.client.get(url))
    confirm = youth.client.get(url)
    assert confirm.status_code == 200
    assert BeautifulSoup(confirm.content, "html.parser").select("#submit-translation form")


def review_link(user, page):
    """The "Submit translation for review" link above the translation editor, if shown."""
    response = user.client.get(edit_url(page))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".js-translation-editor") is not None
    link = soup.select_one("#translation-review a")
    return link["href"] if link else None


def test_the_translation_editor_leads_to_the_review(translated, youth, committee):
    submit_url = reverse("cms_submit_translation", args=(translated.pk,))
    assert review_link(youth, translated) == submit_url
    submit_for_review(youth, translated)
    # In review: the committee reviews in the same editor, and nobody can submit it again.
    assert review_link(committee, translated) is None
    assert review_link(youth, translated) is None


def test_a_translation_in_review_cannot_be_submitted_again(translated, youth):
    submit_for_review(youth, translated)
    revision = fresh(translated).latest_revision_id
    assert refused(submit_for_review(youth, translated))
    assert fresh(translated).latest_revision_id == revision


def test_the_committee_reviews_in_the_translation_editor_and_sends_it_back(
    translated, youth, committee, vice_principal
):
    submit_for_review(youth, translated)
    assert committee.client.get(edit_url(translated)).status_code == 200
    committee.request_changes(translated, comment="Dịch lại tiêu đề.")
    assert fresh(translated).current_workflow_state.status == "needs_changes"

    # The Youth Union fixes the translation and submits again: the review starts over.
    translate_by_po(youth, translated, strings={**ENGLISH, "title": "Flag salute on equality"})
    assert submit_for_review(youth, translated).status_code == 302
    assert step(translated) == "Ban Vì sự tiến bộ phụ nữ duyệt"
    committee.approve(translated)
    vice_principal.approve(translated)
    assert fresh(translated).title == "Flag salute on equality"


def test_nobody_approves_their_own_translation(translated, youth_union_user, committee_user):
    youth_union_user.groups.add(committee_user.groups.first())
    author = AdminUser(youth_union_user)
    submit_for_review(author, translated)
    author.approve(translated)
    assert step(translated) == "Ban Vì sự tiến bộ phụ nữ duyệt"


# Out of date -----------------------------------------------------------------------------------


def dashboard_panel(user):
    soup = BeautifulSoup(user.client.get("/admin/").content, "html.parser")
    panel = soup.find(id="outdated-translations-section")
    return panel.get_text(" ", strip=True) if panel else ""


def publish_source_change(youth, committee, vice_principal, source):
    """The Vietnamese page changed, reviewed and published."""
    data = news_form_data(TITLE, SLUG, summary="Tóm tắt mới của bản tiếng Việt.")
    assert youth.submit(source, data).status_code == 302
    committee.approve(source)
    vice_principal.approve(source)
    assert fresh(source).summary == "Tóm tắt mới của bản tiếng Việt."


def sync(user, source):
    source = TranslationSource.objects.get(object_id=source.translation_key)
    url = reverse("wagtail_localize:update_translations", args=(source.pk,))
    return user.client.post(url, {})


def test_a_change_to_the_vietnamese_page_flags_the_translation_until_approved_again(
    translated, source, youth, committee, vice_principal, client
):
    approve_through_review(translated, youth, committee, vice_principal)
    assert dashboard_panel(youth) == ""
    assert not PageLogEntry.objects.filter(page=translated, action=OUTDATED_ACTION).exists()

    publish_source_change(youth, committee, vice_principal, source)

    entry = PageLogEntry.objects.get(page=translated, action=OUTDATED_ACTION)
    assert entry.user == youth.user  # who changed the Vietnamese page
    history = youth.client.get(reverse("wagtailadmin_pages:history", args=(translated.pk,)))
    assert entry.label in history.content.decode()
    for user in (youth, committee, vice_principal):
        assert ENGLISH["title"] in dashboard_panel(user)

    # Synced (without publishing), the translation still waits for its review.
    assert sync(youth, source).status_code == 302
    assert ENGLISH["title"] in dashboard_panel(youth)
    assert client.get(ENGLISH_URL).status_code == 200
    assert "Tóm tắt mới" not in client.get(ENGLISH_URL).content.decode()

    translate_by_po(youth, translated, strings={**ENGLISH, "summary": "A new English summary."})
    approve_through_review(translated, youth, committee, vice_principal)
    assert dashboard_panel(youth) == ""
    assert "A new English summary." in client.get(ENGLISH_URL).content.decode()


def test_approving_the_translation_again_without_syncing_leaves_the_flag(
    translated, source, youth, committee, vice_principal
):
    approve_through_review(translated, youth, committee, vice_principal)
    publish_source_change(youth, committee, vice_principal, source)
    approve_through_review(translated, youth, committee, vice_principal)
    assert ENGLISH["title"] in dashboard_panel(committee)


def test_a_new_translation_is_not_out_of_date(translated, youth):
    assert dashboard_panel(youth) == ""


def test_sync_offers_publishing_only_to_those_who_may_publish(translated, source, youth, superuser):
    source_id = TranslationSource.objects.get(object_id=source.translation_key).pk
    url = reverse("wagtail_localize:update_translations", args=(source_id,))
    for user, offered in ((youth, False), (AdminUser(superuser), True)):
        soup = BeautifulSoup(user.client.get(url).content, "html.parser")
        checkbox = soup.select_one('input[type="checkbox"][name="publish_translations"]')
        assert (checkbox is not None) == offered


def test_translating_a_page_shown_in_english_as_an_alias_changes_nothing_public(
    source, english, youth, client
):
    # An English alias of the Vietnamese news list, as a site administrator may have made it
    # ("Convert to alias page") or as it stood before translations went through the review.
    vietnamese_index = source.get_parent()
    english_home = Page.objects.get(depth=2, locale=english)
    index = vietnamese_index.create_alias(
        parent=english_home, update_locale=english, reset_translation_key=False
    )
    assert index.alias_of_id is not None and index.live
    before = client.get("/en/tin-tuc/").status_code

    assert translate(youth, source.get_parent(), english).status_code == 302

    index = fresh(index)
    assert index.alias_of_id is None  # now a translation of its own, to translate and review
    assert index.live and index.title == "Tin tức"
    assert client.get("/en/tin-tuc/").status_code == before
    assert translation_for(source.get_parent()).enabled
