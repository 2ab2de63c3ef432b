from __future__ import annotations

import pytest

from interviews.models import Exchange, Interview
from tests.factories import make_interview, make_outlet, make_person

# French typography, byte for byte: « and » with U+00A0 inside, U+202F before ?, ’.
TITLE_FR = "«\u00a0L’avenir\u202f? C’est maintenant\u00a0»"
TITLE_EN = "“The future? It’s now”"
OUTLET = "L’Opinion"


@pytest.fixture
def interview(db) -> Interview:
    """Published, French original, reviewed English translation by a named translator."""
    interview = make_interview(
        exchanges=3,
        paragraphs=3,
        outlet=make_outlet(OUTLET),
        interviewees=[make_person("Redouane El Haloui"), make_person("Marine Le Pen")],
        interviewer=make_person("Marie Dupont"),
        title_fr=TITLE_FR,
        title_en=TITLE_EN,
        translator_en="Jeanne Martin",
        translation_status_en=Interview.TranslationStatus.REVIEWED,
    )
    interview.exchanges.update(status_en=Exchange.Status.REVIEWED)
    return interview


def exchange(interview: Interview, position: int = 2) -> Exchange:
    return interview.exchanges.get(position=position)


def download(response) -> str:
    """The body of a (streamed) citation file."""
    assert response.status_code == 200, response
    return b"".join(response.streaming_content).decode("utf-8")
