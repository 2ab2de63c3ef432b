from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from interviews.batches import (
    REFUSED,
    STATUS_LABELS,
    BatchProblem,
    BatchResult,
    import_batch,
    summary,
)
from interviews.management.interface_language import add_language_argument, speaking


class Command(BaseCommand):
    help = (
        "Import every interview of a folder or a ZIP file: files paired by name "
        "(<name>.fr.txt with <name>.en.html) or by a manifest.csv (columns fr, en, and "
        "optionally original and outlet). Each interview is imported on its own, all of it or "
        "nothing; a refused one never stops the others, one already in the archive is "
        "reported as a duplicate, not imported again. Prints a report; exits 1 when any was "
        "refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="A folder, or a ZIP file.")
        parser.add_argument(
            "--outlet", help="The outlet of the articles that do not name it (nor the manifest)."
        )
        parser.add_argument("--publish", action="store_true", help="Publish what is imported.")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")
        add_language_argument(parser)

    @speaking  # the reasons are the editor's messages, in the language asked for
    def handle(self, *args: str, **options: Any) -> None:
        bar = tqdm(unit="interview", disable=options["verbosity"] == 0 or options["json"])

        def started(count: int) -> None:
            bar.reset(total=count)

        def done(result: BatchResult) -> None:
            bar.update(1)

        try:
            with bar:
                results = import_batch(
                    Path(options["path"]),
                    publish=options["publish"],
                    outlet=options["outlet"],
                    started=started,
                    done=done,
                )
        except BatchProblem as problem:
            raise CommandError(str(problem)) from None
        if options["json"]:
            self.stdout.write(json.dumps([asdict(r) for r in results], ensure_ascii=False))
        else:
            for result in results:
                label = STATUS_LABELS[result.status]
                self.stdout.write(f"{label} · {result.name} · {result.detail}")
        outcome = summary(results)
        if any(result.status == REFUSED for result in results):
            raise CommandError(outcome)
        if not options["json"]:
            self.stdout.write(outcome)
