"""What the web import's tests share: the seed and layout texts, pasting, reading the
preview back as a browser would post it, confirming, and counting what was written."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from django.apps import apps
from reversion.models import Version

from interviews.models import Interview

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "seed"
LAYOUTS = ROOT / "fixtures" / "layouts"
URL = "/en/edit/import/"


def seed_text(lang: str) -> str:
    return (SEED / f"{lang}.txt").read_text("utf-8")


def layout(name: str) -> str:
    return (LAYOUTS / name).read_text("utf-8")


def row_counts() -> dict[str, int]:
    counted = [*apps.get_app_config("interviews").get_models(), Version]
    return {model.__name__: model.objects.count() for model in counted}


def paste(client, *, fr: str = "", en: str = "", original: str = "fr", outlet: str = ""):
    data = {"original": original, "outlet": outlet, "fr_text": fr, "en_text": en}
    return client.post(URL, {**data, "action": "preview"})


class PreviewForm(HTMLParser):
    """What a browser would send from the preview page's structure form."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._inside = False
        self._select = self._textarea = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._inside = "import-preview" in (attrs.get("class") or "")
        if not self._inside:
            return
        if tag == "input" and attrs.get("type") in ("hidden", "text"):
            self.fields.append((attrs["name"], attrs.get("value") or ""))
        elif tag == "input" and attrs.get("type") == "checkbox" and "checked" in attrs:
            self.fields.append((attrs["name"], attrs["value"]))
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and "selected" in attrs:
            self.fields.append((self._select, attrs["value"]))
        elif tag == "textarea":
            self._textarea, self._text = attrs["name"], ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        elif tag == "textarea" and self._textarea:
            # Browsers drop the one newline that may follow <textarea>.
            self.fields.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None

    def data(self, action: str) -> dict[str, list[str]]:
        data: dict[str, list[str]] = {"action": [action]}
        for name, value in self.fields:
            data.setdefault(name, []).append(value)
        return data


def preview_data(response, action: str) -> dict[str, list[str]]:
    form = PreviewForm()
    form.feed(response.content.decode())
    return form.data(action)


def confirm(client, preview, action: str = "import", **changes):
    return client.post(URL, {**preview_data(preview, action), **changes})


def structure(response, lang: str) -> list:
    """The preview's paragraphs of ``lang``, in order, as its rows show them."""
    return [
        cell
        for group in response.context["groups"]
        for row in group.rows
        for cell in row.cells
        if cell and cell.lang == lang
    ]


def answer_counts(response, lang: str = "fr") -> list[int]:
    """How many answer paragraphs each exchange of the preview has in ``lang``."""
    return [
        sum(1 for row in group.rows for cell in row.cells if cell and cell.lang == lang
            and cell.role == "answer")
        for group in response.context["groups"]
    ]  # fmt: skip


def answer_lengths(interview: Interview, lang: str = "fr") -> list[int]:
    return [len(exchange.paragraphs(lang)) for exchange in interview.exchanges.all()]
