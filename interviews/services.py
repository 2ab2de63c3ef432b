"""Writing an imported interview into the archive: all of it, or nothing."""

from __future__ import annotations

import reversion
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_noop

from .importing import AlignedInterview, ImportProblem
from .languages import LANGS, other_language
from .models import (
    Exchange,
    Interview,
    Outlet,
    Person,
    SourceDocument,
    join_paragraphs,
)
from .sources import RawSource
from .translation_check import refuse_implausible

SLUG_LENGTH = 80
IMPORTED = gettext_noop("Imported")


def import_interview(
    aligned: AlignedInterview,
    sources: list[RawSource],
    *,
    publish: bool = False,
    user=None,
    outlet: str | None = None,
) -> Interview:
    """Save ``aligned`` as a new interview with its raw ``sources`` kept verbatim.

    Outlet and people are reused when they exist (the outlet by name, whatever its case;
    people by slug). ``outlet`` names the outlet when the article does not. A draft unless
    ``publish``. Raises ImportProblem, having written nothing, when something is missing
    or the translation is not one of the article.
    """
    refuse_implausible(aligned)
    outlet_name = (outlet or aligned.outlet or "").strip()
    if not outlet_name:
        raise ImportProblem("no outlet found in the article: name it (--outlet)")
    if not aligned.exchanges:
        raise ImportProblem("no exchange found: nothing to import")
    original = aligned.original
    target = other_language(original)
    translated = any(exchange.question[target] for exchange in aligned.exchanges)
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(IMPORTED)
        interviewees = [_person(name) for name in dict.fromkeys(aligned.interviewees)]
        interview = Interview(
            slug=_unique_slug(aligned),
            outlet=_outlet(outlet_name),
            published_on=aligned.published_on,
            source_url=aligned.source_url or "",
            original_language=original,
            interviewer=_person(aligned.interviewer) if aligned.interviewer else None,
            status=Interview.Status.PUBLISHED if publish else Interview.Status.DRAFT,
        )
        for lang in LANGS:
            setattr(interview, f"title_{lang}", aligned.title[lang])
            setattr(interview, f"standfirst_{lang}", aligned.standfirst[lang])
            setattr(interview, f"translator_{lang}", "")
            setattr(interview, f"translation_status_{lang}", Interview.TranslationStatus.MISSING)
        setattr(
            interview,
            f"translation_status_{target}",
            Interview.TranslationStatus.DRAFT
            if translated
            else Interview.TranslationStatus.MISSING,
        )
        interview.save()
        interview.interviewees.set(interviewees)
        Exchange.objects.bulk_create(
            _exchange(interview, position, exchange, target)
            for position, exchange in enumerate(aligned.exchanges, start=1)
        )
        SourceDocument.objects.bulk_create(
            SourceDocument(
                interview=interview,
                lang=source.lang,
                filename=source.filename,
                content_type=source.content_type,
                content=source.content,
                sha256=source.sha256,
            )
            for source in sources
        )
        reversion.add_to_revision(interview)  # and, following it, its exchanges
    return interview


def _exchange(interview: Interview, position: int, aligned, target: str) -> Exchange:
    original = interview.original_language
    exchange = Exchange(interview=interview, position=position)
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
