from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterviewsConfig(AppConfig):
    name = "interviews"
    verbose_name = _("Interviews")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import (
            history,  # noqa: F401  (registers the models with django-reversion)
            signals,
        )

        signals.connect()
