"""The web import's forms: the two texts, then their structure as the editor corrected it.

Nothing is kept on the server between the steps: the preview form carries the texts
(compressed, then base64, so that no line end is altered on the way) and the paragraphs,
and every step decodes and checks them again.
"""

from __future__ import annotations

import base64
import binascii
import zlib

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from ..duplicates import IfExists
from ..importing.corrections import ROLES, StructureParagraph
from ..importing.hygiene import one_line
from ..importing.records import ANSWER, QUESTION
from ..languages import LANGS
from ..sources import RawSource, SourceError, carried_source, check_size, decode_source

ROLE_CHOICES = [(QUESTION, _("Question")), (ANSWER, _("Answer"))]
FILE_KINDS = _("Plain text, a saved web page (.html), Word (.docx) or OpenDocument (.odt).")


def _pasted_name(lang: str) -> str:
    return f"pasted-{lang}.txt"


def _decode(
    form: forms.Form, field: str, data: bytes | str | UploadedFile, *, lang: str, filename: str
) -> RawSource | None:
    """``data`` decoded, or None with the one-line reason added to ``form`` on ``field``.

    A ``str`` is a source's text as the preview form carries it (for an office file, the
    page kept of it, which is not read as an office file again).
    """
    try:
        if isinstance(data, UploadedFile):
            # Its size is known before it is read: a file over the limit is never read.
            check_size(data.size or 0, lang=lang, filename=filename)
            return decode_source(data.read(), lang=lang, filename=filename)
        if isinstance(data, str):
            return carried_source(data, lang, filename)
        return decode_source(data, lang=lang, filename=filename)
    except SourceError as error:
        form.add_error(field, one_line(str(error)))
        return None


