from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from interviews.importing import ImportProblem, parse_article
from interviews.importing.parsing import detect_language, paragraphs_from_text

LAYOUTS = Path(__file__).resolve().parents[2] / "fixtures" / "layouts"


def parse(name: str, lang: str | None = None):
    return parse_article((LAYOUTS / name).read_text(encoding="utf-8"), lang=lang, filename=name)


def answer_sizes(article) -> list[int]:
    return [len(exchange.answer) for exchange in article.exchanges]


def problem(name: str, lang: str | None = None) -> str:
    with pytest.raises(ImportProblem) as raised:
        parse(name, lang)
    return str(raised.value)


def test_detect_language_tells_french():
    assert detect_language("Nous avons identifié les axes de la stratégie pour le pays.") == "fr"


def test_detect_language_tells_english():
    assert detect_language("We have identified the axes of the strategy for the country.") == "en"


def test_paragraphs_from_text_takes_one_paragraph_per_line():
    text = "Titre\nPremier paragraphe.\n\nSecond paragraphe."

    assert [(p.text, p.line) for p in paragraphs_from_text(text)] == [
        ("Titre", 1),
        ("Premier paragraphe.", 2),
        ("Second paragraphe.", 4),
    ]


def test_paragraphs_from_text_joins_hard_wrapped_lines():
    text = (
        "The council voted on Tuesday to build eight\n"
        "kilometres of protected cycle lanes along the\n"
        "ring road.\n"
        "\n"
        "Work is due to begin in the autumn and to be\n"
        "completed by the end of next year.\n"
    )

    assert [(p.text, p.line) for p in paragraphs_from_text(text)] == [
        (
            "The council voted on Tuesday to build eight kilometres of protected cycle lanes "
            "along the ring road.",
            1,
        ),
        ("Work is due to begin in the autumn and to be completed by the end of next year.", 5),
    ]


def test_paragraphs_from_text_leaves_site_chrome_out():
    text = "Partager sur Facebook\nUne réponse.\n© 2024 Tous droits réservés"

    assert [(p.text, p.line) for p in paragraphs_from_text(text)] == [("Une réponse.", 2)]


def test_paragraphs_from_text_keeps_french_typography():
    line = "« Nous allons\u00a0établir des data centers » – c’est l’objectif ; vraiment\u202f?"

    assert paragraphs_from_text(f"  {line}  ")[0].text == line


def test_parse_article_reads_html_page_with_bold_questions():
    article = parse("01_html_bold_questions_fr.html")

    assert (
        article.lang,
        article.title,
        article.outlet,
        article.published_on,
        article.interviewees,
        article.interviewer,
        answer_sizes(article),
    ) == (
        "fr",
        "Sophie Marchand : « La sobriété numérique n’est pas une punition »",
        "Le Courrier de l'Ouest",
        date(2024, 3, 14),
        ["Sophie Marchand"],
        "Julien Perrot",
        [2, 2, 2, 1],
    )


def test_parse_article_takes_html_intro_as_standfirst():
    assert parse("01_html_bold_questions_fr.html").standfirst.startswith("Ingénieure et autrice")


def test_parse_article_reads_q_r_layout_with_propos_recueillis():
    article = parse("02_q_r_propos_recueillis_fr.txt")

    assert (
        article.title,
        article.published_on,
        article.interviewees,
        article.interviewer,
        article.exchanges[1].question,
        article.exchanges[0].answer[0][:34],
        answer_sizes(article),
    ) == (
        "« Le franc CFA n’est plus un tabou, c’est une question d’agenda »",
        date(2013, 10, 30),
        ["Aminata Sow"],
        "Thomas Lefebvre",
        "Vous plaidez pour une monnaie commune à toute la Cedeao. Concrètement, à quoi "
        "ressemblerait-elle ?",
        "Parce que la génération qui arrive",
        [2, 2, 1, 1],
    )


def test_parse_article_reads_unmarked_english_questions():
    article = parse("03_unmarked_questions_en.txt")

    assert (
        article.lang,
        article.title,
        article.published_on,
        article.interviewees,
        article.interviewer,
        [exchange.question for exchange in article.exchanges],
        answer_sizes(article),
    ) == (
        "en",
        '"Cities must plan for heat, not just for floods"',
        date(2024, 10, 5),
        ["Hannah Okafor"],
        "Daniel Price",
        [
            "Why do you say cities are preparing for the wrong disaster?",
            "What should a mayor do first?",
            "Are green roofs worth the hype?",
            "Do you expect national governments to step in?",
        ],
        [2, 2, 1, 1],
    )


