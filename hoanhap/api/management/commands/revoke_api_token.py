from django.core.management.base import BaseCommand, CommandError

from hoanhap.accounts.models import User
from hoanhap.api.models import ApiToken
from hoanhap.api.services import revoke_token


class Command(BaseCommand):
    help = "Revoke an API token by its prefix (the part after hn_)."

    def add_arguments(self, parser):
        parser.add_argument("--by", required=True)
        parser.add_argument("prefix")

    def handle(self, *args, by, prefix, **options):
        token = ApiToken.objects.filter(prefix=prefix).first()
        if token is None:
            raise CommandError("No such token.")
        revoke_token(User.objects.get(username=by), token=token)
        self.stdout.write(f"Token {prefix} revoked.")
