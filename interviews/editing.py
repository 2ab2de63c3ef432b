"""Editor writes: translate, edit the source, approve, publish, restore. Nothing is lost.

Every write is one transaction and one revision in the history (who, when, why). An
exchange is written by a conditional UPDATE on the version the editor started from: if
another save came first, the write is refused (``EditConflict``), the refused text is kept
as a ``RejectedEdit``, and nothing is overwritten, across processes as well as threads.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import reversion
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from . import history
from .models import Exchange, Interview, RejectedEdit
from .paragraphs import split_paragraphs

Status = Exchange.Status
TranslationStatus = Interview.TranslationStatus

COMMENTS = {
    "translation": gettext_noop("Translation edited"),
    "source": gettext_noop("Source text edited"),
    "approve": gettext_noop("Translation of an exchange approved"),
    "approve_all": gettext_noop("Translation approved and marked reviewed"),
    "publish": gettext_noop("Published"),
    "unpublish": gettext_noop("Unpublished"),
    "restore": gettext_noop("Earlier version restored"),
}
STALE = _("This exchange was changed by someone else since you opened it. Check it again.")

# A restore brings texts back, never a publication decision (that is for reviewers).
RESTORED_INTERVIEW_FIELDS = tuple(name for name in history.INTERVIEW_FIELDS if name != "status")
RESTORED_EXCHANGE_FIELDS = history.EXCHANGE_FIELDS


class EditRefused(Exception):
    """A write that cannot be done as asked; nothing was written. The message says why."""


class EditConflict(EditRefused):
    """A save based on a stale version: refused, and the refused text kept."""

    def __init__(self, *, current: Exchange, rejected: RejectedEdit) -> None:
        super().__init__(STALE)
        self.current = current  # theirs: what is saved now
        self.rejected = rejected  # yours: what was submitted


@contextmanager
def _revision(user, comment: str) -> Iterator[None]:
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        yield


def _write(exchange: Exchange, version: int, changes: Mapping[str, Any]) -> bool:
    """Apply ``changes`` only if the row is still at ``version``; False if it is not.

    A conditional UPDATE claims the next version: the row is then this transaction's until
    it ends, and a plain ``save()`` writes the changes, so the history and the search index
    hear of them as of any save (``version`` is left out of its fields: already counted).
    On failure ``exchange`` is reloaded with what is saved now.
    """
    claimed = Exchange.objects.filter(pk=exchange.pk, version=version).update(
        version=F("version") + 1
    )
    if not claimed:
        exchange.refresh_from_db()
        return False
    for name, value in changes.items():
        setattr(exchange, name, value)
    exchange.version = version + 1
    exchange.save(update_fields=list(changes))
    return True


def _reopen_translation(interview: Interview) -> None:
    """An exchange's translation changed: the interview's is no longer missing nor reviewed."""
    field = f"translation_status_{interview.translation_language}"
    if getattr(interview, field) in (TranslationStatus.MISSING, TranslationStatus.REVIEWED):
        setattr(interview, field, TranslationStatus.DRAFT)
        interview.save(update_fields=[field, "updated_at"])


def _save_text(
    exchange: Exchange,
    *,
    lang: str,
    question: str,
    answer: str,
    version: int,
    user,
    changes: Mapping[str, Any],
    reopens_translation: bool,
    comment: str,
) -> Exchange:
    """Write ``changes`` if ``version`` is current, else keep the text and raise a conflict."""
    with transaction.atomic():
        history.ensure_baseline(exchange.interview)
        with _revision(user, comment):
            saved = exchange.version == version and _write(exchange, version, changes)
            if saved and reopens_translation:
                _reopen_translation(exchange.interview)
        if saved:
            return exchange
        rejected = RejectedEdit.objects.create(
            exchange=exchange,
            lang=lang,
            user=user,
            base_version=version,
            question=question,
            answer=answer,
        )
    raise EditConflict(current=exchange, rejected=rejected)


def save_translation(
    *, exchange: Exchange, question: str, answer: str, version: int, ready: bool, user
) -> Exchange:
    """Save the translation of one exchange, made from its source text as it is now."""
    interview = exchange.interview
    target = interview.translation_language
    return _save_text(
        exchange,
        lang=target,
        question=question,
        answer=answer,
        version=version,
        user=user,
        changes={
            f"question_{target}": question,
            f"answer_{target}": answer,
            f"status_{target}": Status.NEEDS_REVIEW if ready else Status.DRAFT,
            f"translated_from_{target}": exchange.full_text(interview.original_language),
        },
        reopens_translation=True,
        comment=COMMENTS["translation"],
    )


def save_source(*, exchange: Exchange, question: str, answer: str, version: int, user) -> Exchange:
    """Save the original text of one exchange; an existing translation then needs revision."""
    interview = exchange.interview
    source, target = interview.original_language, interview.translation_language
    changes: dict[str, Any] = {f"question_{source}": question, f"answer_{source}": answer}
    before = (getattr(exchange, f"question_{source}"), exchange.paragraphs(source))
    changed = (question, split_paragraphs(answer)) != before
    translated = getattr(exchange, f"status_{target}") not in (None, Status.MISSING)
    if changed and translated:
        changes[f"status_{target}"] = Status.NEEDS_REVISION
        # What the translation was made from, to show what changed since; kept if known.
        translated_from = getattr(exchange, f"translated_from_{target}")
        changes[f"translated_from_{target}"] = translated_from or exchange.full_text(source)
    return _save_text(
        exchange,
        lang=source,
        question=question,
        answer=answer,
        version=version,
        user=user,
        changes=changes,
        reopens_translation=changed and translated,
        comment=COMMENTS["source"],
    )


def _approval(exchange: Exchange) -> dict[str, Any]:
    interview = exchange.interview
    target = interview.translation_language
    if not exchange.full_text(target):
        raise EditRefused(_("There is no translation to approve yet."))
    return {
        f"status_{target}": Status.REVIEWED,
        f"translated_from_{target}": exchange.full_text(interview.original_language),
    }


@transaction.atomic
def approve(*, exchange: Exchange, version: int, user) -> Exchange:
    """Approve the translation of one exchange, as the reviewer saw it (``version``)."""
    history.ensure_baseline(exchange.interview)
    with _revision(user, COMMENTS["approve"]):
        if exchange.version != version or not _write(exchange, version, _approval(exchange)):
            raise EditRefused(STALE)
    return exchange


@transaction.atomic
def approve_all(*, interview: Interview, versions: Mapping[int, int], user) -> Interview:
    """Approve every exchange, as the reviewer saw them, and mark the translation reviewed.

    ``versions`` maps each exchange's pk to the version the reviewer saw: if any exchange
    changed, was added or removed since, nothing is approved.
    """
    history.ensure_baseline(interview)
    with _revision(user, COMMENTS["approve_all"]):
        exchanges = list(interview.exchanges.select_related("interview"))
        if {exchange.pk: exchange.version for exchange in exchanges} != dict(versions):
            raise EditRefused(_("The interview changed since you opened it. Check it again."))
        for exchange in exchanges:
            if not _write(exchange, exchange.version, _approval(exchange)):
                raise EditRefused(STALE)
        field = f"translation_status_{interview.translation_language}"
        setattr(interview, field, TranslationStatus.REVIEWED)
        interview.reviewed_by = user
        interview.reviewed_at = timezone.now()
        interview.save(update_fields=[field, "reviewed_by", "reviewed_at", "updated_at"])
    return interview


def _set_publication(interview: Interview, status: str, user, comment: str) -> Interview:
    with transaction.atomic():
        history.ensure_baseline(interview)
        with _revision(user, comment):
            interview.status = status
            interview.save(update_fields=["status", "updated_at"])
    return interview


def publish(*, interview: Interview, user) -> Interview:
    """Make the interview public."""
    return _set_publication(interview, Interview.Status.PUBLISHED, user, COMMENTS["publish"])


def unpublish(*, interview: Interview, user) -> Interview:
    """Withdraw the interview from the public: editors still see it."""
    return _set_publication(interview, Interview.Status.DRAFT, user, COMMENTS["unpublish"])


def _unapproved(interview: Interview, state: Mapping[str, Any]) -> dict[str, Any]:
    """A restored translation comes back to be reviewed again, never as approved."""
    target = interview.translation_language
    fields = (f"status_{target}", f"translation_status_{target}")
    # Both status fields hold a TranslationStatus.
    return {
        name: Status.NEEDS_REVIEW if name in fields and value == Status.REVIEWED else value
        for name, value in state.items()
    }


@transaction.atomic
def restore(*, interview: Interview, revision_id: int, user) -> Interview:
    """Bring the interview and its exchanges back to what they were after ``revision_id``.

    Exchanges created since are left alone; the restore is itself a new revision.
    """
    snapshot = history.snapshot(interview, revision_id)
    if snapshot is None:
        raise EditRefused(_("This version is not in the interview's history."))
    with _revision(user, COMMENTS["restore"]):
        for exchange in interview.exchanges.select_related("interview"):
            state = snapshot.exchanges.get(exchange.pk)
            if state is None:
                continue
            wanted = _unapproved(interview, {f: state[f] for f in RESTORED_EXCHANGE_FIELDS})
            changes = {f: v for f, v in wanted.items() if getattr(exchange, f) != v}
            if changes and not _write(exchange, exchange.version, changes):
                raise EditRefused(STALE)
        if snapshot.interview is not None:
            state = {f: snapshot.interview[f] for f in RESTORED_INTERVIEW_FIELDS}
            for name, value in _unapproved(interview, state).items():
                setattr(interview, name, value)
        interview.save(update_fields=[*RESTORED_INTERVIEW_FIELDS, "updated_at"])
    return interview
