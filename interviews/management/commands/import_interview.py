from __future__ import annotations

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, no_translations

from interviews.import_provenance import provenance_words
from interviews.importing import ImportProblem, align_interview, to_json_dict
from interviews.importing.plausibility import plausibility_json
from interviews.languages import LANGS
from interviews.limits import parse_within_limits
from interviews.services import import_interview
from interviews.sources import SourceError, read_source
from interviews.translation_check import refuse_implausible, report


class Command(BaseCommand):
    help = (
        "Import a raw scraped interview (plain text in any common encoding, saved HTML, Word "
        ".docx or OpenDocument .odt) and its translation as "
        "one aligned interview, atomically: all of it or nothing. A draft unless --publish. "
        "Each text may have at most IMPORT_MAX_SOURCE_BYTES bytes, IMPORT_MAX_EXCHANGES "
        "exchanges and IMPORT_MAX_PARAGRAPHS paragraphs (settings)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fr", metavar="FILE", required=True, help="The French text.")
        parser.add_argument("--en", metavar="FILE", help="The English text, if any.")
        parser.add_argument(
            "--original",
            choices=LANGS,
            default=settings.LANGUAGE_CODE,
            help=f"The original language ({settings.LANGUAGE_CODE}).",
        )
        parser.add_argument("--outlet", help="The outlet, when the article does not name it.")
        parser.add_argument("--publish", action="store_true", help="Publish at once.")
        parser.add_argument("--dry-run", action="store_true", help="Parse and align only.")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")

    @no_translations  # an operator's messages: in English, like the rest of the output
    def handle(self, *args, **options):
        paths = {lang: options[lang] for lang in LANGS if options[lang]}
        try:
            sources = [read_source(path, lang=lang) for lang, path in paths.items()]
            articles = parse_within_limits(sources)
            aligned = align_interview(
                articles.get("fr"), articles.get("en"), original=options["original"]
            )
            refuse_implausible(aligned)  # a dry run says so too
            interview = None
            if not options["dry_run"]:
                interview = import_interview(
                    aligned, sources, publish=options["publish"], outlet=options["outlet"]
                )
        except (SourceError, ImportProblem) as problem:
            raise CommandError(" ".join(str(problem).split())) from None

        for warning in aligned.warnings:
            self.stderr.write(f"warning: {warning}")
        doubt = report(aligned)
        if doubt:
            self.stderr.write(f"warning: {doubt.message}")
        if options["json"]:
            data: dict[str, object] = {**to_json_dict(aligned)}
            data["provenance"] = provenance_words(aligned.provenance)
            if aligned.plausibility:
                data["plausibility"] = plausibility_json(aligned.plausibility)
            doubtful = [
                {"exchange": number, "confidence": exchange.confidence}
                for number, exchange in enumerate(aligned.exchanges, start=1)
                if exchange.doubtful
            ]
            if doubtful:  # only when one side's structure was laid on the other's
                data["doubtful_exchanges"] = doubtful
            if interview is not None:
                data["slug"] = interview.slug
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        elif interview is None:
            self.stdout.write(_summary("Would import", aligned.title[aligned.original], aligned))
        else:
            self.stdout.write(
                _summary(f"Imported ({interview.status})", interview.slug, aligned)
                + f": {interview.get_absolute_url()}"
            )


def _summary(verb: str, name: str, aligned) -> str:
    paragraphs = "/".join(str(len(e.answer[aligned.original])) for e in aligned.exchanges)
    return f"{verb} {name}: {len(aligned.exchanges)} exchanges ({paragraphs} paragraphs)"
