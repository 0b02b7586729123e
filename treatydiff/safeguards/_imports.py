"""Safeguards brought in by reference: "§ 100d Absatz 1 und 2 gilt entsprechend".

A statute often extends a protection to a new measure by applying another
provision to it ("gilt entsprechend", "shall apply mutatis mutandis", "is van
overeenkomstige toepassing") rather than by repeating its words.  No safeguard
term then stands in the changed clause, yet the measure gained (or lost) the
core-area protection, the deletion duty or the court order that the cited
provision names.  This module reads the cited provisions out of such a
reference; :mod:`treatydiff.safeguards.rules` resolves them in the document and
compares the safeguard terms they carry before and after.

>>> cited("§ 100d Absatz 1 und 2 sowie § 100e Absatz 1, 3, 5 Satz 1")
['100d(1)', '100d(2)', '100e(1)', '100e(3)', '100e(5)']
>>> cited("Articles 10 and 11(2)")
['10', '11(2)']
>>> cited("artikel 138b, tweede en derde lid")
['138b(2)', '138b(3)']
>>> cited("Article 13 of Directive (EU) 2016/680 and § 2 Absatz 2 des Telemediengesetzes")
[]
>>> cited("De artikelen 40 en 191 van het Wetboek van Strafvordering")
[]
"""

from __future__ import annotations

import re

__all__ = ["cited"]

_UNIT = re.compile(
    r"(?:§§?|\bArt(?:ikel(?:en|s)?|icles?|s?\.)|\bsections?|\bss?\.)\s*(?=\d)",
    re.IGNORECASE,
)
# any other character ("§" of the next reference, ";") ends the reference
_TOKEN = re.compile(r"\d+[a-zA-Z]*(?:\(\d+[a-zA-Z]?\))*|[A-Za-zäöüÄÖÜß.]+|,|\S")
_JOIN = frozenset(
    {",", "und", "and", "en", "or", "oder", "of", "sowie", "bis", "to", "tot", "des", "der", "dem"}
    | {"van", "het", "the"}
)
# Words after which a capitalised name makes the reference one to another act.
_OF = frozenset({"of", "des", "der", "dem", "van", "het", "the"})
_PARAGRAPH = frozenset(
    {"absatz", "abs.", "absätze", "paragraph", "paragraphs", "para.", "lid", "leden"}
)
_ORDINALS = {
    "eerste": "1",
    "tweede": "2",
    "derde": "3",
    "vierde": "4",
    "vijfde": "5",
    "zesde": "6",
    "zevende": "7",
    "achtste": "8",
    "negende": "9",
    "tiende": "10",
}
_NUMBER = re.compile(r"\d+[a-zA-Z]*")
_PARENS = re.compile(r"\((\d+[a-zA-Z]?)\)")


def cited(text: str) -> list[str]:
    """The provisions a reference names, as bare citations ("100d(1)", "11(2)").

    Sections or articles with the paragraphs that follow them ("Absatz 1 und
    2", "(2)", "tweede en derde lid"); sentences and points below a paragraph
    ("Satz 1", "Nr. 2") are not followed: the paragraph is what is cited.
    """
    out: list[str] = []
    for start in _UNIT.finditer(text):
        sections: list[str] = []
        paragraphs: list[str] = []
        ordinals: list[str] = []
        in_paragraphs = external = False
        previous = ""
        for tok in _TOKEN.finditer(text, start.end(), start.end() + 200):
            word = tok.group(0)
            low = word.lower()
            if previous in _OF and word[:1].isupper():
                external = True  # "Article 13 of Directive (EU) 2016/680", "§ 2 des TTDSG"
                break
            previous = low
            if _NUMBER.match(word):
                base = _NUMBER.match(word).group(0)  # type: ignore[union-attr]
                if in_paragraphs:
                    paragraphs.append(base)
                else:
                    inner = _PARENS.findall(word)
                    sections.append(f"{base}({inner[0]})" if inner else base)
            elif low in _ORDINALS:
                ordinals.append(_ORDINALS[low])
            elif low in _PARAGRAPH:
                if ordinals:  # "tweede en derde lid": the ordinals came first
                    paragraphs.extend(ordinals)
                    ordinals = []
                    break
                in_paragraphs = True
            elif low in _JOIN:
                continue
            else:
                break
        if external:
            continue
        if paragraphs and sections:
            *whole, last = sections
            out.extend(whole)
            out.extend(f"{last}({p})" for p in paragraphs)
        else:
            out.extend(sections)
    return out
