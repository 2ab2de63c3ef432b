"""The article's header: title, date, outlet, who speaks and who asks.

Header lines ("Publié dans L'opinion le 05 - 10 - 2024", "Le Monde | 24.10.2013 à 12h41",
"Propos recueillis par …") are recognised whole: a line is metadata only when every part of
it is, so a sentence that happens to contain a date stays text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from .records import Paragraph

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "janvier janv jan january",
            "février fevrier févr fevr fév fev february feb",
            "mars mar march",
            "avril avr april apr",
            "mai may",
            "juin june jun",
            "juillet juil july jul",
            "août aout august aug",
            "septembre sept sep september",
            "octobre oct october",
            "novembre nov november",
            "décembre decembre déc dec december",
        ),
        start=1,
    )
    for name in names.split()
}

# Each form names its groups so that one match says which of day, month and year is which.
DATE_FORMS = (
    r"(?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?",
    r"(?P<num_d>\d{1,2})\s*[-/.]\s*(?P<num_m>\d{1,2})\s*[-/.]\s*(?P<num_y>\d{4})",
    r"(?P<dmy_d>\d{1,2})(?:er|st|nd|rd|th)?\s+(?P<dmy_m>[^\W\d_]{3,}\.?)\s+(?P<dmy_y>\d{4})",
    r"(?P<mdy_m>[^\W\d_]{3,}\.?)\s+(?P<mdy_d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<mdy_y>\d{4})",
)
DATE = "(?:" + "|".join(DATE_FORMS) + ")"
DATE_IN_TEXT = re.compile(rf"(?<!\d){DATE}(?!\d)", re.IGNORECASE)

WEEKDAY = (
    r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday),?\s+)?"
)
TIME = (
    r"(?:\s*(?:,|à|at|-|–)?\s*\d{1,2}\s*(?:h|:)\s*\d{0,2}(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*(?:UTC|GMT|CET|CEST|BST|EST|EDT|PST|PDT))?)?"
)
WHEN = rf"{WEEKDAY}(?P<date>{DATE}){TIME}"
UPDATE_TAIL = r"(?:\s*[-,;]\s*(?:mis à jour|modifié|actualisé|updated)\b.*)?"

# Names are matched case-sensitively inside otherwise case-insensitive patterns: capitals
# are what tells "Par Jean Dupont" (a byline) from "Par ailleurs" (prose).
NAME_WORD = r"(?:[dD]['’])?[A-ZÀ-ÖØ-Þ][\w'’.-]*"
PARTICLE = r"(?:de|du|des|la|le|van|von|der|den|di|da|el|al|ben|bin|ibn|y)"
NAME = rf"(?-i:{NAME_WORD}(?:\s+(?:{PARTICLE}\s+)*{NAME_WORD}){{1,3}})"
NAMES = rf"{NAME}(?:\s*(?:,|\bet\b|\band\b|&)\s*{NAME})*"
NAME_SEPARATOR = re.compile(r"\s*,\s*|\s+(?:et|and|&)\s+")

# How good a date is as the publication date: the first publication beats a bare date,
# which beats an update.
PUBLISHED, DATED, UPDATED = 0, 1, 2

SEGMENT_PATTERNS = tuple(
    (re.compile(pattern, re.IGNORECASE), rank)
    for pattern, rank in (
        (rf"publié dans (?P<outlet>.+?) le {WHEN}{UPDATE_TAIL}", PUBLISHED),
        (
            rf"(?:publié|mis en ligne|paru|published|posted|first published)(?: le| on|\s*:)?\s+"
            rf"{WHEN}{UPDATE_TAIL}",
            PUBLISHED,
        ),
        (
            rf"(?:mis à jour|actualisé|modifié|updated|last updated)(?: le| on|\s*:)?\s+{WHEN}",
            UPDATED,
        ),
        (rf"(?:le\s+|on\s+)?{WHEN}{UPDATE_TAIL}", DATED),
        (
            rf"(?:propos recueillis|entretien réalisé|interview réalisée|recueillis) par\s+"
            rf"(?P<interviewer>{NAMES})(?:[,.].*)?",
            None,
        ),
        (
            r"(?:propos recueillis|entretien réalisé|interview réalisée) par\s+(?P<interviewer>.+)",
            None,
        ),
        (
            rf"(?:interview(?:ed)? by|interview conducted by|as told to)\s+"
            rf"(?P<interviewer>{NAMES})",
            None,
        ),
        (r"sources?\s*:\s*(?P<outlet>.{2,60})", None),
        (r"by (?P<outlet>.+?) staff(?: writers?| reporters?)?", None),
        (rf"(?:par|by)\s+(?P<interviewer>{NAMES})", None),
        (
            rf"(?:entretien|interview|rencontre) (?:avec|with) (?P<interviewees>{NAMES})(?:,.*)?",
            None,
        ),
        (r"(?:l['’])?(?:grand |exclusive )?(?:entretien|interview|rencontre|q ?& ?a)\.?", None),
    )
)
# Parts of a header line, split on the usual separators; a spaced hyphen separates too, but
# only when the stricter split fails, since "05 - 10 - 2024" is one date.
SEGMENT_SEPARATORS = (
    re.compile(r"\s+[|•·]\s+|\s+[–—]\s+"),
    re.compile(r"\s+[|•·]\s+|\s+[–—-]\s+"),
)
# A header line may open on the bare name of the outlet: "Le Monde | 24.10.2013 à 12h41".
BARE_OUTLET = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’.&-]*(?:\s+[\w'’.&-]+){0,3}")
MAX_META_LENGTH = 200

TITLE_WITH_INTERVIEWEES = re.compile(
    rf"(?:l['’])?(?:entretien|interview|rencontre)\s+(?:avec|with)\s+(?P<interviewees>{NAMES})"
    rf"\s*[:–—-]\s*(?P<title>.+)",
    re.IGNORECASE,
)
# French headlines often quote the interviewee: "Sophie Marchand : « La sobriété … »".
QUOTED_SPEAKER_TITLE = re.compile(rf"(?P<speaker>{NAME})\s*:\s*[«“\"].+")
# How a standfirst introduces the interviewee: "le sociologue Jean Viard", "l’économiste Anne
# Roux", "the historian Mary Beard"; "Jean Dupont, 58 ans, ancien ministre"; "Jane Roe, 58, a".
STANDFIRST_PERSON = re.compile(
    rf"(?<![\w'’])(?:(?:[Ll]es?|[Ll]a|[Ll]['’]|[Tt]he)\s*(?:[a-zà-öø-ÿ-]+\s+){{1,3}}(?P<role>{NAME})"
    rf"|(?P<aged>{NAME}),\s+\d{{1,3}}(?:\s+ans\b|,\s))"
)
SENTENCE_BREAK = re.compile(r"(?<=[^\W\d_]{2})[.]\s.*")
# A question label that names a publication, not a person: "Le Point", "L'Express", "The Times".
OUTLET_LABEL = re.compile(r"(?:L['’]|(?:Le|La|Les|The)\s+)[A-ZÀ-ÖØ-Þ][\w'’&.-]*(?:\s+\S+){0,3}")
MAX_TITLE_LENGTH = 250
NOT_A_TITLE = re.compile(r"[-–—]\s|Q\s*[.:]|Question\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class MetaLine:
    outlet: str | None = None
    published_on: date | None = None
    date_rank: int = UPDATED + 1
    interviewer: str | None = None
    interviewees: tuple[str, ...] = ()


@dataclass(frozen=True)
class Header:
    title: str
    outlet: str | None
    published_on: date | None
    interviewer: str | None
    interviewees: list[str]
    # Named by a headline of the form "Name : « … »": a weaker clue than the others.
    quoted_speakers: list[str]
    body: list[Paragraph]
    # Where `interviewees` were found: in the headline's "Interview avec X :" or a header line.
    interviewees_where: str
    warnings: list[str] = field(default_factory=list)


def parse_date(text: str) -> date | None:
    """The first date written in `text`, in any of the forms French and English sites use.

    Numeric dates are read day first, as in French and British usage, unless only the
    month-first reading is possible (10/31/2024).
    """
    for match in DATE_IN_TEXT.finditer(text):
        found = _date_from(match)
        if found:
            return found
    return None


def _date_from(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    if groups["iso_y"]:
        year, month, day = groups["iso_y"], groups["iso_m"], groups["iso_d"]
    elif groups["num_y"]:
        year, month, day = groups["num_y"], groups["num_m"], groups["num_d"]
        if int(month) > 12 >= int(day):
            month, day = day, month
    elif groups["dmy_y"]:
        year, month, day = groups["dmy_y"], _month(groups["dmy_m"]), groups["dmy_d"]
    else:
        year, month, day = groups["mdy_y"], _month(groups["mdy_m"]), groups["mdy_d"]
    if month is None:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _month(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def split_names(names: str) -> list[str]:
    return [name for name in NAME_SEPARATOR.split(names.strip()) if name]


def read_meta_line(text: str) -> MetaLine | None:
    """What a header line says, or None when the line is (also) something else."""
    text = text.strip()
    if not text or len(text) > MAX_META_LENGTH:
        return None
    for separator in SEGMENT_SEPARATORS:
        line = _read_segments(separator.split(text))
        if line:
            return line
    return None


def _read_segments(segments: list[str]) -> MetaLine | None:
    found = [_read_segment(segment) for segment in segments]
    if (
        found[0] is None
        and len(found) > 1
        and found[1] is not None
        and found[1].published_on is not None
        and BARE_OUTLET.fullmatch(segments[0])
    ):
        found[0] = MetaLine(outlet=segments[0])
    lines = [line for line in found if line is not None]
    return _merge(lines) if len(lines) == len(found) else None


def _read_segment(segment: str) -> MetaLine | None:
    for pattern, rank in SEGMENT_PATTERNS:
        match = pattern.fullmatch(segment)
        if not match:
            continue
        groups = match.groupdict()
        published_on = None
        if rank is not None:
            published_on = parse_date(groups["date"])
            if published_on is None:
                continue
        return MetaLine(
            outlet=_clean(groups.get("outlet")),
            published_on=published_on,
            date_rank=UPDATED + 1 if rank is None else rank,
            interviewer=_clean(groups.get("interviewer")),
            interviewees=tuple(split_names(groups.get("interviewees") or "")),
        )
    return None


def _clean(value: str | None) -> str | None:
    return value.strip(" .,;") if value else None


def _merge(lines: list[MetaLine]) -> MetaLine:
    dated = min(lines, key=lambda line: line.date_rank)
    return MetaLine(
        outlet=next((line.outlet for line in lines if line.outlet), None),
        published_on=dated.published_on,
        date_rank=dated.date_rank,
        interviewer=next((line.interviewer for line in lines if line.interviewer), None),
        interviewees=tuple(name for line in lines for name in line.interviewees),
    )


def read_title(text: str) -> tuple[str, list[str]]:
    """The headline without an "Interview avec X :" prefix, and the people the prefix names."""
    text = text.strip()
    match = TITLE_WITH_INTERVIEWEES.fullmatch(text)
    if match:
        return match["title"].strip(), split_names(match["interviewees"])
    return text, []


def looks_like_title(text: str) -> bool:
    return len(text) <= MAX_TITLE_LENGTH and not NOT_A_TITLE.match(text)


def read_header(
    paragraphs: list[Paragraph], *, title: str | None = None, place: str = ""
) -> Header:
    """Separates header lines and the headline from the body.

    `title` is the headline when the page states it apart (HTML metadata); otherwise the
    first paragraph that is not a header line is taken when it is short enough to be one.
    Header lines are recognised anywhere, since bylines often close an article.
    """
    meta: list[MetaLine] = []
    body: list[Paragraph] = []
    warnings: list[str] = []
    headline = title
    for paragraph in paragraphs:
        line = read_meta_line(paragraph.text)
        if line:
            meta.append(line)
        elif not body and headline is None and looks_like_title(paragraph.text):
            headline = paragraph.text
        elif not body and paragraph.heading:
            continue  # the page's own rendering of the headline stated in its metadata
        else:
            body.append(paragraph)
    if headline is None:
        warnings.append(_("%(place)s: no title found.") % {"place": place})
    title_text, named = read_title(headline or "")
    merged = _merge(meta) if meta else MetaLine()
    quoted = QUOTED_SPEAKER_TITLE.fullmatch(title_text)
    return Header(
        title=title_text,
        outlet=merged.outlet,
        published_on=merged.published_on,
        interviewer=merged.interviewer,
        interviewees=_unique([*named, *merged.interviewees]),
        quoted_speakers=[quoted["speaker"]] if quoted else [],
        body=body,
        interviewees_where="headline" if named else "header_line",
        warnings=warnings,
    )


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def standfirst_people(text: str) -> list[str]:
    """The people a standfirst introduces the way the press does: by trade or by age."""
    people = []
    for match in STANDFIRST_PERSON.finditer(text):
        name = SENTENCE_BREAK.sub("", match["role"] or match["aged"]).rstrip(".")
        people.append(name)
    return _unique(people)


def outlet_label(askers: list[str]) -> str | None:
    """The publication whose name labels the questions ("Le Point : …"), if one does."""
    return next((name for name in askers if OUTLET_LABEL.fullmatch(name)), None)
