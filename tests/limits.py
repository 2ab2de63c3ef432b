"""An interview of any length, in the shape the parser reads, for tests at the limits."""

from __future__ import annotations

HEADERS = {
    "fr": (
        "Entretien avec Aminata Sow\n\n« La monnaie est une question d’agenda »\n"
        "Publié le 30/10/2013 à 17:05\n\n"
        "Économiste à Dakar, Aminata Sow revient sur le débat de la zone franc.\n\n"
        "Propos recueillis par Thomas Lefebvre\n\n"
    ),
    "en": (
        "Interview with Aminata Sow\n\n“Currency is a matter of timing”\n"
        "Published on 30/10/2013 at 17:05\n\n"
        "An economist in Dakar, Aminata Sow returns to the debate on the franc zone.\n\n"
        "Interview by Thomas Lefebvre\n\n"
    ),
}
QUESTION = {
    "fr": "Q. Pourquoi ce débat numéro {n} resurgit-il maintenant ?\n\n",
    "en": "Q. Why is debate number {n} coming back now?\n\n",
}
ANSWER = {
    "fr": ("R. ", "Parce que la génération numéro {n} n’a pas connu les indépendances.{pad}\n\n"),
    "en": ("A. ", "Because generation number {n} did not live through independence.{pad}\n\n"),
}
PADDING = {"fr": " Elle le dit.", "en": " She says so."}


def interview_text(lang: str, exchanges: int, *, paragraphs: int = 1, padding: int = 0) -> str:
    """A press interview in ``lang``: ``exchanges`` questions, each answered in
    ``paragraphs`` paragraphs lengthened by ``padding`` short sentences."""
    label, answer = ANSWER[lang]
    pad = PADDING[lang] * padding
    return HEADERS[lang] + "".join(
        QUESTION[lang].format(n=n)
        + label
        + "".join(answer.format(n=n, pad=pad) for _ in range(paragraphs))
        for n in range(1, exchanges + 1)
    )
