"""``python manage.py load_demo``: build the demo site from the school's real 2026 plan.

Idempotent: pages, images and accounts that already exist are left as they are (editors may have
changed them), and only what is missing is created and published.
"""

import io
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
from wagtail.models import Site

from campaigns.models import CampaignIndexPage, CampaignPage
from cms.models import SchoolSettings
from home.demo import campaigns_news, plan_2026
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
    help = "Load the demo site: the 2026 plan, its campaigns, news and one account per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--without-users",
            action="store_true",
            help="Load the content only, without the demo accounts (allowed in production).",
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
        if self.created:
            self.stdout.write(_("Created: %(items)s") % {"items": ", ".join(self.created)})
        else:
            self.stdout.write(_("The demo content is already there: nothing to do."))

    def load_home(self):
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
                activities=[
                    (
                        "activity",
                        {"date": date, "title": title, "place": place, "audience": audience},
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
                            }
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
