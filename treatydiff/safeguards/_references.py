"""References to other provisions: what they cite, and how far.

Two rules read references.  A catalogue of offences whose entry comes to cite
more ("§ 244 Abs. 1 Nr. 2" -> "§ 244 Abs. 1 Nr. 2, ... § 244 Absatz 4") reaches
more offences; a provision applied by reference ("§ 100d Absatz 1 und 2 gilt
entsprechend") brings its safeguards with it.  Both need the same reading of
"§ 100e Absatz 1, 3, 5 Satz 1": the section, then the paragraphs, sentences and
points below it, each level a step down the path.

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
>>> reach("Bandendiebstahl nach § 244 Abs. 1 Nr. 2 und nach § 244a",
...       "Bandendiebstahl nach § 244 Absatz 1 Nummer 2, nach § 244 Absatz 4 und nach § 244a")
'wider'
>>> reach("nach § 184b Abs. 1 bis 3", "nach § 184b")
'wider'
>>> reach("de artikelen 92 - 96, 97a", "de artikelen 92 tot en met 96, 97a") is None
True
>>> reach("nach den §§ 176a, 176b", "nach den §§ 176c, 176d") is None
True
>>> reach("nach den §§ 232 bis 233a, 234", "nach den §§ 232, 232a Absatz 1 bis 5, den §§ 233a, 234")
'narrower'
>>> reach("Straftaten nach § 34 Abs. 1 bis 6", "Straftaten nach den §§ 17 und 18 des Gesetzes") is None
True
"""

from __future__ import annotations

import re

__all__ = ["cited", "reach", "references"]

_UNIT = re.compile(
    r"(?:§§?|\bArt(?:ikel(?:en|s)?|icles?|s?\.)|\bsections?|\bss?\.)\s*(?=\d)",
    re.IGNORECASE,
)
# any other character ("§" of the next reference, ";") ends the reference
_TOKEN = re.compile(r"\d+[a-zA-Z]*(?:\(\d+[a-zA-Z]?\))*|[A-Za-zäöüÄÖÜß.]+|,|\S")
_NUMBER = re.compile(r"\d+[a-zA-Z]*")
_PARENS = re.compile(r"\((\d+[a-zA-Z]?)\)")
_JOIN = frozenset(
    {",", "und", "and", "en", "or", "oder", "of", "sowie", "bis", "to", "tot", "des", "der", "dem"}
    # a dash between two numbers is a range ("de artikelen 92 - 96")
    | {"-", "–", "—"}
    | {"van", "het", "the", "met"}
)
# Words after which a capitalised name makes the reference one to another act.
_OF = frozenset({"of", "des", "der", "dem", "van", "het", "the"})
# Subdivision words, by level: a paragraph, a sentence, a numbered point, a lettered one.
_LEVELS = {
    "absatz": "para",
    "abs.": "para",
    "absätze": "para",
    "paragraph": "para",
    "paragraphs": "para",
    "para.": "para",
    "satz": "sentence",
    "sätze": "sentence",
    "nr.": "no",
    "nummer": "no",
    "nummern": "no",
    "nrn.": "no",
    "buchstabe": "letter",
    "buchst.": "letter",
    "point": "no",
    "points": "no",
}
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

# A reference that says what a word means ("microenterprises as defined in
# Article 2(3)", "Amtsträger im Sinne des § 11") cites no further conduct or case.
_DEFINING = re.compile(
    r"(?:as\s+defined\s+in|within\s+the\s+meaning\s+of|im\s+Sinne\s+(?:des|der|von)|"
    r"in\s+de\s+zin\s+van)\s*$",
    re.IGNORECASE,
)

#: (section or article number, path below it: (("para", "1"), ("no", "2")))
Reference = tuple[str, tuple[tuple[str, str], ...]]


def references(text: str, *, external: bool = False) -> tuple[Reference, ...]:
    """The provisions that ``text`` refers to, most specific first.

    References to another act ("of Directive ...", "des ...gesetzes", "van het
    Wetboek ...") are left out unless ``external``, and so are references that
    define a word ("as defined in Article 3", "im Sinne des § 11").  "Abs. 1
    bis 3" gives both ends of the range (see :func:`_ranges` for what lies
    between).
    """
    out: list[Reference] = []
    for start in _UNIT.finditer(text):
        if _DEFINING.search(text, max(0, start.start() - 40), start.start()):
            continue
        found: list[Reference] = []
        section: str | None = None
        path: list[tuple[str, str]] = []
        pending: str | None = None  # a level word waiting for its number
        ordinals: list[str] = []
        previous = ""
        other_act = False
        for tok in _TOKEN.finditer(text, start.end(), start.end() + 240):
            word = tok.group(0)
            low = word.lower()
            if previous in _OF and word[:1].isupper():
                other_act = True  # "Article 13 of Directive (EU) 2016/680", "§ 2 des TTDSG"
                break
            previous = low
            number = _NUMBER.match(word)
            if number:
                n = number.group(0)
                if pending is not None:
                    path.append((pending, n))
                    pending = None
                elif path:  # "Absatz 1, 3": the next one at the same level
                    path[-1] = (path[-1][0], n)
                else:
                    section = n
                    inner = _PARENS.findall(word)
                    path = [("para", inner[0])] if inner else []
                if section is not None:
                    found.append((section, tuple(path)))
            elif low in _ORDINALS:
                ordinals.append(_ORDINALS[low])
            elif low in ("lid", "leden") and section is not None and ordinals:
                # "artikel 138b, tweede en derde lid": the ordinals came first
                found.extend((section, (("para", o),)) for o in ordinals)
                ordinals = []
            elif low in _LEVELS:
                level = _LEVELS[low]
                # a new level word at or above the current one starts afresh
                while path and _rank(path[-1][0]) >= _rank(level):
                    path.pop()
                pending = level
            elif low in _JOIN:
                continue
            else:
                break
        if external or not other_act:
            out.extend(_maximal(found))
    return tuple(out)


