from django.core.management.base import BaseCommand

from hoanhap.geo.services import load_units


class Command(BaseCommand):
    help = "Load the official provinces and communes (vietnam-provinces); safe to run again."

    def handle(self, *args, **options):
        provinces, communes = load_units()
        self.stdout.write(f"Loaded {provinces} provinces and {communes} communes, wards and special zones.")
