"""The first administrator of an installation (role "sysadmin"): every other account is created
by an administrator in the interface. The password is asked for, or read from HOANHAP_ADMIN_PASSWORD
(for scripted set-ups); it must pass the password rules. The command prints the one-time code the
administrator enters, with the password, to enrol a second factor at the first log-in."""

import getpass
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hoanhap.accounts.services import create_user_with_enrolment_code
from hoanhap.lib.roles import Role


class Command(BaseCommand):
    help = "Create a system administrator account (the first account of an installation)."

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", default="")

    def handle(self, *args, username, email, **options):
        password = os.environ.get("HOANHAP_ADMIN_PASSWORD") or getpass.getpass("Mật khẩu: ")
        try:
            _user, code = create_user_with_enrolment_code(
                None, password=password, username=username, email=email, role=Role.SYSADMIN
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            f"Đã tạo tài khoản quản trị {username}. Lần đăng nhập đầu tiên, nhập mã kích hoạt dưới đây để "
            f"cài xác thực hai lớp (dùng một lần, hết hạn sau {settings.ENROLMENT_CODE_HOURS} giờ):\n  {code}"
        )