_RANGE = re.compile(r"(\d+)([a-z]*)(?:\s+(?:bis|to|tot\s+en\s+met)\s+|\s*[-–—]\s*)(\d+)([a-z]*)\b")


def _key(number: str, suffix: str) -> tuple[int, str]:
    return int(number), suffix


def _ranges(text: str) -> list[tuple[tuple[int, str], tuple[int, str]]]:
    """Section ranges a text cites ("§§ 232 bis 233a"): what lies between is cited too."""
    return [(_key(a, b), _key(c, d)) for a, b, c, d in _RANGE.findall(text)]


def _in_range(ref: Reference, ranges: list[tuple[tuple[int, str], tuple[int, str]]]) -> bool:
    m = re.fullmatch(r"(\d+)([a-z]*)", ref[0])
    if m is None:
        return False
    k = _key(m.group(1), m.group(2))
    return any(lo < k < hi for lo, hi in ranges)


def _rank(level: str) -> int:
    return ("para", "sentence", "no", "letter").index(level)


def _maximal(refs: list[Reference]) -> list[Reference]:
    """Drop a reference another one extends ("§ 244" under "§ 244 Abs. 1 Nr. 2")."""
    out = []
    for sec, path in refs:
        longer = any(s == sec and len(p) > len(path) and p[: len(path)] == path for s, p in refs)
        if not longer and (sec, path) not in out:
            out.append((sec, path))
    return out


def cited(text: str) -> list[str]:
    """The provisions a reference names, as bare citations ("100d(1)", "11(2)").

    The section or article with its paragraph; sentences and points below a
    paragraph ("Satz 1", "Nr. 2") are not followed: the paragraph is cited.
    """
    out: list[str] = []
    for section, path in references(text):
        c = f"{section}({path[0][1]})" if path and path[0][0] == "para" else section
        if c not in out:
            out.append(c)
    return out


def reach(old: str, new: str) -> str | None:
    """Whether the references of ``new`` reach "wider" or "narrower" than ``old``'s.

    Only a one-way change counts: a reference gained (or a limit such as
    "Abs. 1 bis 3" dropped) with nothing lost is wider; the reverse narrower.
    A renumbering ("176a, 176b" -> "176c, 176d") both gains and loses, and is
    None: the reader must weigh it.
    """
    before, after = set(references(old, external=True)), set(references(new, external=True))
    if not before or not after:
        return None  # an entry that lost (or gained) all its references was rebuilt
    # "§§ 232 bis 233a" -> "§§ 232, 232a Absatz 1 bis 5, 233 Absatz 2, 233a": what
    # stood inside a range was cited before; cited now in part, it narrows.
    ranges_old, ranges_new = _ranges(old), _ranges(new)
    within_old = {g for g in after - before if _in_range(g, ranges_old)}
    within_new = {x for x in before - after if _in_range(x, ranges_new)}
    gained = after - before - within_old
    lost = before - after - within_new
    narrowed_in_range = {g for g in within_old if g[1]}
    widened_in_range = {x for x in within_new if x[1]}

    def covers(outer: Reference, inner: Reference) -> bool:
        (s1, p1), (s2, p2) = outer, inner
        return s1 == s2 and len(p1) < len(p2) and p2[: len(p1)] == p1

    widened = {x for x in lost if any(covers(g, x) for g in gained)}
    narrowed = {g for g in gained if any(covers(x, g) for x in lost)}
    wider_by = {g for g in gained if any(covers(g, x) for x in widened)}
    narrower_by = {x for x in lost if any(covers(x, g) for g in narrowed)}
    rest_gained = gained - wider_by - narrowed
    rest_lost = lost - widened - narrower_by
    widened |= widened_in_range
    narrowed |= narrowed_in_range
    if (rest_gained or widened) and not rest_lost and not narrowed:
        return "wider"
    if (rest_lost or narrowed) and not rest_gained and not widened:
        return "narrower"
    return None
