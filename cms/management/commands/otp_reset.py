"""``manage.py otp_reset USERNAME``: remove a person's two-step verification (a lost phone)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django_otp import devices_for_user


class Command(BaseCommand):
    help = (
        "Remove a user's two-step verification devices (authenticator app and backup codes), "
        "for a lost phone. If their role requires it, they enrol again at their next sign-in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get_by_natural_key(username)
        except user_model.DoesNotExist:
            raise CommandError(
                _("No user with the user name %(username)s.") % {"username": username}
            ) from None
        devices = list(devices_for_user(user, confirmed=None))
        for device in devices:
            device.delete()
        self.stdout.write(
            _("Removed %(count)s two-step verification device(s) of %(username)s.")
            % {"count": len(devices), "username": username}
        )
