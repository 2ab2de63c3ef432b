"""The corpus: interviews made of exchanges aligned across French and English."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    # modeltranslation gives the translated models its managers at run time; the django-stubs
    # plugin finds their type only once mypy has read the module (django-stubs#1023).
    import modeltranslation.manager  # noqa: F401

    from .roles import Reader

from .languages import LANGS, LanguageBadge, LocalizedText, other_language
from .paragraphs import join_paragraphs, split_paragraphs


def new_exchange_uid() -> str:
    # 48 random bits: no collision in practice at millions of exchanges, short in a URL.
    return secrets.token_hex(6)


class TranslationStatus(models.TextChoices):
    """Where a translation stands: an exchange's text in one language, or an interview's."""

    MISSING = "missing", _("Missing")
    DRAFT = "draft", _("Draft")
    NEEDS_REVIEW = "needs_review", _("Needs review")
    REVIEWED = "reviewed", _("Reviewed")
    # Only an exchange's translation goes stale, when its source text is edited.
    NEEDS_REVISION = "needs_revision", _("Needs revision")


INTERVIEW_TRANSLATION_STATUSES = [
    choice for choice in TranslationStatus.choices if choice[0] != TranslationStatus.NEEDS_REVISION
]


class Outlet(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("interviews:outlet", args=[self.slug])


class Person(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    role = models.CharField(_("role"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("interviews:person", args=[self.slug])


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name


class InterviewQuerySet(models.QuerySet):
    def published(self) -> InterviewQuerySet:
        return self.filter(status=Interview.Status.PUBLISHED)

    def visible_to(self, user: Reader) -> InterviewQuerySet:
        if user.is_authenticated and user.has_perm("interviews.view_draft"):
            return self.all()
        return self.published()

    def for_listing(self) -> InterviewQuerySet:
        """Everything a list row shows, in a fixed number of queries."""
        return self.select_related("outlet").prefetch_related("interviewees", "topics")

    def readable_in(self, lang: str, *, unreviewed: bool = False) -> InterviewQuerySet:
        """Interviews a reader can read in ``lang``: written in it, or translated into it and
        the translation reviewed (``unreviewed``: any translation, reviewed or not)."""
        statuses = [Interview.TranslationStatus.REVIEWED]
        if unreviewed:
            statuses += [
                Interview.TranslationStatus.DRAFT,
                Interview.TranslationStatus.NEEDS_REVIEW,
            ]
        return self.filter(
            models.Q(original_language=lang)
            | models.Q(**{f"translation_status_{lang}__in": statuses})
        )


InterviewManager = models.Manager.from_queryset(InterviewQuerySet)


class Interview(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    TranslationStatus = TranslationStatus

    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    title = models.CharField(_("title"), max_length=400)
    standfirst = models.TextField(_("standfirst"), blank=True)
    outlet = models.ForeignKey(
        Outlet, models.PROTECT, related_name="interviews", verbose_name=_("outlet")
    )
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    original_language = models.CharField(
        _("original language"),
        max_length=2,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    interviewees = models.ManyToManyField(
        Person, related_name="interviews", verbose_name=_("interviewees")
    )
    interviewer = models.ForeignKey(
        Person,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="interviews_conducted",
        verbose_name=_("interviewer"),
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="interviews", verbose_name=_("topics")
    )
    status = models.CharField(
        _("publication status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # Translated through modeltranslation: one status and one credit per language.
    translation_status = models.CharField(
        _("translation status"),
        max_length=12,
        choices=INTERVIEW_TRANSLATION_STATUSES,
        default=TranslationStatus.MISSING,
    )
    translator = models.CharField(_("translator"), max_length=200, blank=True)
    # Only the translation language is ever reviewed: the original needs no approval.
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # modeltranslation swaps this manager at run time for a class made on the fly, which the
    # django-stubs plugin cannot find: declared here, its queryset methods are typed.
    objects: ClassVar[InterviewManager[Interview]] = InterviewManager()
    if TYPE_CHECKING:
        _default_manager: ClassVar[InterviewManager]

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        permissions = [
            ("view_draft", _("Can see draft interviews")),
            ("import_interview", _("Can import interviews")),
            ("review_translation", _("Can approve translations")),
            ("publish_interview", _("Can publish and unpublish interviews")),
        ]
        indexes = [models.Index(fields=["status", "-published_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("interviews:detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def translation_language(self) -> str:
        return other_language(self.original_language)

    def localized(self, field: str) -> LocalizedText:
        """``field`` in the interface language if translated, else in the original."""
        for lang in dict.fromkeys((get_language(), self.original_language, *LANGS)):
            text = getattr(self, f"{field}_{lang}", None)
            if text:
                return LocalizedText(lang, text)
        return LocalizedText(self.original_language, "")

    @property
    def display_title(self) -> LocalizedText:
        return self.localized("title")

    @property
    def display_standfirst(self) -> LocalizedText:
        return self.localized("standfirst")

    @property
    def language_badges(self) -> list[LanguageBadge]:
        """Each language with its status, the original first."""
        badges: list[LanguageBadge] = [
            {"lang": self.original_language, "status": "original", "label": _("Original")}
        ]
        for lang in LANGS:
            if lang != self.original_language:
                status = self.TranslationStatus(getattr(self, f"translation_status_{lang}"))
                badges.append(
                    {
                        "lang": lang,
                        "status": status.value,
                        "label": status.label,
                        "reviewed": status == self.TranslationStatus.REVIEWED,
                        "translator": getattr(self, f"translator_{lang}"),
                    }
                )
        return badges

    @property
    def language_codes(self) -> tuple[str, ...]:
        return (self.original_language, self.translation_language)


class Exchange(models.Model):
    """One question and its answer, in both languages.

    Answer paragraphs line up one to one: paragraph i of ``answer_fr`` translates
    paragraph i of ``answer_en``. ``uid`` is the permalink anchor and survives re-ordering.
    """

    interview = models.ForeignKey(
        Interview, models.CASCADE, related_name="exchanges", verbose_name=_("interview")
    )
    position = models.PositiveIntegerField(_("position"))
    uid = models.CharField(
        _("stable identifier"), max_length=12, unique=True, default=new_exchange_uid, editable=False
    )

    Status = TranslationStatus

    question = models.TextField(_("question"), blank=True)
    answer = models.TextField(
        _("answer"), blank=True, help_text=_("One blank line between paragraphs.")
    )
    # Translated through modeltranslation: the state of each language's text, and the
    # source text it was translated from (to show what changed in the source since).
    status = models.CharField(
        _("status"), max_length=14, choices=Status.choices, default=Status.MISSING
    )
    translated_from = models.TextField(_("translated from"), blank=True)
    # Optimistic concurrency: a save names the version it edited; a stale one is refused.
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["interview", "position"]
        verbose_name = _("exchange")
        verbose_name_plural = _("exchanges")
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "position"], name="exchange_position_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.interview_id} #{self.position}"

    def paragraphs(self, lang: str) -> list[str]:
        return split_paragraphs(getattr(self, f"answer_{lang}") or "")

    def full_text(self, lang: str) -> str:
        """Question and answer in ``lang``, as one text (what a translation is made from)."""
        return join_paragraphs([getattr(self, f"question_{lang}") or "", *self.paragraphs(lang)])

    @property
    def anchor(self) -> str:
        from .passages import exchange_anchor

        return exchange_anchor(self.uid)


class SourceDocument(models.Model):
    """A raw file an interview was imported from, kept verbatim."""

    interview = models.ForeignKey(
        Interview, models.CASCADE, related_name="sources", verbose_name=_("interview")
    )
    lang = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=50, default="text/plain")
    content = models.TextField(_("content"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    # The words of the text imported from it (``duplicates.text_fingerprint``): the same
    # article saved again, with other spacing or other boilerplate, has the same one.
    fingerprint = models.CharField(_("text fingerprint"), max_length=64, blank=True, db_index=True)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        ordering = ["interview", "lang", "id"]
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")

    def __str__(self) -> str:
        return self.filename or f"{self.interview_id}/{self.lang}"


class RejectedEdit(models.Model):
    """An exchange edit refused because another edit was saved first: kept, never lost."""

    exchange = models.ForeignKey(
        Exchange, models.CASCADE, related_name="rejected_edits", verbose_name=_("exchange")
    )
    lang = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    base_version = models.PositiveIntegerField(_("edited version"))
    question = models.TextField(_("question"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("rejected edit")
        verbose_name_plural = _("rejected edits")

    def __str__(self) -> str:
        return f"{self.exchange_id}/{self.lang} @{self.base_version}"

    def full_text(self) -> str:
        return join_paragraphs([self.question, *split_paragraphs(self.answer)])


class ImportTurn(models.Model):
    """The one row every import writes first, in its transaction: imports take turns, so
    that two imports of one article can't both look for duplicates before either writes."""

    taken_at = models.DateTimeField(_("taken"))

    class Meta:
        verbose_name = _("import turn")
        verbose_name_plural = _("import turns")

    def __str__(self) -> str:
        return f"import turn taken at {self.taken_at:%Y-%m-%d %H:%M:%S}"

    @staticmethod
    def take() -> None:
        """Waits for any other import's transaction to end; held until this one's ends.
        An upsert, so that it works whether or not the row exists yet (a flushed database)."""
        ImportTurn.objects.bulk_create(
            [ImportTurn(pk=1, taken_at=timezone.now())],
            update_conflicts=True,
            unique_fields=["id"],
            update_fields=["taken_at"],
        )
