from __future__ import annotations

import pytest

from interviews.importing.exchanges import find_exchanges, same_party, speaker_label
from interviews.importing.records import ImportProblem, Paragraph

LONG_ANSWER = (
    "Nous avons commencé par écouter les habitants, quartier par quartier, pendant un an. "
    "Ce travail a changé notre manière de voir les priorités, et il continue aujourd’hui "
    "avec des réunions publiques tous les trimestres, ouvertes à tous."
)


def body(*texts: str, bold: tuple[int, ...] = (), heading: tuple[int, ...] = ()):
    """Paragraphs numbered from line 1; `bold` and `heading` list 1-based line numbers."""
    return [
        Paragraph(text=text, line=number, bold=number in bold, heading=number in heading)
        for number, text in enumerate(texts, start=1)
    ]


def questions(interview) -> list[str]:
    return [exchange.question for exchange in interview.exchanges]


def answers(interview) -> list[list[str]]:
    return [exchange.answer for exchange in interview.exchanges]


@pytest.mark.parametrize("dash", ["-", "–", "—"])
def test_dash_marked_questions_are_found_without_their_dash(dash):
    interview = find_exchanges(
        body(f"{dash} Pourquoi ?", "Parce que.", f"{dash}Comment ?", "Ainsi."), place="fr"
    )

    assert questions(interview) == ["Pourquoi ?", "Comment ?"]


def test_exchange_records_line_of_its_question():
    interview = find_exchanges(
        body("Chapeau.", "– Pourquoi ?", "Parce que.", "– Et ?", "Et."), place="fr"
    )

    assert [exchange.line for exchange in interview.exchanges] == [2, 4]


def test_paragraphs_before_first_question_are_the_intro():
    interview = find_exchanges(
        body("Chapeau.", "– Pourquoi ?", "Parce que.", "– Et ?", "Et."), place="fr"
    )

    assert [paragraph.text for paragraph in interview.intro] == ["Chapeau."]


@pytest.mark.parametrize(
    ("question", "answer"),
    [("Q.", "R."), ("Q :", "R :"), ("Q:", "A:"), ("Question :", "Réponse :"), ("Q -", "A -")],
)
def test_question_and_answer_tokens_are_removed(question, answer):
    interview = find_exchanges(
        body(
            f"{question} Pourquoi ?",
            f"{answer} Parce que.",
            f"{question} Et ensuite ?",
            f"{answer} Rien.",
        ),
        place="fr",
    )

    assert (questions(interview), answers(interview)) == (
        ["Pourquoi ?", "Et ensuite ?"],
        [["Parce que."], ["Rien."]],
    )


def test_outlet_prefixed_questions_and_named_answers_lose_their_labels():
    interview = find_exchanges(
        body(
            "L'Express : Vous dites que tout a changé. Expliquez-nous.",
            "Jean-Marc Vidal : Tout, vraiment.",
            "Et vite.",
            "L'Express : Les écrans sont coupables.",
            "J.-M. Vidal : Pas entièrement.",
        ),
        place="fr",
        outlet="L'Express",
    )

    assert (questions(interview), answers(interview)) == (
        ["Vous dites que tout a changé. Expliquez-nous.", "Les écrans sont coupables."],
        [["Tout, vraiment.", "Et vite."], ["Pas entièrement."]],
    )


def test_recurring_labels_of_unknown_speakers_tell_who_asks():
    interview = find_exchanges(
        body(
            "Le Point : Vous partez ?",
            "Marie Curie : Oui, demain.",
            "Le Point : Pour longtemps ?",
            "Marie Curie : Un an.",
        ),
        place="fr",
    )

    assert (questions(interview), interview.speakers) == (
        ["Vous partez ?", "Pour longtemps ?"],
        ["Marie Curie"],
    )