class ImportSourcesForm(forms.Form):
    """Step 1: per language a file or a pasted text; the original is required."""

    original = forms.ChoiceField(
        label=_("Original language"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE
    )
    outlet = forms.CharField(
        label=_("Outlet"),
        required=False,
        max_length=200,
        help_text=_("Only needed when the article does not name it."),
    )
    fr_file = forms.FileField(
        label=_("French file"), required=False, allow_empty_file=True, help_text=FILE_KINDS
    )
    fr_text = forms.CharField(
        label=_("or French text"), required=False, strip=False, widget=forms.Textarea
    )
    en_file = forms.FileField(
        label=_("English file"), required=False, allow_empty_file=True, help_text=FILE_KINDS
    )
    en_text = forms.CharField(
        label=_("or English text"), required=False, strip=False, widget=forms.Textarea
    )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        original = data.get("original")
        self.sources: list[RawSource] = []
        for lang in LANGS:
            upload, text = data.get(f"{lang}_file"), data.get(f"{lang}_text")
            if upload and text:
                self.add_error(f"{lang}_text", _("Upload a file or paste a text, not both."))
            elif upload:
                source = _decode(self, f"{lang}_file", upload, lang=lang, filename=upload.name)
                self.sources += [source] if source else []
            elif text:
                # Browsers send text areas with CRLF line ends: keep what was pasted, in LF.
                pasted = text.replace("\r\n", "\n").encode("utf-8")
                source = _decode(
                    self, f"{lang}_text", pasted, lang=lang, filename=_pasted_name(lang)
                )
                self.sources += [source] if source else []
            elif lang == original:
                self.add_error(
                    f"{lang}_text", _("The original text is missing: upload it or paste it.")
                )
        return data


class StructureWidget(forms.Widget):
    """A language's paragraphs as lists of like-named inputs (the template draws them):
    ``<name>-role``, ``<name>-text``, ``<name>-line`` and, checked, ``<name>-join``."""

    def value_from_datadict(self, data, files, name: str) -> dict[str, list[str]]:
        return {part: data.getlist(f"{name}-{part}") for part in ("role", "text", "line", "join")}


class StructureField(forms.Field):
    """The paragraphs as the editor left them, or None when the form had none."""

    widget = StructureWidget

    def to_python(self, value: dict[str, list[str]] | None) -> list[StructureParagraph] | None:
        if not value or not value["text"]:
            return None
        roles, texts, lines = value["role"], value["text"], value["line"]
        if not len(roles) == len(texts) == len(lines) or any(r not in ROLES for r in roles):
            raise ValidationError(_("The form was incomplete: reload the page."))
        try:
            numbers = [int(line) for line in lines]
            joined = {int(index) for index in value["join"]}
        except ValueError as error:
            raise ValidationError(_("The form was incomplete: reload the page.")) from error
        return [
            StructureParagraph(role, text, line, join=index in joined)
            for index, (role, text, line) in enumerate(zip(roles, texts, numbers, strict=True))
        ]


def encode_content(content: str) -> str:
    # Compressed: a saved page is mostly markup and scripts, which the preview page carries.
    return base64.b64encode(zlib.compress(content.encode("utf-8"))).decode("ascii")


def decode_content(value: str) -> bytes:
    """What ``encode_content`` encoded, inflated to one byte over the size limit at most
    (enough for the size check to refuse it, never a bomb); ValueError when it is not."""
    inflate = zlib.decompressobj()
    try:
        data = inflate.decompress(
            base64.b64decode(value, validate=True), settings.IMPORT_MAX_SOURCE_BYTES + 1
        )
    except (binascii.Error, zlib.error) as error:
        raise ValueError(value[:20]) from error
    if not inflate.eof and len(data) <= settings.IMPORT_MAX_SOURCE_BYTES:
        raise ValueError(value[:20])  # cut short
    return data


class ImportPreviewForm(forms.Form):
    """Step 2: the texts as given, and each language's paragraphs as corrected."""

    original = forms.ChoiceField(choices=settings.LANGUAGES, widget=forms.HiddenInput)
    outlet = forms.CharField(label=_("Outlet"), required=False, max_length=200)
    fr_content = forms.CharField(required=False, widget=forms.HiddenInput)
    fr_filename = forms.CharField(required=False, max_length=255, widget=forms.HiddenInput)
    en_content = forms.CharField(required=False, widget=forms.HiddenInput)
    en_filename = forms.CharField(required=False, max_length=255, widget=forms.HiddenInput)
    fr_paragraphs = StructureField(required=False)
    en_paragraphs = StructureField(required=False)
    # Shown only when the import matches an interview already in the archive.
    if_exists = forms.ChoiceField(
        label=_("Already in the archive"),
        choices=IfExists.choices,
        initial=IfExists.REFUSE,
        required=False,
        widget=forms.RadioSelect,
    )

    @classmethod
    def carrying(cls, sources: list[RawSource], *, original: str, outlet: str):
        """The preview form for ``sources`` as just uploaded or pasted."""
        initial = {"original": original, "outlet": outlet}
        for source in sources:
            initial[f"{source.lang}_content"] = encode_content(source.content)
            initial[f"{source.lang}_filename"] = source.filename
        return cls(initial=initial)

    def clean(self):
        super().clean()
        data = self.cleaned_data
        self.sources: list[RawSource] = []
        for lang in LANGS:
            if not data.get(f"{lang}_content"):
                continue
            try:
                content = decode_content(data[f"{lang}_content"]).decode("utf-8")
            except ValueError:  # UnicodeDecodeError included
                raise ValidationError(_("The form was incomplete: reload the page.")) from None
            filename = data.get(f"{lang}_filename") or _pasted_name(lang)
            source = _decode(self, f"{lang}_content", content, lang=lang, filename=filename)
            self.sources += [source] if source else []
        if data.get("original") not in {source.lang for source in self.sources}:
            raise ValidationError(_("The form was incomplete: reload the page."))
        return data

    def corrections(self) -> dict[str, list[StructureParagraph]]:
        """Each language's paragraphs as the editor left them, when the form had them."""
        return {
            lang: self.cleaned_data[f"{lang}_paragraphs"]
            for lang in LANGS
            if self.cleaned_data.get(f"{lang}_paragraphs") is not None
        }
