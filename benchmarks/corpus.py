"""A large, deterministic archive made of real French and English sentences, recombined.

``generate`` is pure: the same size and seed give the same interviews, sentence for
sentence. ``load`` writes them through the project's models in bulk, in one transaction;
``bulk_create`` sends no signals, so the caller rebuilds the index afterwards with the
project's own ``rebuild_index`` command, as after any bulk load.
"""

from __future__ import annotations

import html
import itertools
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from interviews.importing import AlignedExchange  # the same shape an import produces
from interviews.sources import read_source

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SLUG_PREFIX = "bench-"
DEFAULT_SEED = 2024

_TAG = re.compile(r"<[^>]+>")
_SENTENCE_END = re.compile(r"(?<=[.!?…»”])\s+(?=[«“\"A-ZÀ-ÖØ-Þ])")
_LEADER = re.compile(r"^[-–—•*>\s]+|^(?:Q|R|A)\s*[:.–-]\s*")
# Page furniture the fixtures keep on purpose (they test the importer's boilerplate removal).
_FURNITURE = re.compile(
    r"newsletter|cliquez|abonn|publié|published|propos recueillis|interview (?:by|with)|©|"
    r"signalé|bloquée|lire aussi|read more|\bpar\b [A-Z][a-z]+ [A-Z]",
    re.IGNORECASE,
)

OUTLETS = [
    ("Le Monde", "https://www.lemonde.fr/"),
    ("Libération", "https://www.liberation.fr/"),
    ("Le Figaro", "https://www.lefigaro.fr/"),
    ("Ouest-France", "https://www.ouest-france.fr/"),
    ("L'Opinion", "https://www.lopinion.ma/"),
    ("Jeune Afrique", "https://www.jeuneafrique.com/"),
    ("Le Devoir", "https://www.ledevoir.com/"),
    ("La Presse", "https://www.lapresse.ca/"),
    ("Le Temps", "https://www.letemps.ch/"),
    ("Le Soir", "https://www.lesoir.be/"),
    ("The Guardian", "https://www.theguardian.com/"),
    ("Financial Times", "https://www.ft.com/"),
]
TOPICS = [
    ("numerique", "Numérique", "Digital"),
    ("economie", "Économie", "Economy"),
    ("climat", "Climat", "Climate"),
    ("sante", "Santé", "Health"),
    ("education", "Éducation", "Education"),
    ("culture", "Culture", "Culture"),
    ("politique", "Politique", "Politics"),
    ("ville", "Ville", "Cities"),
    ("energie", "Énergie", "Energy"),
    ("agriculture", "Agriculture", "Agriculture"),
]
FIRST_NAMES = [
    "Amina", "Bruno", "Camille", "Daniel", "Élise", "Farid", "Hannah", "Inès", "Julien",
    "Karim", "Léa", "Malik", "Nadia", "Olivier", "Paul", "Rachida", "Sophie", "Thomas",
    "Yasmine", "Zoé", "Redouane", "Chloé", "Hugo", "Salma",
]  # fmt: skip
LAST_NAMES = [
    "Marchand", "Okafor", "Perrot", "Benali", "Dubois", "Lefèvre", "Moreau", "Haddad",
    "Girard", "Nguyen", "Price", "Laurent", "Rousseau", "El Haloui", "Fontaine", "Diallo",
    "Mercier", "Blanc", "Chevalier", "Traoré", "Garnier", "Faure", "Bertrand", "Roux",
]  # fmt: skip
ROLES = [
    ("économiste", "economist"),
    ("maire", "mayor"),
    ("ministre", "minister"),
    ("chercheuse", "researcher"),
    ("cheffe d'entreprise", "business owner"),
    ("présidente de fédération", "federation president"),
    ("climatologue", "climatologist"),
    ("médecin", "doctor"),
]


@dataclass(frozen=True)
class TextPool:
    """Sentences and questions of one language, in a fixed, seeded order of frequency."""

    sentences: tuple[str, ...]
    questions: tuple[str, ...]


@dataclass(frozen=True)
class GeneratedInterview:
    slug: str
    title: dict[str, str]
    standfirst: dict[str, str]
    outlet: int  # index into OUTLETS
    interviewee: int  # index into people()
    topics: tuple[int, ...]  # indexes into TOPICS
    published_on: date
    original_language: str
    exchanges: tuple[AlignedExchange, ...]


def _source_texts() -> Iterator[tuple[str, str]]:
    """(language, text) of every real article kept in ``fixtures/``."""
    for path in sorted((FIXTURES / "seed").glob("*.txt")):
        yield path.stem, path.read_text()
    for path in sorted((FIXTURES / "layouts").iterdir()):
        match = re.search(r"_(fr|en)(?:_only)?\.\w+$", path.name)
        if match and not path.name.startswith("9"):  # 9x are the broken layouts
            # Read as an import reads it: some are Word files or in legacy encodings.
            yield match.group(1), read_source(path, lang=match.group(1)).content


@cache
def text_pools() -> dict[str, TextPool]:
    sentences: dict[str, dict[str, None]] = {"fr": {}, "en": {}}
    questions: dict[str, dict[str, None]] = {"fr": {}, "en": {}}
    for lang, raw in _source_texts():
        text = html.unescape(_TAG.sub("\n", raw))
        for line in text.splitlines():
            line = _LEADER.sub("", line.strip()).strip()
            for sentence in _SENTENCE_END.split(line):
                sentence = sentence.strip()
                if not 25 <= len(sentence) <= 400 or _FURNITURE.search(sentence):
                    continue
                target = questions if sentence.endswith("?") else sentences
                target[lang][sentence] = None
    return {lang: TextPool(tuple(sentences[lang]), tuple(questions[lang])) for lang in ("fr", "en")}


class _Sampler:
    """Draws items with Zipf-like weights, so some sentences are common and some rare
    (as words are in a real archive); which ones is fixed by the seed."""

    def __init__(self, items: tuple[str, ...], rng: random.Random) -> None:
        self.items = list(items)
        rng.shuffle(self.items)
        self.cumulative = list(
            itertools.accumulate(1 / (rank + 1) ** 1.1 for rank in range(len(self.items)))
        )

    def draw(self, rng: random.Random, count: int) -> list[str]:
        """``count`` items, or fewer when a draw repeats one (never twice in a row)."""
        return list(dict.fromkeys(rng.choices(self.items, cum_weights=self.cumulative, k=count)))


def people() -> list[tuple[str, str, str]]:
    """(name, role_fr, role_en) of everyone the corpus interviews."""
    return [
        (f"{first} {last}", *ROLES[(i + j) % len(ROLES)])
        for i, first in enumerate(FIRST_NAMES)
        for j, last in enumerate(LAST_NAMES)
    ]


def generate(size: int, seed: int = DEFAULT_SEED) -> Iterator[GeneratedInterview]:
    """``size`` interviews of about 8 exchanges with answers of about 4 paragraphs."""
    rng = random.Random(seed)
    pools = text_pools()
    samplers = {
        lang: (_Sampler(pool.sentences, rng), _Sampler(pool.questions, rng))
        for lang, pool in pools.items()
    }
    persons = people()
    start = date(2005, 1, 1)
    for number in range(1, size + 1):
        interviewee = rng.randrange(len(persons))
        name = persons[interviewee][0]
        exchanges = []
        for _ in range(rng.randint(6, 10)):
            paragraph_count = rng.randint(2, 6)
            lengths = [rng.randint(1, 3) for _ in range(paragraph_count)]
            exchanges.append(
                AlignedExchange(
                    question={lang: samplers[lang][1].draw(rng, 1)[0] for lang in pools},
                    answer={
                        lang: [" ".join(samplers[lang][0].draw(rng, n)) for n in lengths]
                        for lang in pools
                    },
                )
            )
        quote = {lang: samplers[lang][0].draw(rng, 1)[0] for lang in pools}
        yield GeneratedInterview(
            slug=f"{SLUG_PREFIX}s{seed}-{number:05d}",
            title={
                "fr": f"{name} : « {_shorten(quote['fr'])} »",
                "en": f"{name}: “{_shorten(quote['en'])}”",
            },
            standfirst={lang: " ".join(samplers[lang][0].draw(rng, 2)) for lang in pools},
            outlet=rng.randrange(len(OUTLETS)),
            interviewee=interviewee,
            topics=tuple(sorted(rng.sample(range(len(TOPICS)), rng.randint(1, 3)))),
            published_on=start + timedelta(days=rng.randrange(20 * 365)),
            original_language="fr" if rng.random() < 0.7 else "en",
            exchanges=tuple(exchanges),
        )


def _shorten(sentence: str, limit: int = 120) -> str:
    if len(sentence) <= limit:
        return sentence.rstrip(".")
    return sentence[:limit].rsplit(" ", 1)[0] + "…"


@dataclass(frozen=True)
class Profile:
    """A kind of corpus: what writes it, whom it interviews, how its slugs start."""

    name: str
    generate: Callable[[int, int], Iterator[GeneratedInterview]]
    people: Callable[[], list[tuple[str, str, str]]]
    mark: str

    def prefix(self, seed: int) -> str:
        return f"{SLUG_PREFIX}{self.mark}{seed}-"


def profile(name: str) -> Profile:
    """ "recombined" (this module's sentences) or "realistic" (``benchmarks.realistic``,
    which needs the bench extra)."""
    if name == "realistic":
        from . import realistic

        return Profile(name, realistic.generate, realistic.people, realistic.SLUG_MARK)
    return Profile(name, generate, people, "s")


def load(
    size: int, seed: int = DEFAULT_SEED, *, batch: int = 500, profile_name: str = "recombined"
) -> None:
    """Write ``size`` interviews of the profile to the database, in bulk and in one
    transaction."""
    from django.db import transaction
    from django.utils.text import slugify

    from interviews.models import Exchange, Interview, Outlet, Person, Topic
    from interviews.paragraphs import join_paragraphs

    chosen = profile(profile_name)

    reviewed = Interview.TranslationStatus.REVIEWED
    with transaction.atomic():
        outlets = Outlet.objects.bulk_create(
            Outlet(name=name, slug=slugify(name), website=site) for name, site in OUTLETS
        )
        persons = Person.objects.bulk_create(
            Person(name=name, slug=slugify(name), role_fr=role_fr, role_en=role_en)
            for name, role_fr, role_en in chosen.people()
        )
        topics = Topic.objects.bulk_create(
            Topic(slug=slug, name_fr=fr, name_en=en) for slug, fr, en in TOPICS
        )
        generated = chosen.generate(size, seed)
        while chunk := list(itertools.islice(generated, batch)):
            interviews = Interview.objects.bulk_create(
                Interview(
                    slug=item.slug,
                    title_fr=item.title["fr"],
                    title_en=item.title["en"],
                    standfirst_fr=item.standfirst["fr"],
                    standfirst_en=item.standfirst["en"],
                    outlet=outlets[item.outlet],
                    published_on=item.published_on,
                    original_language=item.original_language,
                    status=Interview.Status.PUBLISHED,
                    **{
                        f"translation_status_{lang}": reviewed
                        for lang in ("fr", "en")
                        if lang != item.original_language
                    },
                )
                for item in chunk
            )
            Interview.interviewees.through.objects.bulk_create(
                Interview.interviewees.through(
                    interview=interview, person=persons[item.interviewee]
                )
                for interview, item in zip(interviews, chunk, strict=True)
            )
            Interview.topics.through.objects.bulk_create(
                Interview.topics.through(interview=interview, topic=topics[topic])
                for interview, item in zip(interviews, chunk, strict=True)
                for topic in item.topics
            )
            # No uid given: each Exchange draws its own from the model's default.
            Exchange.objects.bulk_create(
                Exchange(
                    interview=interview,
                    position=position,
                    question_fr=exchange.question["fr"],
                    question_en=exchange.question["en"],
                    answer_fr=join_paragraphs(exchange.answer["fr"]),
                    answer_en=join_paragraphs(exchange.answer["en"]),
                    status_fr=Exchange.Status.REVIEWED,
                    status_en=Exchange.Status.REVIEWED,
                )
                for interview, item in zip(interviews, chunk, strict=True)
                for position, exchange in enumerate(item.exchanges, start=1)
            )
