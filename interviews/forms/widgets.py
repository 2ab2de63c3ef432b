"""A ``<select>`` for long lists of choices (an archive's thousands of people).

Django renders each ``<option>`` through a template of its own, from a model instance made
for each choice: 2,000 people cost about 100 ms a page. ``LongChoiceField`` reads its
choices as (value, label) strings in one query, and ``LongSelect`` writes the same HTML in
one pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


class LongSelect(forms.Select):
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = set(self.format_value(value))
        options = "".join(
            f'<option value="{escape(option)}"{" selected" if str(option) in chosen else ""}>'
            f"{escape(label)}</option>"
            for option, label in self.choices
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            _attributes(self.build_attrs(self.attrs, attrs)),
            mark_safe(options),  # each value and label escaped above
        )


def _attributes(attrs: dict[str, Any]) -> SafeString:
    """As Django's ``django/forms/widgets/attrs.html`` writes them, in the same order."""
    return mark_safe(
        "".join(
            f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
            for name, value in attrs.items()
            if value is not False and value is not None
        )
    )


class _ValuesIterator(ModelChoiceIterator):
    """The choices as (value, label) strings from one ``values_list`` query, without a
    model instance for each."""

    field: LongChoiceField

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        value = self.field.to_field_name or "pk"
        yield from self.queryset.values_list(value, self.field.label_field).iterator()


class LongChoiceField(forms.ModelChoiceField):
    """A ``ModelChoiceField`` of many choices, each labelled by the model's ``label_field``
    (what its ``__str__`` gives); validated against the queryset as Django's is."""

    widget = LongSelect
    iterator = _ValuesIterator

    def __init__(self, queryset: Any, *, label_field: str, **kwargs: Any) -> None:
        self.label_field = label_field
        super().__init__(queryset, **kwargs)
