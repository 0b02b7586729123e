"""Text profiles: the patterns that recognise levels (chapters, articles...) in plain text.

A profile is a small TOML file (read with :mod:`tomllib`).  Keys:

``name`` (str, required), ``language`` (str, required: ISO 639-1 code or ""),
``description`` (str), ``weight`` (float, default 1: multiplies the detection
score), ``hints`` (list of common words of the language, used to break ties),
``inherit`` (name of a bundled profile whose ``items``/``notes`` are used when
this one has none; default ``"base"``), ``numerals`` (``"chinese"`` to read
Chinese numerals), ``[ordinals]`` (word -> number, e.g. ``premier = "1"``),
``[[levels]]`` (``kind``, ``pattern`` with groups ``label``, ``number``
(or ``number2``) and ``heading``; ``unit = true`` for the quotable unit;
``top = true`` for a level that closes every open container, e.g. annexes;
``key`` to nest two words of the same kind separately; ``loose_pattern``
for a unit line that also carries running text, accepted only when its
number is the next one expected), ``[[items]]``
(``name``, ``pattern`` with a ``number`` group), ``[notes]``
(``words``, ``alternatives``: lists of bracket prefixes) and
``closing`` (list of regular expressions: a line that opens the
conclusions, i.e. the testimonium, the place and date of signature or an EU
act's final formula, "IN WITNESS WHEREOF", "Done at Brussels"; recognised
only after the last article, and everything up to the next annex becomes
one ``conclusions`` provision), ``[number_prefixes]`` (a leading sign of an item number -> the word that
spells it, so that the eId keeps it: eIds hold letters and digits only, and
``"-" = "minus"`` makes the recital "(-12a)" number ``minus12a``, eId
``recital_minus12a``, apart from "(12a)"; inherited like ``items``).

>>> p = load_profile("en")
>>> p.name, p.language, [lv.kind for lv in p.levels][-1]
('en', 'en', 'article')
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from treatydiff.errors import ProfileError

__all__ = ["BUNDLED", "ItemStyle", "Level", "Profile", "bundled_profiles", "load_profile"]

#: Bundled profiles, in the order detection breaks ties.
BUNDLED: tuple[str, ...] = ("en", "fr", "es", "ru", "ar", "zh", "nl", "de", "us", "sections")

_KINDS = ("part", "title", "chapter", "division", "section", "article", "annex")


@attrs.frozen
class Level:
    """One structural level: a container (chapter...) or the unit (article, section)."""

    kind: str
    key: str
    pattern: re.Pattern[str]
    unit: bool = False
    top: bool = False
    loose: re.Pattern[str] | None = None


@attrs.frozen
class ItemStyle:
    """One way of numbering items ("1.", "(a)", "a)"...); nesting follows first appearance."""

    name: str
    pattern: re.Pattern[str]


@attrs.frozen
class Profile:
    """A parsed profile: see the module docstring for the TOML keys."""

    name: str
    language: str
    levels: tuple[Level, ...]
    items: tuple[ItemStyle, ...]
    note_words: tuple[str, ...] = ()
    alternative_words: tuple[str, ...] = ()
    ordinals: tuple[tuple[str, str], ...] = ()
    hints: tuple[str, ...] = ()
    weight: float = 1.0
    numerals: str | None = None
    number_prefixes: tuple[tuple[str, str], ...] = ()
    description: str = ""
    path: str | None = None
    #: A line that opens the conclusions (testimonium, final formula), or None.
    closing: re.Pattern[str] | None = None

    @property
    def unit_levels(self) -> tuple[Level, ...]:
        return tuple(lv for lv in self.levels if lv.unit)


def _fail(path: str, key: str, problem: str, expected: str) -> ProfileError:
    return ProfileError(f"profile key {key!r}: {problem}", source=path, expected=expected)


def _str(data: Mapping[str, Any], key: str, path: str, where: str, *, required: bool) -> str:
    value = data.get(key)
    if value is None:
        if required:
            raise _fail(path, f"{where}{key}", "is missing", "a string")
        return ""
    if not isinstance(value, str):
        raise _fail(path, f"{where}{key}", f"is {type(value).__name__}", "a string")
    return value


def _regex(data: Mapping[str, Any], key: str, path: str, where: str, groups: tuple[str, ...]):
    text = _str(data, key, path, where, required=True)
    try:
        pattern = re.compile(text)
    except re.error as exc:
        raise _fail(
            path,
            f"{where}{key}",
            f"invalid regular expression ({exc})",
            "a Python regular expression",
        ) from None
    missing = [g for g in groups if g not in pattern.groupindex]
    if missing:
        raise _fail(
            path,
            f"{where}{key}",
            f"has no group {missing[0]!r}",
            f"named groups {', '.join(groups)}",
        )
    return pattern


def _list_of_str(data: Mapping[str, Any], key: str, path: str, where: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, f"{where}{key}", "is not a list of strings", "a list of strings")
    return tuple(value)


def parse_profile(data: Mapping[str, Any], *, path: str) -> Profile:
    """Validate a decoded TOML table and build a :class:`Profile` (raises ProfileError)."""
    name = _str(data, "name", path, "", required=True)
    language = _str(data, "language", path, "", required=True)
    levels_data = data.get("levels", [])
    if not isinstance(levels_data, list):
        raise _fail(path, "levels", "is not an array of tables", "[[levels]] tables")
    levels = []
    for i, item in enumerate(levels_data):
        where = f"levels[{i}]."
        if not isinstance(item, dict):
            raise _fail(path, f"levels[{i}]", "is not a table", "a [[levels]] table")
        kind = _str(item, "kind", path, where, required=True)
        if kind not in _KINDS:
            raise _fail(path, f"{where}kind", f"is {kind!r}", f"one of {', '.join(_KINDS)}")
        pattern = _regex(item, "pattern", path, where, ("label",))
        if "number" not in pattern.groupindex and kind != "annex":
            raise _fail(path, f"{where}pattern", "has no group 'number'", "a 'number' group")
        for flag in ("unit", "top"):
            if not isinstance(item.get(flag, False), bool):
                raise _fail(path, f"{where}{flag}", "is not a boolean", "true or false")
        key = _str(item, "key", path, where, required=False) or kind
        loose = (
            _regex(item, "loose_pattern", path, where, ("label", "number"))
            if "loose_pattern" in item
            else None
        )
        levels.append(
            Level(
                kind=kind,
                key=key,
                pattern=pattern,
                unit=item.get("unit", False),
                top=item.get("top", False),
                loose=loose,
            )
        )
    inherit = data.get("inherit", "base" if name != "base" else None)
    items_data = data.get("items")
    notes = data.get("notes")
    base = None
    if inherit:
        if not isinstance(inherit, str):
            raise _fail(path, "inherit", "is not a string", "the name of a bundled profile")
        base = _bundled(inherit)
    items: list[ItemStyle] = []
    if items_data is not None:
        if not isinstance(items_data, list):
            raise _fail(path, "items", "is not an array of tables", "[[items]] tables")
        for i, item in enumerate(items_data):
            where = f"items[{i}]."
            if not isinstance(item, dict):
                raise _fail(path, f"items[{i}]", "is not a table", "an [[items]] table")
            items.append(
                ItemStyle(
                    name=_str(item, "name", path, where, required=True),
                    pattern=_regex(item, "pattern", path, where, ("number",)),
                )
            )
    if base is not None:
        # A profile's own item styles come first, then the inherited ones.
        names = {s.name for s in items}
        items.extend(s for s in base.items if s.name not in names)
    if notes is None:
        note_words = base.note_words if base else ()
        alt_words = base.alternative_words if base else ()
    else:
        if not isinstance(notes, dict):
            raise _fail(path, "notes", "is not a table", "a [notes] table")
        note_words = _list_of_str(notes, "words", path, "notes.")
        alt_words = _list_of_str(notes, "alternatives", path, "notes.")
    prefixes = data.get("number_prefixes")
    if prefixes is None:
        number_prefixes = base.number_prefixes if base else ()
    else:
        if not isinstance(prefixes, dict) or not all(
            isinstance(v, str) and v.isalpha() and k for k, v in prefixes.items()
        ):
            raise _fail(
                path,
                "number_prefixes",
                "is not a table of words",
                'sign = "word" pairs, e.g. "-" = "minus"',
            )
        # longest sign first, so that "--" wins over "-"
        number_prefixes = tuple(sorted(prefixes.items(), key=lambda kv: -len(kv[0])))
    ordinals = data.get("ordinals", {})
    if not isinstance(ordinals, dict) or not all(isinstance(v, str) for v in ordinals.values()):
        raise _fail(path, "ordinals", "is not a table of strings", 'word = "number" pairs')
    weight = data.get("weight", 1.0)
    if not isinstance(weight, int | float) or isinstance(weight, bool) or weight <= 0:
        raise _fail(path, "weight", f"is {weight!r}", "a positive number")
    closing_words = _list_of_str(data, "closing", path, "")
    closing = None
    if closing_words:
        try:
            closing = re.compile("|".join(f"(?:{w})" for w in closing_words))
        except re.error as exc:
            raise _fail(
                path,
                "closing",
                f"invalid regular expression ({exc})",
                "a list of Python regular expressions",
            ) from None
    numerals = data.get("numerals")
    if numerals not in (None, "chinese"):
        raise _fail(path, "numerals", f"is {numerals!r}", "'chinese' or absent")
    return Profile(
        name=name,
        language=language,
        levels=tuple(levels),
        items=tuple(items),
        note_words=tuple(w.lower() for w in note_words),
        alternative_words=tuple(w.lower() for w in alt_words),
        ordinals=tuple(sorted((k.lower(), v) for k, v in ordinals.items())),
        hints=_list_of_str(data, "hints", path, ""),
        weight=float(weight),
        numerals=numerals,
        number_prefixes=number_prefixes,
        description=_str(data, "description", path, "", required=False),
        path=path,
        closing=closing,
    )


def _read_toml(text: str, path: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(
            f"not valid TOML ({exc})", source=path, expected="a TOML profile"
        ) from None


@cache
def _bundled(name: str) -> Profile:
    if not re.fullmatch(r"[a-z][a-z0-9_-]*", name):
        raise ProfileError(
            f"no bundled profile named {name!r}",
            expected=f"one of {', '.join(BUNDLED)} or a path to a .toml file",
        )
    res = resources.files(__name__).joinpath(f"{name}.toml")
    if not res.is_file():
        raise ProfileError(
            f"no bundled profile named {name!r}",
            expected=f"one of {', '.join(BUNDLED)} or a path to a .toml file",
        )
    return parse_profile(
        _read_toml(res.read_text(encoding="utf-8"), f"{name}.toml"), path=f"{name}.toml"
    )


def load_profile(profile: str | os.PathLike[str] | Profile) -> Profile:
    """A profile by bundled name ("en", "de"...), by path to a TOML file, or as given.

    >>> load_profile("de").unit_levels[0].kind
    'section'
    """
    if isinstance(profile, Profile):
        return profile
    text = os.fspath(profile)
    if text.endswith(".toml") or os.sep in text or "/" in text:
        p = Path(text)
        try:
            raw = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise ProfileError(
                f"cannot read profile: {exc.strerror}", source=text, expected="a readable TOML file"
            ) from None
        except UnicodeDecodeError:
            raise ProfileError(
                "profile is not UTF-8", source=text, expected="a UTF-8 TOML file"
            ) from None
        return parse_profile(_read_toml(raw, text), path=text)
    return _bundled(text)


def bundled_profiles() -> tuple[Profile, ...]:
    """Every bundled profile, in detection order."""
    return tuple(_bundled(n) for n in BUNDLED)
