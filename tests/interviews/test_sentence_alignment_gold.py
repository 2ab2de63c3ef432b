"""Sentences split and aligned on real French–English press text: the hand-aligned gold set
in fixtures/sentence_alignment/, then single cases taken from real releases and articles."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from benchmarks.sentence_alignment import evaluate, load_gold
from interviews.sentences import align_sentences, split_sentences


@pytest.fixture(scope="module")
def gold():
    return load_gold()


def texts(text: str, lang: str) -> list[str]:
    return [sentence.text for sentence in split_sentences(text, lang)]


def kinds(texts: dict[str, str]) -> list[str]:
    return [bead.kind() for bead in align_sentences(texts).beads]


def test_gold_set_has_sixty_links_and_sentences_without_one_to_one_translation(gold):
    beads = [bead for paragraph in gold for bead in paragraph.beads]
    bead_kinds = Counter(f"{len(fr)}-{len(en)}" for fr, en in beads)
    assert sum(len(fr) * len(en) for fr, en in beads) >= 60
    assert bead_kinds["2-1"] >= 5
    assert bead_kinds["1-0"] >= 1
    assert len({paragraph.source for paragraph in gold}) >= 10


def test_gold_alignment_f1_is_at_least_0_95(gold):
    assert evaluate(gold).links.f1 >= 0.95


def test_gold_sentence_starts_are_found_in_both_languages(gold):
    report = evaluate(gold)
    for lang in ("fr", "en"):
        assert report.boundaries[lang].precision >= 0.95
        assert report.boundaries[lang].recall >= 0.95


def test_gold_file_whose_sentences_leave_text_out_is_refused(tmp_path):
    paragraph = {
        "fr": "Mary Simon. Gouverneure générale du Canada",
        "en": "Mary Simon",
        "beads": [{"fr": ["Mary Simon."], "en": ["Mary Simon"]}],
    }
    (tmp_path / "broken.json").write_text(json.dumps({"paragraphs": [paragraph]}))
    with pytest.raises(ValueError, match=r"broken\.json, paragraph 1 \(fr\)"):
        load_gold(tmp_path)


def test_french_titles_and_initials_do_not_end_a_sentence():
    # UN press release SG/SM/14039, 2011; 24 heures (AFP), January 2019.
    assert texts(
        "La déclaration suivante a été communiquée aujourd’hui par le Porte-parole du "
        "Secrétaire général de l’ONU, M. Ban Ki-moon:",
        "fr",
    ) == [
        "La déclaration suivante a été communiquée aujourd’hui par le Porte-parole du "
        "Secrétaire général de l’ONU, M. Ban Ki-moon:"
    ]
    sentence = (
        "MM. Trump et Trudeau «ont réaffirmé l'importance de respecter l'indépendance "
        "judiciaire et la primauté du droit» dans ce dossier, précise le communiqué du "
        "cabinet du Premier ministre canadien."
    )
    assert texts(sentence, "fr") == [sentence]


def test_percentages_and_titles_inside_two_french_sentences():
    # La Presse Canadienne via canadafrancais.com, November 2024.
    first = (
        "Le Canada subit une pression croissante de la part de ses alliés, et notamment les "
        "États-Unis, pour atteindre l’objectif de l’OTAN de consacrer 2 % de son PIB à la "
        "défense."
    )
    second = (
        "Alors que tous les alliés ont accepté d’atteindre au moins cette cible, M. Trudeau "
        "a déclaré que le Canada ne l’atteindrait qu’en 2032."
    )
    assert texts(f"{first} {second}", "fr") == [first, second]


def test_decimal_comma_and_quoted_words_inside_a_french_sentence():
    # Canadian Heritage, Fête nationale du Québec, 24 June 2022.
    first = (
        "OTTAWA, ON, le 24 juin 2022 /CNW Telbec/ - Aujourd'hui, on est 8,5 millions de "
        "personnes à célébrer notre « belle province »."
    )
    second = (
        "Comme ministre du Patrimoine canadien et lieutenant du Québec, je veux vous "
        "souhaiter une bonne et heureuse Fête nationale du Québec!"
    )
    assert texts(f"{first} {second}", "fr") == [first, second]


def test_english_abbreviations_do_not_end_a_sentence():
    # Prime Minister of Canada, readout of 14 February 2020; a Government of Canada release
    # listed by awdnet.ca.
    first = (
        "The group discussed relations with China, and the Prime Minister thanked the U.S. "
        "legislators for their ongoing support for the two Canadians, Michael Kovrig and "
        "Michael Spavor, who continue to be arbitrarily detained in China."
    )
    second = (
        "They also discussed collaboration on coronavirus, with Canada thanking the U.S. for "
        "its assistance evacuating Canadians from Wuhan, China."
    )
    assert texts(f"{first} {second}", "en") == [first, second]
    sentence = (
        "Today, the Honourable Jim Carr, Minister and Special Representative for the "
        "Prairies, on behalf of the Honourable Catherine McKenna, Minister of Infrastructure "
        "and Communities, the Honourable Prasad Panda, Alberta’s Minister of Infrastructure, "
        "and Dr. Diana Steinhauer, President of the Yellowhead Tribal College, announced "
        "joint funding to upgrade educational facilities at the Yellowhead Tribal College."
    )
    assert texts(sentence, "en") == [sentence]


def test_abbreviated_month_before_a_year_does_not_end_a_french_sentence():
    # Canada Economic Development for Quebec Regions, releases of 2022 and 2025.
    for dateline in (
        "ROUYN-NORANDA, QC, le 8 nov. 2022 /CNW Telbec/ - Développement économique Canada "
        "pour les régions du Québec (DEC)",
        "CHAMBORD, QC, le 11 févr. 2025 /CNW/ - Développement économique Canada pour les "
        "régions du Québec (DEC)",
    ):
        assert texts(dateline, "fr") == [dateline]


def test_ellipsis_before_a_capital_ends_a_sentence():
    # Justin Trudeau to the Assembly of First Nations, 7 July 2015 (French text, as
    # republished on tradinewsmaroc.blogspot.com).
    assert texts(
        "Carolyn Bennett, notre porte-parole pour les Affaires autochtones… Les talentueux "
        "membres de l’équipe de la Commission libérale des peuples autochtones.",
        "fr",
    ) == [
        "Carolyn Bennett, notre porte-parole pour les Affaires autochtones…",
        "Les talentueux membres de l’équipe de la Commission libérale des peuples autochtones.",
    ]


def test_ellipsis_before_a_lowercase_word_does_not_end_a_sentence():
    # Le Devoir, June 2019.
    sentence = (
        "Mais la rencontre entre les deux dirigeants sera évidemment la plus suivie : Justin "
        "Trudeau et Donald Trump parleront de commerce (notamment avec la Chine) et de la "
        "détention des deux ressortissants canadiens… en Chine, sujet que le président "
        "américain a promis d’aborder avec le président chinois lors du G20, qui doit se "
        "tenir au Japon la semaine prochaine."
    )
    assert texts(sentence, "fr") == [sentence]


def test_sentence_ends_inside_french_quotes_set_with_non_breaking_spaces():
    # Radio-Canada with La Presse Canadienne, 25 November 2015; the non-breaking spaces of
    # French typography are put inside « » here, the stored copy has ordinary spaces.
    paragraph = (
        "«\u00a0C'était des moments merveilleux parce que je savais à quel point mon père "
        "l'aimait, a-t-il ajouté. Mon père était vraiment fier de présenter son fils à la "
        "reine.\u00a0» M. Trudeau a lui-même fait le voyage avec sa femme et ses deux plus "
        "jeunes enfants."
    )
    sentences = split_sentences(paragraph, "fr")
    assert [s.text for s in sentences] == [
        "«\u00a0C'était des moments merveilleux parce que je savais à quel point mon père "
        "l'aimait, a-t-il ajouté.",
        "Mon père était vraiment fier de présenter son fils à la reine.\u00a0»",
        "M. Trudeau a lui-même fait le voyage avec sa femme et ses deux plus jeunes enfants.",
    ]
    assert all(paragraph[s.start : s.end] == s.text for s in sentences)


def test_two_french_sentences_translated_by_one_english_sentence_make_one_bead():
    # Governor General of Canada, National Indigenous Languages Day, 31 March 2025.
    assert kinds(
        {
            "fr": "Le Canada est le foyer de plus de 70 langues autochtones. Chacune d'entre "
            "elles propose des perspectives uniques et témoigne de la vitalité de notre "
            "histoire collective. Ces langues véhiculent les connaissances, les valeurs et les "
            "traditions des communautés des Premières Nations, des Inuits et des Métis, et "
            "sont au cœur de notre identité nationale distincte.",
            "en": "Canada is home to over 70 Indigenous languages, each offering a unique "
            "perspective and representing a vital part of our shared history. These "
            "languages reflect the knowledge, values and traditions of First Nations, Inuit "
            "and Métis communities, and are central to our distinct national identity.",
        }
    ) == ["2-1", "1-1"]


def test_one_french_sentence_translated_by_two_english_sentences_makes_one_bead():
    # Macron, address of 16 March 2020; the English is a machine translation (so it is not
    # in the gold set, which holds no real 1-2 bead): it checks the mechanics only.
    assert kinds(
        {
            "fr": "Mes chers compatriotes, nous sommes en guerre. Jusqu'alors, l'épidémie "
            "était peut-être pour certains une idée lointaine, elle est devenue une réalité "
            "immédiate, pressante.",
            "en": "My dear compatriots, we are at war. Until then, the epidemic was perhaps "
            "for some a distant idea. It has become an immediate, pressing reality.",
        }
    ) == ["1-1", "1-2"]


def test_paragraph_without_translation_gives_one_bead_per_sentence():
    # L'Opinion, 5 October 2024: the standfirst the English version left out.
    standfirst = (
        "Le lancement de la nouvelle stratégie « Maroc Digital 2030 » a introduit "
        "d'importantes mesures incitatives pour encourager l'innovation et dynamiser le "
        "développement des startups. Redouane El Haloui, président de la Fédération des "
        "Technologies de l'Information, de la Télécommunication et de l'Offshoring (APEBI), "
        "met en lumière les clés du changement et forge une vision éclairée pour cette "
        "transformation."
    )
    assert kinds({"fr": standfirst, "en": ""}) == ["1-0", "1-0"]
    assert kinds({"fr": "", "en": "Mary Simon"}) == ["0-1"]
