from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # Everything the search app plugs into the corpus: the index follows each commit,
        # and the reading view marks the matches of the search it was reached from.
        from interviews.reading import use_match_marker

        from . import reading_marks, sync

        sync.connect()
        use_match_marker(reading_marks.mark_rows)
