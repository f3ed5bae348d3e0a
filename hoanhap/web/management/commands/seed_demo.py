import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from hoanhap.accounts.demo import BUON_MA_THUOT, DEMO_PASSWORD, DIEN_CHAU, TAN_AN, seed_users
from hoanhap.cases.demo import seed_cases
from hoanhap.geo.models import Commune, HamletKind
from hoanhap.people.demo import seed_hamlets, seed_people
from hoanhap.people.models import Person, PersonTransfer
from hoanhap.people.services import transfer_person
from hoanhap.support.demo import seed_support

# commune code, hamlet kind, hamlets, people, random seed
DEMO_COMMUNES = [
    (DIEN_CHAU, HamletKind.HAMLET, 8, 40, 17464),
    (BUON_MA_THUOT, HamletKind.RESIDENTIAL_GROUP, 6, 25, 24133),
    (TAN_AN, HamletKind.RESIDENTIAL_GROUP, 4, 15, 24163),
]


class Command(BaseCommand):
    help = "Fill a few real communes with synthetic people and create one demo user per role (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        if settings.PRODUCTION or not settings.DEMO_MODE:
            raise CommandError("Demo data is only loaded when HOANHAP_DEMO is on, never in production.")
        users = {u.username: u for u in seed_users()}
        heads = {
            u.commune_id: u for u in users.values() if u.commune_id and u.role.endswith(("_head", "police"))
        }
        created = 0
        for code, kind, hamlet_count, people, seed in DEMO_COMMUNES:
            commune = Commune.objects.get(pk=code)
            hamlets = seed_hamlets(commune, kind, hamlet_count, heads[code])
            created += seed_people(commune, hamlets, heads[code], count=people, seed=seed)
        # Not the last one: that is the deliberate near-duplicate, which must stay for the review.
        mover = Person.objects.filter(commune=DIEN_CHAU).order_by("pk")[1:2].first()
        if mover is not None and not PersonTransfer.objects.exists():
            transfer_person(
                users["truongcax"],
                person=mover,
                to_commune=Commune.objects.get(pk=BUON_MA_THUOT),
                moved_on=dt.date(2026, 9, 15),
                reason="Chuyển đến làm việc tại Buôn Ma Thuột",
            )
        cases = seed_cases(commune_id=DIEN_CHAU, actor=users["truongcax"])
        self.stdout.write(f"Demo cases: {cases} people with tests and management decisions this run.")
        support = seed_support(
            commune_id=DIEN_CHAU,
            officer=users["canbocax"],
            helper=users["tinhnguyenvien"],
            facility=users["cosocainghien"],
        )
        self.stdout.write(f"Demo support: {support} people with a helper this run.")
        self.stdout.write(f"Demo data ready ({created} synthetic people created this run).")
        self.stdout.write(f"Demo log-ins (password for all: {DEMO_PASSWORD}):")
        for user in users.values():
            self.stdout.write(f"  {user.username:<16} {user.get_role_display()} — {user.unit_label}")
