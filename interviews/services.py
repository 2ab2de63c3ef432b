"""Writing an imported interview into the archive: all of it, or nothing."""

from __future__ import annotations

import reversion
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from . import history
from .duplicates import IfExists, Match, aligned_fingerprint, find_duplicates
from .importing import AlignedInterview, ImportProblem
from .languages import LANGS, other_language
from .models import (
    Exchange,
    ImportTurn,
    Interview,
    Outlet,
    Person,
    SourceDocument,
)
from .paragraphs import join_paragraphs
from .sources import RawSource
from .translation_check import refuse_implausible

SLUG_LENGTH = 80
IMPORTED = gettext_noop("Imported")
REPLACED = gettext_noop("Replaced by a new import")


class DuplicateImport(ImportProblem):
    """An import refused because it matches interviews already in the archive: ``matches``
    says which and why (the message is the editor's)."""

    def __init__(self, message: str, matches: list[Match]) -> None:
        super().__init__(message)
        self.matches = matches


def import_interview(
    aligned: AlignedInterview,
    sources: list[RawSource],
    *,
    publish: bool = False,
    user=None,
    outlet: str | None = None,
    if_exists: str = IfExists.REFUSE,
) -> Interview:
    """Save ``aligned`` as a new interview with its raw ``sources`` kept verbatim.

    Outlet and people are reused when they exist (the outlet by name, whatever its case;
    people by slug). ``outlet`` names the outlet when the article does not. A draft unless
    ``publish``. An import matching an interview already in the archive (``find_duplicates``)
    is refused unless ``if_exists`` says to replace it (a draft only: it keeps its address
    and its history) or to keep both. Raises ImportProblem (DuplicateImport for those),
    having written nothing, when something is missing or the translation is not one of
    the article.
    """
    refuse_implausible(aligned)
    outlet_name = (outlet or aligned.outlet or "").strip()
    if not outlet_name:
        raise ImportProblem(
            _("No outlet found in the article: name it (the Outlet field, or --outlet).")
        )
    if not aligned.exchanges:
        raise ImportProblem(_("No exchange found: nothing to import."))
    with transaction.atomic():
        ImportTurn.take()  # an identical import running now finds this one when it is done
        matches = find_duplicates(aligned, sources, outlet=outlet_name)
        to_replace = check_duplicates(matches, if_exists)
        replaced = None
        if to_replace:
            replaced = (
                Interview.objects.select_for_update(of=("self",))
                .select_related("outlet")
                .get(pk=to_replace.interview.pk)
            )
            # Locked now: one published since it was found is refused as it would have been.
            check_duplicates([Match(replaced, to_replace.reasons)], if_exists)
            history.ensure_baseline(replaced)  # a revision of its own, before this one
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(REPLACED if replaced else IMPORTED)
            interview = replaced or Interview(slug=_unique_slug(aligned))
            _fill(interview, aligned, outlet_name, publish=publish)
            interview.save()
            interview.interviewees.set(
                _person(name) for name in dict.fromkeys(aligned.interviewees)
            )
            _write_exchanges(interview, aligned)
            interview.sources.all().delete()  # a replaced draft's text came from these no more
            fingerprints = {lang: aligned_fingerprint(aligned, lang) for lang in LANGS}
            SourceDocument.objects.bulk_create(
                SourceDocument(
                    interview=interview,
                    lang=source.lang,
                    filename=source.filename,
                    content_type=source.content_type,
                    content=source.content,
                    sha256=source.sha256,
                    fingerprint=fingerprints[source.lang],
                )
                for source in sources
            )
            reversion.add_to_revision(interview)  # and, following it, its exchanges
    return interview


def check_duplicates(matches: list[Match], if_exists: str) -> Match | None:
    """The match an import replaces (None: it makes a new interview), or DuplicateImport
    when ``if_exists`` does not allow it."""
    if not matches or if_exists == IfExists.KEEP_BOTH:
        return None
    published = [match for match in matches if match.interview.is_published]
    if if_exists != IfExists.REPLACE and len(published) < len(matches):
        why = _("Not imported: choose to replace the existing draft, or to keep both.")
    elif if_exists != IfExists.REPLACE:
        why = _(
            "Not imported: choose to keep both (a published interview is never replaced "
            "by an import)."
        )
    elif len(matches) > 1:
        why = _("Not imported: it matches several interviews; which one to replace is unclear.")
    elif published:
        why = _(
            "Not imported: a published interview is never replaced by an import; "
            "unpublish it first, or keep both."
        )
    else:
        return matches[0]
    described = "; ".join(match.describe() for match in matches)
    raise DuplicateImport(f"{described}. {why}", matches)


