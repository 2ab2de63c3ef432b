"""The web batch import's form: a ZIP, the outlet of the articles that do not name it, and
whether to publish what is imported (for those who may publish)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..importing import ImportProblem
from ..limits import check_batch


class BatchUploadForm(forms.Form):
    archive = forms.FileField(
        label=_("ZIP file"),
        help_text=_(
            "Files paired by name (interview.fr.txt with interview.en.docx), or listed in a "
            "manifest.csv with the columns fr, en, and optionally original and outlet."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )
    outlet = forms.CharField(
        label=_("Outlet"),
        required=False,
        max_length=200,
        help_text=_("Only needed for the articles that do not name it."),
    )
    publish = forms.BooleanField(label=_("Publish what is imported"), required=False)

    def __init__(self, *args, may_publish: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not may_publish:
            del self.fields["publish"]

    def clean_archive(self):
        archive = self.cleaned_data["archive"]
        try:
            check_batch(size=archive.size or 0)
        except ImportProblem as problem:
            raise ValidationError(str(problem)) from None
        return archive
