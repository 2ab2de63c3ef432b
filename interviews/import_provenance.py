"""Where the importer found each metadata field, in words: for the preview and `--json`.

The importer records codes (interviews.importing.page_metadata.PROVENANCE); the words live
here, with Django's translations, in the active language (a command's ``--language``).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

WHERE = {
    "json_ld_publisher": _("JSON-LD publisher"),
    "json_ld_date": _("JSON-LD datePublished"),
    "json_ld_author": _("JSON-LD author"),
    "json_ld_about": _("JSON-LD about"),
    "json_ld_headline": _("JSON-LD headline"),
    "og_site_name": _("Open Graph og:site_name"),
    "og_title": _("Open Graph og:title"),
    "meta_date": _("the page’s publication date tag"),
    "page_title": _("the page title"),
    "page_headline": _("the page’s main heading"),
    "footer": _("the copyright line of the page footer"),
    "site_metadata": _("the site’s metadata (trafilatura)"),
    "htmldate": _("a date in the page (htmldate)"),
    "header_line": _("a header line of the article"),
    "byline": _("the byline"),
    "headline": _("the headline"),
    "standfirst": _("the standfirst"),
    "answer_labels": _("the names signing the answers"),
    "question_prefix": _("the name before the questions"),
    "first_paragraph": _("the first line of the text"),
}


def provenance_words(provenance: Mapping[str, str]) -> dict[str, str]:
    """Field name -> where it was found, in the active language."""
    return {name: str(WHERE[code]) for name, code in provenance.items()}