def test_signed_answers_make_the_paragraph_before_them_a_question():
    interview = find_exchanges(
        body(
            "Le jazz serait donc une musique sans frontières…",
            "ALAIN BERTRAND. – C’est une musique d’immigrés.",
            "Elle l’a toujours été.",
            "Parlons de l’album.",
            "A. BERTRAND. – Volontiers.",
        ),
        place="fr",
    )

    assert (questions(interview), answers(interview)) == (
        ["Le jazz serait donc une musique sans frontières…", "Parlons de l’album."],
        [["C’est une musique d’immigrés.", "Elle l’a toujours été."], ["Volontiers."]],
    )


def test_known_interviewee_signing_answers_is_recognised_by_surname():
    interview = find_exchanges(
        body("Pourquoi ?", "R. El Haloui. – Parce que.", "Comment ?", "R. El Haloui. – Ainsi."),
        place="fr",
        interviewees=["Redouane El Haloui"],
    )

    assert answers(interview) == [["Parce que."], ["Ainsi."]]


def test_interviewer_question_may_run_over_paragraphs_until_the_signed_answer():
    interview = find_exchanges(
        body(
            "Le Point : Vous dites que tout a changé.",
            "Expliquez-nous.",
            "Marie Curie : Tout.",
            "Le Point : Vraiment ?",
            "Marie Curie : Oui.",
        ),
        place="fr",
        outlet="Le Point",
    )

    assert questions(interview)[0] == "Vous dites que tout a changé.\n\nExpliquez-nous."


def test_bold_paragraphs_are_questions():
    interview = find_exchanges(
        body(
            "Chapeau.",
            "Votre livre parle du climat.",
            LONG_ANSWER,
            "Et après ?",
            "Rien.",
            bold=(2, 4),
        ),
        place="fr",
    )

    assert questions(interview) == ["Votre livre parle du climat.", "Et après ?"]


def test_standalone_asking_paragraphs_are_questions_when_nothing_is_marked():
    interview = find_exchanges(
        body("Intro.", "Why now?", "Because.", "And then?", "We wait."), place="en"
    )

    assert questions(interview) == ["Why now?", "And then?"]


def test_rhetorical_question_inside_an_answer_paragraph_stays_in_the_answer():
    interview = find_exchanges(
        body("Pourquoi ?", "Faut-il avoir peur ? Non. Il faut se préparer.", "Comment ?", "Ainsi."),
        place="fr",
    )

    assert answers(interview) == [["Faut-il avoir peur ? Non. Il faut se préparer."], ["Ainsi."]]


def test_standalone_rhetorical_question_stays_in_the_answer_when_questions_are_marked():
    interview = find_exchanges(
        body(
            "– Pourquoi ?",
            "Parce que.",
            "Qui l’aurait cru ?",
            "Personne.",
            "– Et ensuite ?",
            "Rien.",
        ),
        place="fr",
    )

    assert answers(interview)[0] == ["Parce que.", "Qui l’aurait cru ?", "Personne."]


def test_long_paragraph_ending_with_a_question_mark_is_not_a_question():
    closing = LONG_ANSWER + " Qui peut dire le contraire ?"
    interview = find_exchanges(
        body("Pourquoi ?", LONG_ANSWER, closing, "Comment ?", "Ainsi."), place="fr"
    )

    assert answers(interview)[0] == [LONG_ANSWER, closing]


def test_questions_asked_after_the_marking_lapses_are_found_with_a_warning():
    interview = find_exchanges(
        body("– Why?", "Because.", "– How?", "Slowly.", "When?", "Soon."), place="en"
    )

    assert (questions(interview), interview.warnings) == (
        ["Why?", "How?", "When?"],
        [
            "en: “When?” was taken as a question, although it is not marked as the earlier "
            "questions are."
        ],
    )


def test_answer_dashes_are_removed_when_dashes_open_the_answers():
    interview = find_exchanges(
        body("Pourquoi partir ?", "– Parce que tout a changé.", "Et ensuite ?", "– On verra."),
        place="fr",
    )

    assert (questions(interview), answers(interview)) == (
        ["Pourquoi partir ?", "Et ensuite ?"],
        [["Parce que tout a changé."], ["On verra."]],
    )


