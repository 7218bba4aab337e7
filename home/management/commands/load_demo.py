"""``python manage.py load_demo``: build the demo site from the school's real 2026 plan.

Idempotent: pages, images and accounts that already exist are left as they are (editors may have
changed them), and only what is missing is created and published.

After the Vietnamese pages, the English ones (home/demo/english.py: the home page, the three
sections, the 2026 plan, two campaigns and a news item of each) are made the way an editor
makes them: a wagtail-localize translation of each page, parents first, saved as a draft by the
Youth Union account, then submitted to the review workflow by that account, approved by the
committee's and published by the vice principal's approval. With ``--without-users`` (no demo
accounts, as on a production first install) the English pages are left as drafts, unreviewed, for
the school's own editors to submit: nothing goes live in English without both approvals.
"""

import io
import json
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale, Site, WorkflowState
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    Translation,
    TranslationSource,
)

from campaigns.models import CampaignIndexPage, CampaignPage
from cms.models import SchoolSettings
from cms.seo import apply_public_url
from home.demo import campaigns_news, english, plan_2026
from home.models import HomePage, NewsIndexPage, NewsPage
from plans.models import PlanIndexPage, PlanPage

# username, group, display name
DEMO_USERS = [
    ("doantruong", "BCH Đoàn trường", "Bí thư Đoàn trường"),
    ("banvstbpn", "Ban Vì sự tiến bộ phụ nữ", "Trưởng Ban Vì sự tiến bộ phụ nữ"),
    ("phohieutruong", "Phó Hiệu trưởng", "Phó Hiệu trưởng"),
]
ADMIN_USERNAME = "admin"