def test_parse_article_keeps_question_opening_an_answer_paragraph_in_the_answer():
    article = parse("03_unmarked_questions_en.txt")

    assert article.exchanges[0].answer[1].startswith("Is this a problem of money or of awareness?")


def test_parse_article_reads_outlet_prefixed_questions_and_named_answers():
    article = parse("04_outlet_prefix_named_answers_fr.txt")

    assert (
        article.outlet,
        article.published_on,
        article.interviewees,
        article.exchanges[0].question,
        article.exchanges[2].answer[0][:25],
        answer_sizes(article),
    ) == (
        "L'Express",
        date(2019, 2, 12),
        ["Jean-Marc Vidal"],
        "Vous dites que les élèves lisent plus qu’avant, mais moins bien. Expliquez-nous.",
        "Je les comprends, mais c’",
        [2, 1, 1],
    )


def test_parse_article_keeps_rhetorical_questions_in_answers():
    article = parse("05_rhetorical_questions_le_monde_fr.txt")

    assert (
        answer_sizes(article),
        article.exchanges[0].answer[0][:26],
        article.exchanges[1].answer[1],
    ) == (
        [2, 3, 2],
        "Faut-il avoir peur ? Non. ",
        "Qui aurait parié là-dessus il y a dix ans ?",
    )


def test_parse_article_reads_le_monde_header():
    article = parse("05_rhetorical_questions_le_monde_fr.txt")

    assert (article.outlet, article.published_on, article.interviewer, article.interviewees) == (
        "Le Monde",
        date(2013, 10, 24),
        "Claire Guélaud",
        ["Pierre Lemoine"],
    )


def test_parse_article_reads_signed_answers_and_names_the_interviewee():
    article = parse("08_signed_answers_fr_only.txt")

    assert (
        article.outlet,
        article.published_on,
        article.interviewees,
        article.exchanges[1].question,
        article.exchanges[1].answer,
    ) == (
        "Le Petit Journal",
        date(2024, 10, 1),
        ["Alain Bertrand"],
        "Le jazz serait donc une musique sans frontières…",
        [
            "C’est une musique d’immigrés, depuis le début. Elle est née de la rencontre de gens "
            "qui ne parlaient pas la même langue et qui ont trouvé un terrain commun."
        ],
    )


def test_parse_article_leaves_site_chrome_out_of_plain_text():
    article = parse("08_signed_answers_fr_only.txt")
    texts = [article.title, article.standfirst] + [
        text for exchange in article.exchanges for text in (exchange.question, *exchange.answer)
    ]

    assert not any(
        noise in text
        for text in texts
        for noise in ("Partager", "Accueil", "Lecture 4 min", "newsletter", "©")
    )


def test_parse_article_uses_the_language_it_is_given():
    assert parse("03_unmarked_questions_en.txt", lang="en").lang == "en"


def test_parse_article_rejects_an_unknown_language():
    assert problem("03_unmarked_questions_en.txt", lang="de") == (
        "03_unmarked_questions_en.txt: unknown language “de”."
    )


def test_parse_article_rejects_empty_text():
    assert problem("90_empty.txt", lang="fr") == "fr (90_empty.txt): the text is empty."


def test_parse_article_rejects_text_made_only_of_site_chrome():
    assert problem("91_only_boilerplate.txt") == (
        "91_only_boilerplate.txt: not an interview: only the site’s menus, links and notices, "
        "no article text."
    )


def test_parse_article_rejects_an_article_that_is_not_an_interview():
    assert problem("92_news_report_not_an_interview_en.txt") == (
        "en (92_news_report_not_an_interview_en.txt): not an interview: no question/answer "
        "structure found in the text from “The city council voted on Tuesday to build eight "
        "kilometres…” to “Work is due to begin in the autumn and to be completed by…”."
    )


def test_parse_article_rejects_a_question_without_answer():
    assert problem("94_missing_answer_fr.txt") == (
        "fr (94_missing_answer_fr.txt), exchange 2: the question “– Par quoi remplacez-vous le "
        "ski ?” has no answer (the next question is “– Combien cela coûte-t-il ?”)."
    )