def _fill(interview: Interview, aligned: AlignedInterview, outlet: str, *, publish: bool) -> None:
    """Every field of ``interview`` as ``aligned`` has it: nothing of a replaced one stays."""
    original = aligned.original
    target = other_language(original)
    translated = any(exchange.question[target] for exchange in aligned.exchanges)
    interview.outlet = _outlet(outlet)
    interview.published_on = aligned.published_on
    interview.source_url = aligned.source_url or ""
    interview.original_language = original
    interview.interviewer = _person(aligned.interviewer) if aligned.interviewer else None
    interview.status = Interview.Status.PUBLISHED if publish else Interview.Status.DRAFT
    interview.reviewed_by, interview.reviewed_at = None, None
    for lang in LANGS:
        setattr(interview, f"title_{lang}", aligned.title[lang])
        setattr(interview, f"standfirst_{lang}", aligned.standfirst[lang])
        setattr(interview, f"translator_{lang}", "")
        setattr(interview, f"translation_status_{lang}", Interview.TranslationStatus.MISSING)
    setattr(
        interview,
        f"translation_status_{target}",
        Interview.TranslationStatus.DRAFT if translated else Interview.TranslationStatus.MISSING,
    )


def _write_exchanges(interview: Interview, aligned: AlignedInterview) -> None:
    """The exchanges of ``aligned``; a replaced interview's are rewritten where they stand
    (same permalinks, a new version each, so an editor's open form is refused as stale)
    and those it has beyond the new count deleted."""
    existing = {exchange.position: exchange for exchange in interview.exchanges.all()}
    interview.exchanges.filter(position__gt=len(aligned.exchanges)).delete()
    kept, new = [], []
    for position, exchange in enumerate(aligned.exchanges, start=1):
        if position in existing:
            kept.append(_exchange(existing[position], exchange))
            kept[-1].version += 1
        else:
            new.append(_exchange(Exchange(interview=interview, position=position), exchange))
    Exchange.objects.bulk_update(kept, [*TEXT_FIELDS, "version"])
    Exchange.objects.bulk_create(new)


TEXT_FIELDS = [
    f"{name}_{lang}"
    for name in ("question", "answer", "status", "translated_from")
    for lang in LANGS
]


def _exchange(exchange: Exchange, aligned) -> Exchange:
    original = exchange.interview.original_language
    target = other_language(original)
    for lang in LANGS:
        setattr(exchange, f"question_{lang}", aligned.question[lang])
        setattr(exchange, f"answer_{lang}", join_paragraphs(aligned.answer[lang]))
        setattr(exchange, f"translated_from_{lang}", "")
    setattr(exchange, f"status_{original}", Exchange.Status.REVIEWED)
    if aligned.question[target] or aligned.answer[target]:
        setattr(exchange, f"status_{target}", Exchange.Status.DRAFT)
        setattr(exchange, f"translated_from_{target}", exchange.full_text(original))
    else:
        setattr(exchange, f"status_{target}", Exchange.Status.MISSING)
    return exchange


def _outlet(name: str) -> Outlet:
    existing = Outlet.objects.filter(name__iexact=name).first()
    if existing:
        return existing
    slug = slugify(name) or "outlet"
    existing = Outlet.objects.filter(slug=slug).first()
    return existing or Outlet.objects.create(name=name, slug=_free(Outlet, slug))


def _person(name: str) -> Person:
    slug = slugify(name)[:200] or "person"
    person, _created = Person.objects.get_or_create(slug=slug, defaults={"name": name})
    return person


def _unique_slug(aligned: AlignedInterview) -> str:
    title = aligned.title[aligned.original] or next(filter(None, aligned.title.values()), "")
    words = slugify(" ".join([*aligned.interviewees[:1], title])).split("-")
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > SLUG_LENGTH:
            break
        slug = f"{slug}-{word}" if slug else word
    return _free(Interview, slug or "interview")


def _free(model, slug: str) -> str:
    """``slug``, or ``slug-2``, ``slug-3``… whichever is not taken yet."""
    taken = set(model.objects.filter(slug__startswith=slug).values_list("slug", flat=True))
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate
