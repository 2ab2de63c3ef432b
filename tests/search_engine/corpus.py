"""Test documents made from the archive's seed interview (its French article and English
translation), answer paragraphs aligned one to one, plus a factory for synthetic ones."""

from __future__ import annotations

import hashlib
import itertools
from datetime import date

from search.documents import SearchDocument

SEED_SLUG = "redouane-el-haloui-data-centers-accessibles-a-tous"
SEED_DATE = date(2024, 10, 5)
EXCHANGE_UIDS = {1: "a1d0c3e05001", 2: "a1d0c3e05002", 4: "a1d0c3e05004"}

TITLE = {
    "fr": "« Nous allons établir des data centers accessibles à tous »",
    "en": "“We are going to establish data centers accessible to all”",
}
STANDFIRST = {
    "fr": (
        "Le lancement de la nouvelle stratégie « Maroc Digital 2030 » a introduit "
        "d'importantes mesures incitatives pour encourager l'innovation et dynamiser le "
        "développement des startups. Redouane El Haloui, président de la Fédération des "
        "Technologies de l'Information, de la Télécommunication et de l'Offshoring (APEBI), "
        "met en lumière les clés du changement et forge une vision éclairée pour cette "
        "transformation."
    ),
    "en": "",
}

# "<exchange>:q" is the question, "<exchange>:p<n>" answer paragraph n.
UNITS = {
    "1:q": {
        "fr": (
            "D'importantes initiatives ont été entreprises pour encourager l'innovation dans le "
            "cadre de Digital Morocco 2030. Quels axes transversaux ont été identifiés pour le "
            "développement au Maroc ?"
        ),
        "en": (
            "Important initiatives have been undertaken to encourage innovation within the "
            "framework of Digital Morocco 2030. What transversal axes have been identified for "
            "development in Morocco?"
        ),
    },
    "1:p1": {
        "fr": (
            "Nous avons identifié plusieurs axes transversaux essentiels pour notre développement"
            " : compétences, connectivité et cloud. Nous allons établir des data centers "
            "accessibles à tous, au service des citoyens et des entreprises. Il est évident que "
            "cette infrastructure est indispensable. Parmi les incitations mises en place, une "
            "attention particulière est portée à l'outsourcing et à l'export numérique. Nous "
            "connaissons bien le modèle d'offshoring avec les multinationales, mais, aujourd'hui,"
            " il est crucial de promouvoir l'exportation de produits et de services innovants. "
            "Bien sûr, il est important de soutenir l'offshoring, car ces grandes entreprises "
            "recrutent massivement et attirent les talents dans le secteur IT."
        ),
        "en": (
            "We have identified several transversal axes essential for our development: skills, "
            "connectivity and cloud. We will establish data centers accessible to all, serving "
            "citizens and businesses. It is obvious that this infrastructure is essential. Among "
            "the incentives put in place, particular attention is paid to outsourcing and digital"
            " export. We are familiar with the offshoring model with multinationals, but today it"
            " is crucial to promote the export of innovative products and services. Of course, it"
            " is important to support offshoring, because these large companies recruit massively"
            " and attract talent in the IT sector."
        ),
    },
    "1:p2": {
        "fr": (
            "Cependant, nous avons également une multitude de PME tech et de startups offrant des"
            " solutions novatrices prêtes à s'exporter. Le marché marocain peut sembler limité, "
            "mais le potentiel africain est immense, sans oublier notre proximité avec l'Europe. "
            "Une stratégie d'exportation efficace est donc essentielle. Au sein de notre "
            "Fédération, nous avons déjà commencé à élaborer une stratégie opérationnelle, "
            "initiée durant mon précédent mandat et poursuivie après ma réélection le 18 juillet."
            " Notre objectif est de saisir des opportunités pour nos membres, car la concurrence "
            "sur le marché est forte."
        ),
        "en": (
            "However, we also have a multitude of tech SMEs and startups offering innovative "
            "solutions ready to export. The Moroccan market may seem limited, but the African "
            "potential is immense, without forgetting our proximity to Europe. An effective "
            "export strategy is therefore essential. Within our Federation, we have already "
            "started to develop an operational strategy, initiated during my previous mandate and"
            " continued after my re-election on July 18. Our goal is to seize opportunities for "
            "our members, as competition in the market is high."
        ),
    },
    "2:q": {
        "fr": (
            "Comment le Maroc compte soutenir l'exportation et la transformation des entreprises ?"
        ),
        "en": ("How does Morocco intend to support exports and business transformation?"),
    },
    "2:p1": {
        "fr": (
            "Il est vital que le Maroc a réussi à se faire une place sur la scène internationale,"
            " car cela joue un rôle déterminant dans le développement économique du pays. La "
            "ministre et le gouvernement ont bien saisi l'importance de cette dynamique : il est "
            "impératif de soutenir la croissance nationale tout en développant des opportunités "
            "d'exportation pour les sociétés d'outsourcing, ainsi que pour les PME tech et les "
            "startups. Cette double approche permet non seulement de renforcer les capacités "
            "locales, mais aussi d'ouvrir de nouvelles perspectives sur des marchés extérieurs."
        ),
        "en": (
            "It is vital that Morocco has managed to carve out a place for itself on the "
            "international stage, as this plays a determining role in the economic development of"
            " the country. The minister and the government have clearly understood the importance"
            " of this dynamic: it is imperative to support national growth while developing "
            "export opportunities for outsourcing companies, as well as for tech SMEs and "
            "startups. This dual approach not only strengthens local capacities, but also opens "
            "up new perspectives on external markets."
        ),
    },
    "4:q": {
        "fr": (
            "Quels changements sont attendus pour la modernisation de l'administration publique ?"
        ),
        "en": ("What changes are expected for the modernization of public administration?"),
    },
    "4:p1": {
        "fr": (
            "Dans le cadre de ce volet, et en tant que membre de la fédération, nous avons un "
            "rôle essentiel à jouer en matière de conseil, d'accompagnement, de coaching et "
            "d'orientation. J'ai constaté qu'il existe déjà des efforts de mutualisation et de "
            "capitalisation qui vont être mis en place, ce qui est un point très positif. La "
            "communication est également un aspect crucial, car elle permet d'assurer une bonne "
            "coordination et un pilotage global des initiatives. Cela favorise une approche "
            "cohérente et harmonisée dans le développement des services publics."
        ),
        "en": (
            "As part of this aspect, and as a member of the federation, we have an essential role"
            " to play in terms of advice, support, coaching and guidance. I noticed that there "
            "are already pooling and capitalization efforts that will be put in place, which is a"
            " very positive point. Communication is also a crucial aspect, because it ensures "
            "good coordination and overall management of initiatives. This promotes a coherent "
            "and harmonized approach in the development of public services."
        ),
    },
    "4:p2": {
        "fr": (
            "Un élément particulièrement intéressant souligné par Mme la ministre est l'idée d'un"
            " portail unique. Ce concept est révolutionnaire, car il évite la confusion actuelle "
            "où les citoyens ne savent pas vers quel site web se tourner pour accéder à un "
            "service spécifique. Avec un seul portail, tous les services seront centralisés, ce "
            "qui simplifiera considérablement l'accès à l'information et facilitera "
            "l'identification des doublons et des fonctions redondantes."
        ),
        "en": (
            "A particularly interesting element highlighted by the Minister is the idea of a "
            "single portal. This concept is revolutionary, as it avoids the current confusion "
            "where citizens do not know which website to turn to to access a specific service. "
            "With a single portal, all services will be centralized, significantly simplifying "
            "access to information and making it easier to identify duplicates and redundant "
            "functions."
        ),
    },
    "4:p3": {
        "fr": (
            "De plus, il est proposé de mettre en place un comité dédié autour de ce portail. Ce "
            "comité sera chargé d'identifier les fonctionnalités essentielles qui doivent être "
            "développées pour différents secteurs, tels que la Justice, la Santé, l'Agriculture "
            "et l'Intérieur. Cette approche collaborative permettra de s'assurer que les besoins "
            "de tous les citoyens sont pris en compte, tout en garantissant une meilleure "
            "efficacité et un service plus fluide. En somme, ce projet de portail unique "
            "représente une avancée majeure vers une administration plus moderne et plus "
            "accessible pour tous."
        ),
        "en": (
            "In addition, it is proposed to set up a dedicated committee around this portal. This"
            " committee will be responsible for identifying essential functionalities that need "
            "to be developed for different sectors, such as Justice, Health, Agriculture and "
            "Interior. This collaborative approach will ensure that the needs of all citizens are"
            " taken into account, while ensuring greater efficiency and smoother service. In "
            "short, this unique portal project represents a major step forward towards a more "
            "modern and more accessible administration for all."
        ),
    },
}


def seed_documents() -> list[SearchDocument]:
    """The seed interview's metadata document and a selection of its aligned units."""
    common = {
        "interview": SEED_SLUG,
        "original_language": "fr",
        "outlet": "l-opinion",
        "persons": ("redouane-el-haloui",),
        "topics": ("numerique", "economie"),
        "published_on": SEED_DATE,
        "title": TITLE,
    }
    meta = SearchDocument(
        key=f"{SEED_SLUG}:meta",
        exchange_uid=None,
        exchange=None,
        part="meta",
        paragraph=0,
        text=STANDFIRST,
        extra={
            "interviewees": "Redouane El Haloui",
            "outlet": "L'Opinion",
            "topics_fr": "Numérique, Économie",
            "topics_en": "Digital, Economy",
        },
        **common,
    )
    units = []
    for unit, text in UNITS.items():
        exchange, _, part = unit.partition(":")
        uid = EXCHANGE_UIDS[int(exchange)]
        units.append(
            SearchDocument(
                key=f"{uid}:{part}",
                exchange_uid=uid,
                exchange=int(exchange),
                part="question" if part == "q" else "answer",
                paragraph=0 if part == "q" else int(part[1:]),
                text=text,
                **common,
            )
        )
    return [meta, *units]


_numbers = itertools.count(1)


_DEFAULT_ABOUT = ("outlet-x", (), (), date(2024, 1, 15))


def _digest(about: tuple) -> str:
    return hashlib.sha1(repr(about).encode()).hexdigest()[:8]


def make_document(
    fr: str = "",
    en: str = "",
    *,
    interview: str | None = None,
    outlet: str = "outlet-x",
    persons: tuple[str, ...] = (),
    topics: tuple[str, ...] = (),
    published_on: date | None = date(2024, 1, 15),
    exchange: int = 1,
    paragraph: int | None = None,
    original_language: str = "fr",
) -> SearchDocument:
    """An answer paragraph with a fresh key, in a made-up interview: by default the one
    its outlet, people, topics and date make (an interview's documents share them, as the
    archive's do)."""
    paragraph = paragraph or next(_numbers)
    if interview is None:
        about = (outlet, persons, topics, published_on)
        interview = "interview-x" if about == _DEFAULT_ABOUT else f"interview-{_digest(about)}"
    uid = f"{interview}-{exchange}"
    return SearchDocument(
        key=f"{uid}:p{paragraph}",
        interview=interview,
        exchange_uid=uid,
        exchange=exchange,
        part="answer",
        paragraph=paragraph,
        text={"fr": fr, "en": en},
        original_language=original_language,
        outlet=outlet,
        persons=persons,
        topics=topics,
        published_on=published_on,
        title={"fr": f"Entretien {interview}", "en": f"Interview {interview}"},
    )