def get_or_create_child(parent, model, slug, **fields):
    """The live child page of ``parent`` with this slug, created and published when missing."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is not None:
        return page, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


class Command(BaseCommand):
    help = (
        "Load the demo site: the 2026 plan, its campaigns, news and one account per role, and "
        "the English translation of the home page, sections, plan and two campaigns, reviewed "
        "through the workflow by the demo accounts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--without-users",
            action="store_true",
            help=(
                "Load the content only, without the demo accounts (allowed in production); the "
                "English pages are then left as drafts for the school's editors to submit."
            ),
        )

    def handle(self, *args, without_users=False, **options):
        if not without_users and not settings.DEMO_USERS_ALLOWED:
            raise CommandError(
                _(
                    "Demo accounts cannot be created with production settings. "
                    "Use --without-users to load the content only."
                )
            )
        self.created = []
        with transaction.atomic():
            home = self.load_home()
            images = self.load_images()
            plan = self.load_plan(home)
            campaigns = self.load_campaigns(home, plan, images)
            self.load_news(home, campaigns, images)
        if not without_users:
            self.load_users()
        self.load_english(home, reviewers=None if without_users else self.demo_reviewers())
        if self.created:
            self.stdout.write(_("Created: %(items)s") % {"items": ", ".join(self.created)})
        else:
            self.stdout.write(_("The demo content is already there: nothing to do."))

    def load_home(self):
        # Full URLs (sitemap, canonical links, link previews) name the address in PUBLIC_URL.
        if apply_public_url() is not None:
            self.created.append(settings.PUBLIC_URL)
        site = Site.objects.get(is_default_site=True)
        home = site.root_page.specific
        if not isinstance(home, HomePage):
            raise CommandError(_("The default site's root page is not a home page."))
        if not home.intro:
            home.intro = (
                "<p>Trang thông tin về công tác vì sự tiến bộ phụ nữ và bình đẳng giới của "
                "Trường THPT Sóc Trăng: kế hoạch của nhà trường, các chiến dịch theo từng "
                "ngày kỷ niệm và tin hoạt động của học sinh, giáo viên.</p>"
            )
            home.save_revision().publish()
            self.created.append(home.title)
        school = SchoolSettings.for_site(site)
        if not school.address:
            school.address = "Mỹ Xuyên, thành phố Cần Thơ"
            school.save()
        return home

    def load_images(self):
        Image = get_image_model()
        images = {}
        for name, (title, alt, colours) in campaigns_news.IMAGES.items():
            image = Image.objects.filter(title=title).first()
            if image is None:
                image = Image(title=title, description=alt)
                image.file = ImageFile(_draw(colours), name=f"{name}.png")
                image.save()
                self.created.append(title)
            elif not image.description:
                # Images from before alternative text was required get theirs (cms/images.py).
                image.description = alt
                image.save(update_fields=["description"])
                self.created.append(title)
            images[name] = image
        return images

    def load_plan(self, home):
        index, created = get_or_create_child(
            home,
            PlanIndexPage,
            slug="ke-hoach",
            show_in_menus=True,
            title="Kế hoạch",
            intro="<p>Các kế hoạch của nhà trường về công tác vì sự tiến bộ phụ nữ và bình "
            "đẳng giới.</p>",
        )
        if created:
            self.created.append(index.title)
        plan, created = get_or_create_child(
            index,
            PlanPage,
            slug=plan_2026.SLUG,
            **plan_2026.HEADER,
            legal_bases=[("basis", text) for text in plan_2026.LEGAL_BASES],
            preamble=plan_2026.PREAMBLE,
            sections=[("section", section) for section in plan_2026.SECTIONS],
            closing=plan_2026.CLOSING,
            recipients=[("recipient", name) for name in plan_2026.RECIPIENTS],
            **plan_2026.SIGNATURE,
        )
        if created:
            self.created.append(plan.title)
        return PlanPage.objects.get(pk=plan.pk)  # block ids are assigned on save

    def load_campaigns(self, home, plan, images):
        index, created = get_or_create_child(
            home,
            CampaignIndexPage,
            slug="chien-dich",
            show_in_menus=True,
            title="Chiến dịch",
            intro="<p>Các chiến dịch hưởng ứng những ngày kỷ niệm trong năm, thực hiện kế hoạch "
            "của nhà trường.</p>",
        )
        if created:
            self.created.append(index.title)
        items = {item.reference: item.block_id for item in plan.get_items()}
        campaigns = {}
        for data in campaigns_news.CAMPAIGNS:
            page, created = get_or_create_child(
                index,
                CampaignPage,
                slug=data["slug"],
                title=data["title"],
                observance=data["observance"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                plan=plan,
                plan_item=items[data["plan_item"]],
                summary=data["summary"],
                listing_image=images[data["image"]],
                # Optional texts empty rather than missing, as the admin saves them (a missing
                # one is None, which wagtail-localize cannot extract for translation).
                activities=[
                    (
                        "activity",
                        {
                            "date": date,
                            "time": None,
                            "title": title,
                            "place": place,
                            "audience": audience,
                            "description": "",
                        },
                    )
                    for date, title, place, audience in data["activities"]
                ],
                body=[("paragraph", f"<p>{data['body']}</p>")],
                gallery=[
                    (
                        "image",
                        {
                            "image": {
                                "image": images[data["image"]],
                                "alt_text": "",
                                "decorative": False,
                            },
                            "caption": "",
                        },
                    )
                ],
            )
            if created:
                self.created.append(page.title)
            campaigns[data["slug"]] = page
        return campaigns

    def load_news(self, home, campaigns, images):
        index, created = get_or_create_child(
            home,
            NewsIndexPage,
            slug="tin-tuc",
            show_in_menus=True,
            title="Tin tức",
            intro="<p>Tin hoạt động vì sự tiến bộ phụ nữ và bình đẳng giới của nhà trường.</p>",
        )
        if created:
            self.created.append(index.title)
        for data in campaigns_news.NEWS:
            if NewsPage.objects.child_of(index).filter(slug=data["slug"]).exists():
                continue
            page = NewsPage(
                slug=data["slug"],
                title=data["title"],
                date=data["date"],
                summary=data["summary"],
                image=images[data["image"]],
                related_campaign=campaigns[data["campaign"]],
                body=[("paragraph", f"<p>{data['body']}</p>")],
            )
            page.tags.add(*data["tags"])
            index.add_child(instance=page)
            page.save_revision().publish()
            self.created.append(page.title)

    def load_users(self):
        User = get_user_model()
        password = settings.DEMO_PASSWORD
        generated = None
        accounts = [(name, group, display) for name, group, display in DEMO_USERS]
        accounts.append((ADMIN_USERNAME, None, "Quản trị hệ thống"))
        for username, group_name, display_name in accounts:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"first_name": display_name, "email": f"{username}@example.com"},
            )
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            else:
                user.is_staff = user.is_superuser = True
            if created and not password:
                generated = generated or secrets.token_urlsafe(12)
            if password or created:
                user.set_password(password or generated)
            user.save()
            if created:
                self.created.append(username)
        if generated:
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "DEMO_PASSWORD is not set: the new demo accounts have this password, "
                        "shown only this once:"
                    )
                )
            )
            self.stdout.write(f"    {generated}")

    # English ------------------------------------------------------------------------------------

    def demo_reviewers(self):
        """The demo accounts of the three roles, in the workflow's order: who submits, who
        approves the first step, who approves the final one."""
        User = get_user_model()
        return [User.objects.get(username=username) for username, _group, _name in DEMO_USERS]

    def english_sources(self, home):
        """The Vietnamese pages to translate, parents first (missing ones left out)."""
        pages = [home]
        indexes = {}
        for model in (PlanIndexPage, CampaignIndexPage, NewsIndexPage):
            indexes[model] = model.objects.child_of(home).first()
            pages.append(indexes[model])
        if indexes[PlanIndexPage] is not None:
            pages.append(
                PlanPage.objects.child_of(indexes[PlanIndexPage])
                .filter(slug=plan_2026.SLUG)
                .first()
            )
        if indexes[CampaignIndexPage] is not None:
            campaigns = CampaignPage.objects.child_of(indexes[CampaignIndexPage])
            pages += [campaigns.filter(slug=slug).first() for slug in english.CAMPAIGNS]
        if indexes[NewsIndexPage] is not None:
            news = NewsPage.objects.child_of(indexes[NewsIndexPage])
            pages += [news.filter(slug=slug).first() for slug in english.NEWS]
        return [page for page in pages if page is not None]

    def load_english(self, home, reviewers):
        """Translate the demo pages into English and put each translation through the review,
        unless it exists already; ``reviewers`` None leaves new translations as drafts."""
        locale = Locale.objects.filter(language_code="en").first()
        if locale is None:  # English switched off on this site
            return
        submitter = reviewers[0] if reviewers else None
        skipped = set()
        for page in self.english_sources(home):
            if page.get_parent().pk in skipped:
                skipped.add(page.pk)
                continue
            with transaction.atomic():
                translated = page.get_translation_or_none(locale)
                changed = translated is None
                if changed:
                    translated = self.translate(page, locale, submitter)
                    if translated is None:
                        skipped.add(page.pk)
                        continue
                translated = translated.specific
                if reviewers and self.never_reviewed(translated):
                    self.review(translated, *reviewers)
                    changed = True
                if changed:
                    self.created.append(f"{translated.title} (en)")

    def translate(self, page, locale, user):
        """Make the English draft of ``page`` with wagtail-localize from the strings of
        ``english.STRINGS``; None, with a warning, when one of the page's texts has no English."""
        try:
            source, _created = TranslationSource.update_or_create_from_instance(page)
        except TypeError as error:  # a block text left None, which the admin never saves
            self.stderr.write(
                self.style.WARNING(
                    _("“%(title)s” cannot be translated: %(error)s")
                    % {"title": page.title, "error": error}
                )
            )
            return None
        po = source.export_po()
        missing = []
        for entry in po:
            if not entry.msgid.strip():
                continue  # an empty optional text: nothing to translate
            entry.msgstr = english.translate(entry.msgid, entry.msgctxt) or ""
            if not entry.msgstr:
                missing.append(entry.msgid)
        if missing:
            self.stderr.write(
                self.style.WARNING(
                    _("No English for these texts of “%(title)s”, left untranslated: %(texts)s")
                    % {"title": page.title, "texts": "; ".join(missing)}
                )
            )
            return None
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale
        )
        translation.import_po(po, user=user)
        untranslated = (
            StringSegment.objects.filter(source=source)
            .exclude(string__data__regex=r"^\s*$")
            .annotate_translation(locale)
            .filter(translation__isnull=True)
        )
        if untranslated.exists():  # import_po skips what it cannot place: never save those
            raise CommandError(f"{page.title}: {untranslated.count()} texts were not imported.")
        self.link_translated_pages(page, source, locale, user)
        translation.save_target(user=user, publish=False)
        return page.get_translation(locale)

    @staticmethod
    def link_translated_pages(page, source, locale, user):
        """Point the translation's links to other pages (``english.LINKED_PAGES``: a campaign's
        plan) at those pages' English translations, as an editor does in wagtail-localize's
        editor by overriding the synchronised field; without a translation the link stays."""
        segments = OverridableSegment.objects.filter(
            source=source, context__path__in=english.LINKED_PAGES
        ).select_related("context")
        for segment in segments:
            linked = getattr(page.specific, segment.context.path)
            translated = linked.get_translation_or_none(locale) if linked else None
            if translated is not None:
                SegmentOverride.objects.update_or_create(
                    locale=locale,
                    context=segment.context,
                    defaults={"data_json": json.dumps(translated.pk), "last_translated_by": user},
                )

    @staticmethod
    def never_reviewed(page):
        """Whether ``page`` is a draft that was never submitted to the workflow."""
        return not page.live and not WorkflowState.objects.for_instance(page).exists()

    def review(self, page, submitter, committee, vice_principal):
        """Submit ``page`` to its workflow as the Youth Union, approve its first step as the
        committee and its final step as the vice principal, as the admin does; the final
        approval publishes the page (``cms.workflow.publish_approved``)."""
        workflow = page.get_workflow()
        if workflow is None:
            raise CommandError(f"{page.title}: no review workflow applies to this page.")
        state = workflow.start(page, submitter)
        for reviewer, comment in (
            (committee, english.COMMITTEE_COMMENT),
            (vice_principal, ""),
        ):
            state.refresh_from_db()
            task_state = state.current_task_state
            task = task_state.task.specific
            data = {"comment": comment}
            if getattr(task, "is_final", False):
                data["go_live_at"] = None
            task.on_action(task_state, reviewer, "approve", **data)
        state.refresh_from_db()
        if state.status != WorkflowState.STATUS_APPROVED:
            raise CommandError(f"{page.title}: the review did not finish ({state.status}).")


def _draw(colours):
    """A simple 1200 × 675 picture in two colours, so the demo needs no file from elsewhere."""
    dark, light = colours
    picture = PILImage.new("RGB", (1200, 675), light)
    draw = ImageDraw.Draw(picture)
    for index in range(6):
        radius = 90 + index * 70
        draw.ellipse(
            (900 - radius, 340 - radius, 900 + radius, 340 + radius),
            outline=dark,
            width=14,
        )
    draw.rectangle((0, 560, 1200, 675), fill=dark)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    buffer.seek(0)
    return buffer
