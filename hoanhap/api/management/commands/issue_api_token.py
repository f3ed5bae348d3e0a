"""Issue a token for another system: it acts as USER (a system account of one unit), limited to
the given actions, for DAYS days. The secret is printed once and never stored."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hoanhap.accounts.models import User
from hoanhap.api.models import ApiAction
from hoanhap.api.services import issue_token


class Command(BaseCommand):
    help = "Issue an API token (the secret is shown once)."

    def add_arguments(self, parser):
        parser.add_argument("--by", required=True, help="The administrator issuing it (username).")
        parser.add_argument("--user", required=True, help="The account the token acts as (username).")
        parser.add_argument("--name", required=True, help="The system that will use it.")
        parser.add_argument("--action", action="append", required=True, choices=ApiAction.values)
        parser.add_argument("--days", type=int, default=90)

    def handle(self, *args, by, user, name, action, days, **options):
        try:
            admin, account = User.objects.get(username=by), User.objects.get(username=user)
        except User.DoesNotExist as exc:
            raise CommandError("No such user.") from exc
        try:
            token, secret = issue_token(admin, user=account, name=name, actions=action, days=days)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            f"Token {token.prefix} for {account.username}, expires {token.expires_at:%d/%m/%Y}."
        )
        self.stdout.write("Secret (shown once): " + secret)
