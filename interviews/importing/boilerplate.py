"""Site chrome that scrapers leave around an article, in French and English.

Each kind of noise is one pattern matched against a whole line, so that a sentence of an
answer that merely mentions "cookies" or "newsletter" in passing is never taken for chrome:
only short lines that are nothing but chrome are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Chrome lines are short; a longer line is prose even when it starts like chrome.
MAX_CHROME_LENGTH = 160

# An aggregator's ticker is one very long line of headlines separated by runs of spaces
# (often non-breaking) or by bullets.
TICKER_MIN_LENGTH = 200
TICKER_MIN_ITEMS = 4
TICKER_MAX_ITEM_LENGTH = 200
TICKER_SEPARATOR = re.compile(r"[ \t\u00a0\u2007\u202f]{3,}|\s+[•·|]\s+")

SHARE_TARGETS = (
    r"facebook|twitter|x|linkedin|whatsapp|telegram|messenger|pinterest|reddit|bluesky"
    r"|threads|e-?mail|courriel|imprimer|print|tweet|tweeter|copier le lien|copy link"
)

CHROME_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # image-report notices of aggregators
        r"merci d['’]avoir signalé\s*!?",
        r"(cette|l['’]) ?image sera automatiquement bloquée\b.*",
        r"thanks?( you)? for (reporting|flagging)( this)?( image)?\s*!?",
        r"this image will (be automatically blocked|automatically be blocked)\b.*",
        r"(signaler|report) (cette image|ce contenu|un abus|this image|this content|abuse)",
        # links back to the source page
        r"cliquez ici pour lire l['’]article depuis sa source\.?",
        r"click here to read (the|this) (full )?(article|story) (from|at|on) (its|the) source\.?",
        r"(lire|voir) l['’]article (original|complet|sur .+)",
        r"(read|view) the (original|full) (article|story)( on .+)?",
        r"https?://\S+",
        # share buttons
        rf"(partager|partagez|share)( (sur|on|via) .+| (cet article|this article|this story))?"
        rf"\s*:?|({SHARE_TARGETS})([\s|·•/,]+({SHARE_TARGETS}))*",
        r"(envoyer|send|share) (par|by|via) (e-?mail|courriel)|envoyer à un ami",
        r"(ajouter à mes favoris|sauvegarder|enregistrer|save|bookmark|offrir cet article"
        r"|gift this article)",
        r"(écouter cet article|listen to this (article|story)).*",
        # newsletters and subscriptions
        r"(la |notre |nos |our |the )?(newsletters?|lettres? d['’]information)( [\w'’ ]{0,30})?",
        r"(recevez|recevoir|get|receive)\b.*\b(newsletters?|lettres? d['’]information)\b.*",
        r"(inscrivez-vous|abonnez-vous|s['’]abonner|je m['’]abonne|s['’]inscrire"
        r"|sign up|subscribe|register)\b.*",
        r"(déjà abonné|already (a )?subscri(ber|bed)).*",
        r"(cet article est |article |contenu |this article is |this story is )?(réservée? aux"
        r" abonnés|(for )?subscribers only)\.?",
        r"(this article is for subscribers|il vous reste \d+ ?% de cet article).*",
        # cross-links
        r"(à )?(lire|voir) (aussi|également|notre dossier)\b.*",
        r"(sur le même sujet|dans la même rubrique|vous aimerez aussi|articles? similaires?"
        r"|les plus lus|nos dernières vidéos)\b.*",
        r"(read|see) (also|more)\b.*",
        r"(related( articles?| stories| content)?|more on this (story|topic)|you (may|might) also"
        r" like|most read|recommended for you)\b.*",
        # cookie banners
        r"(nous utilisons|ce site utilise|we use|this (web)?site uses) (des )?cookies\b.*",
        r"(gestion|gérer|paramétrer|paramètres|politique|manage|cookie) (des |les )?cookies?\b.*",
        r"cookies? (settings|policy|preferences)",
        r"(tout )?(accepter|refuser)( et fermer| les cookies)?|(accept|reject)( all)?( cookies)?",
        # navigation
        r"(accueil|home|menu|rechercher|recherche|search|se connecter|connexion|log ?in|sign in"
        r"|se déconnecter|log ?out|mon compte|my account|retour|back|back to top|suivant"
        r"|retour en haut( de (la )?page)?|précédent|next|previous|fermer|close)",
        r"(accueil|home)\s*[›>»/|].*",
        # reading meta, comments, ads, photo credits
        r"(temps de )?lecture\s*:?\s*\d+\s*min\.?|\d+\s*min(utes?)?( de lecture| read)",
        r"\d+\s+(commentaires?|comments?|réactions?)|(commenter|réagir|laisser un commentaire"
        r"|leave a comment|add a comment|voir les commentaires|show comments)\b.*",
        r"(publicité|advertisement|sponsorisé|sponsored|contenu sponsorisé|annonce)",
        r"(photo|crédit photo|crédits? photos?|photo credit|credit)\s*:.*",
        # footers
        r"(©|\(c\)|copyright\b).*",
        r".*\b(tous droits réservés|all rights reserved)\b.*",
        r"(mentions légales|legal notice|politique de confidentialité|privacy policy"
        r"|conditions générales|terms of (use|service)|cgu|contactez-nous|contact us|contact"
        r"|nous contacter|qui sommes-nous|about us|plan du site|sitemap)(\s*[|·•–-]\s*.*)?",
    )
)


def is_headline_ticker(line: str) -> bool:
    if len(line) < TICKER_MIN_LENGTH:
        return False
    items = [item for item in TICKER_SEPARATOR.split(line.strip()) if item]
    return len(items) >= TICKER_MIN_ITEMS and len(line) / len(items) <= TICKER_MAX_ITEM_LENGTH


def is_chrome(line: str) -> bool:
    """Whether a whole line is site chrome rather than article text."""
    text = line.strip()
    if not text:
        return False
    if is_headline_ticker(text):
        return True
    return len(text) <= MAX_CHROME_LENGTH and any(
        pattern.fullmatch(text) for pattern in CHROME_PATTERNS
    )


def strip_boilerplate(lines: Sequence[str]) -> list[str]:
    """The lines with site chrome blanked out.

    Chrome lines become empty rather than disappearing, so every remaining line keeps its
    number and error reports still point into the file the editor has.
    """
    return ["" if is_chrome(line) else line for line in lines]
