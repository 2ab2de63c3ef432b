from __future__ import annotations

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from interviews.duplicates import IfExists, find_duplicates
from interviews.import_provenance import provenance_words
from interviews.importing import ImportProblem, align_interview, to_json_dict
from interviews.importing.hygiene import one_line
from interviews.importing.plausibility import plausibility_json
from interviews.languages import LANGS
from interviews.limits import parse_within_limits
from interviews.management.interface_language import add_language_argument, speaking
from interviews.services import DuplicateImport, check_duplicates, import_interview
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
        parser.add_argument(
            "--if-exists",
            choices=IfExists.values,
            default=IfExists.REFUSE,
            help="When the same source, the same text, or the same title, outlet and date is "
            "already in the archive: refuse the import (the default), replace the existing "
            "interview if it is a draft (it keeps its address and history), or keep both.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Parse and align only, and say what is already in the archive.",
        )
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")
        add_language_argument(parser)

    @speaking
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
                    aligned,
                    sources,
                    publish=options["publish"],
                    outlet=options["outlet"],
                    if_exists=options["if_exists"],
                )
        except (SourceError, ImportProblem) as problem:
            raise CommandError(_one_line(problem, options["if_exists"])) from None

        for warning in aligned.warnings:
            self.stderr.write(_warning(warning))
        doubt = report(aligned)
        if doubt:
            self.stderr.write(_warning(doubt.message))
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
            if interview is None:
                duplicates = _duplicates(aligned, sources, options)
                data.update({"duplicates": duplicates} if duplicates["matches"] else {})
            else:
                data["slug"] = interview.slug
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        elif interview is None:
            self.stdout.write(_dry_run(aligned, sources, options))
        else:
            self.stdout.write(
                _summary(
                    _("Imported (%(status)s) %(name)s: %(shape)s: %(url)s"),
                    interview.slug,
                    aligned,
                    status=interview.get_status_display().lower(),
                    url=interview.get_absolute_url(),
                )
            )


def _dry_run(aligned, sources, options) -> str:
    """What the import would do, and each interview already in the archive it matches."""
    duplicates = _duplicates(aligned, sources, options)
    if duplicates["action"] == IfExists.REFUSE:
        return str(duplicates["message"])
    lines = [match["message"] for match in duplicates["matches"]]
    if duplicates["action"] == IfExists.REPLACE:
        lines.append(
            _summary(
                _("Would replace %(name)s: %(shape)s"), duplicates["matches"][0]["slug"], aligned
            )
        )
    else:
        lines.append(
            _summary(
                _("Would import %(name)s: %(shape)s"), aligned.title[aligned.original], aligned
            )
        )
    return "\n".join(lines)


def _duplicates(aligned, sources, options) -> dict:
    """The interviews already in the archive that the import matches, what ``--if-exists``
    makes of them (refuse, replace, keep-both) and, refused, the command's error message."""
    matches = find_duplicates(aligned, sources, outlet=options["outlet"])
    action, message = IfExists.KEEP_BOTH, ""
    try:
        if check_duplicates(matches, options["if_exists"]):
            action = IfExists.REPLACE
    except DuplicateImport as refusal:
        action, message = IfExists.REFUSE, _one_line(refusal, options["if_exists"])
    return {
        "matches": [match.as_json() for match in matches],
        "action": action.value,
        "message": message,
    }


def _one_line(problem: Exception, if_exists: str) -> str:
    line = one_line(str(problem))  # French no-break spaces kept
    if isinstance(problem, DuplicateImport) and if_exists == IfExists.REFUSE:
        drafts = [match for match in problem.matches if not match.interview.is_published]
        line += " " + (
            _("Use --if-exists replace or --if-exists keep-both.")
            if drafts
            else _("Use --if-exists keep-both.")
        )
    return line


def _summary(message: str, name: str, aligned, **more: str) -> str:
    """``message`` about interview ``name``, with its shape: its exchanges and paragraphs."""
    paragraphs = "/".join(str(len(e.answer[aligned.original])) for e in aligned.exchanges)
    count = len(aligned.exchanges)
    shape = ngettext(
        "%(count)s exchange (%(paragraphs)s paragraphs)",
        "%(count)s exchanges (%(paragraphs)s paragraphs)",
        count,
    ) % {"count": count, "paragraphs": paragraphs}
    return message % {"name": name, "shape": shape, **more}


def _warning(message: str) -> str:
    return _("warning: %(message)s") % {"message": message}