def test_bulleted_list_in_an_answer_is_not_taken_for_questions():
    interview = find_exchanges(
        body(
            "– Quelles priorités ?",
            "Trois :",
            "– la formation ;",
            "– le logement ;",
            "– Et le budget ?",
            "Il suit.",
        ),
        place="fr",
    )

    assert answers(interview)[0] == ["Trois :", "– la formation ;", "– le logement ;"]


def test_heading_inside_an_answer_is_left_out_with_a_warning():
    interview = find_exchanges(
        body(
            "Pourquoi ?",
            "Parce que.",
            "Un tournant",
            "Ensuite.",
            "Et après ?",
            "Rien.",
            bold=(1, 5),
            heading=(3,),
        ),
        place="fr",
    )

    assert (answers(interview)[0], interview.warnings) == (
        ["Parce que.", "Ensuite."],
        ["fr: the intertitle “Un tournant” was left out."],
    )


def test_question_without_answer_raises_quoting_it_and_the_next_question():
    with pytest.raises(ImportProblem) as problem:
        find_exchanges(
            body("– Pourquoi ?", "Parce que.", "– Et ?", "– Comment ?", "Ainsi."), place="fr"
        )

    assert str(problem.value) == (
        "fr, exchange 2: the question “– Et ?” has no answer (the next question is “– Comment ?”)."
    )


def test_last_question_without_answer_raises_quoting_it():
    with pytest.raises(ImportProblem) as problem:
        find_exchanges(body("– Pourquoi ?", "Parce que.", "– Et ?"), place="fr")

    assert str(problem.value) == (
        "fr, exchange 2: the question “– Et ?” has no answer (the text ends there)."
    )


def test_text_without_questions_is_not_an_interview():
    with pytest.raises(ImportProblem) as problem:
        find_exchanges(body("Le conseil a voté.", "Les travaux commencent."), place="en")

    assert str(problem.value) == (
        "en: not an interview: no question/answer structure found in the text from “Le conseil "
        "a voté.” to “Les travaux commencent.”."
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("L'Express : Vous dites", "L'Express"),
        ("REDOUANE EL HALOUI. – Oui", "REDOUANE EL HALOUI"),
        ("R. El Haloui. – Oui", "R. El Haloui"),
        ("Q. Pourquoi ?", "Q"),
    ],
)
def test_speaker_label_reads_the_label_opening_a_paragraph(text, name):
    assert speaker_label(text).name == name


def test_speaker_label_ignores_prose_with_a_colon():
    assert speaker_label("Nous avons identifié plusieurs axes : compétences et cloud.") is None


@pytest.mark.parametrize("label", ["R. El Haloui", "REDOUANE EL HALOUI", "El Haloui"])
def test_same_party_matches_abbreviated_and_capitalised_names(label):
    assert same_party(label, "Redouane El Haloui")


def test_same_party_tells_different_people_apart():
    assert not same_party("Marie Curie", "Redouane El Haloui")


def test_answer_paragraphs_opening_on_the_same_name_are_not_signatures():
    interview = find_exchanges(
        body(
            "– Quel pays vous inspire ?",
            "Le Maroc : il a investi tôt dans les réseaux.",
            "– Et ensuite ?",
            "Le Maroc : encore lui, pour ses data centers.",
        ),
        place="fr",
    )

    assert answers(interview) == [
        ["Le Maroc : il a investi tôt dans les réseaux."],
        ["Le Maroc : encore lui, pour ses data centers."],
    ]


def test_nothing_after_the_header_is_not_an_interview():
    with pytest.raises(ImportProblem) as problem:
        find_exchanges([], place="fr")

    assert str(problem.value) == "fr: not an interview: no text after the title and header."
