from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand

from interviews.models import Interview

SEED_FIXTURE = "fixtures/seed.json"


class Command(BaseCommand):
    help = (
        "Load the seed interview into an empty archive. An archive that already holds "
        "interviews is left alone, so editors' work is never overwritten by the fixture."
    )

    def handle(self, *args, **options):
        if Interview.objects.exists():
            self.stdout.write("The archive already holds interviews: seed not loaded.")
            return
        call_command("loaddata", SEED_FIXTURE, verbosity=0)
        self.stdout.write(f"Loaded {SEED_FIXTURE}.")
