"""Enter a plan from a JSON file (see hoanhap/programs/examples/) as the given user, in that user's unit."""

import json
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from hoanhap.accounts.models import User
from hoanhap.programs.services import import_plan


class Command(BaseCommand):
    help = "Load a plan from a JSON file, all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--as", dest="username", required=True)

    def handle(self, *args, path: Path, username: str, **options):
        try:
            plan = import_plan(
                User.objects.get(username=username), json.loads(path.read_text(encoding="utf-8"))
            )
        except (User.DoesNotExist, PermissionDenied, ValidationError, ValueError, OSError) as exc:
            raise CommandError(f"Plan not loaded: {exc}") from exc
        self.stdout.write(
            f"Plan loaded: {plan} ({plan.targets.count()} targets, {plan.tasks.count()} tasks)."
        )
