"""What the interviews app does on every save, connected once by ``InterviewsConfig.ready()``."""

from __future__ import annotations

from django.db.models.signals import pre_save

from .models import Exchange


def count_version(sender, instance: Exchange, raw: bool, update_fields, **kwargs) -> None:
    """A save made outside the editor (the admin, an import) is a new version too.

    So an editor's form opened before it is refused as stale instead of overwriting it.
    """
    if raw or instance._state.adding:
        return
    if update_fields is None or "version" in update_fields:
        instance.version += 1


def connect() -> None:
    pre_save.connect(count_version, sender=Exchange, dispatch_uid="history-exchange-version")
