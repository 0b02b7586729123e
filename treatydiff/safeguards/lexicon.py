"""The safeguard vocabulary as data: load, validate and compile a TOML lexicon.

A lexicon lists, per language, the modal verbs and their strength, the
phrases that defer a matter to national law or discretion, optional elements
and reservations, safeguard terms, exception markers and scope words.  The
English lexicon ships with the package (``lexicon/en.toml``); French and
Spanish files show the same structure.  Users extend the vocabulary by copying
a file and passing its path.

>>> lex = load_lexicon("en")
>>> lex.language
'en'
>>> [m.label for m in lex.modals][:2]
['binding prohibition', 'weak or ambiguous prohibition']
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from treatydiff.errors import ProfileError

__all__ = [
    "Lexicon",
    "ModalRule",
    "PhraseRule",
    "load_lexicon",
]

#: Lexicons shipped with the package, by language code.
BUILTIN = ("de", "en", "es", "fr", "nl")

_POLARITIES = ("duty", "prohibition")
_GROUPS = ("domestic_law", "discretion")


@attrs.frozen
class ModalRule:
    """A modal phrase: its strength (4 binding ... 1 permission) and polarity."""

    pattern: str
    regex: re.Pattern[str] = attrs.field(eq=False, repr=False)
    strength: int
    polarity: str
    label: str


@attrs.frozen
class PhraseRule:
    """A phrase family: ``key`` names what it stands for (a safeguard, a deferral group)."""

    key: str
    label: str
    pattern: str
    regex: re.Pattern[str] = attrs.field(eq=False, repr=False)
    core: bool = False
    #: After "and,"/"or," the phrase qualifies a list item, not the clause.
    item_qualifier: bool = False
    #: A hit is ignored when the text just before it ends with this (another sense
    #: of the word: "financial supervision" is not oversight of a power).
    not_after: re.Pattern[str] | None = attrs.field(default=None, eq=False, repr=False)
    #: An exception that is one only where its clause names a safeguard ("the
    #: notification may be postponed"): without one, the words excuse something
    #: else (a witness's fine "unterbleibt") and carve nothing out of a protection.
    needs_term: bool = False
    #: An exception that dispenses with the safeguard its clause names ("the
    #: notification may be postponed"): that safeguard is carved out, not gained.
    dispenses: bool = False


@attrs.frozen
class Lexicon:
    """A compiled, validated lexicon.  Build one with :func:`load_lexicon`."""

    language: str
    name: str
    source: str
    modals: tuple[ModalRule, ...]
    subordinators: re.Pattern[str] = attrs.field(eq=False, repr=False)
    determiners: re.Pattern[str] = attrs.field(eq=False, repr=False)
    connectives: re.Pattern[str] = attrs.field(eq=False, repr=False)
    deferrals: tuple[PhraseRule, ...]
    optionals: tuple[PhraseRule, ...]
    terms: tuple[PhraseRule, ...]
    exceptions: tuple[PhraseRule, ...]
    list_heads: re.Pattern[str] = attrs.field(eq=False, repr=False)
    scope_broad: tuple[PhraseRule, ...]
    scope_narrow: tuple[PhraseRule, ...]
    #: Nouns naming an actor ("authorities", "Supervisor"): a safeguard word right
    #: before one names who acts ("judicial authorities may use"), not a condition.
    actor_heads: re.Pattern[str] | None = attrs.field(default=None, eq=False, repr=False)
    #: Words after which an actor is the safeguard ("authorisation by a judicial authority").
    condition_words: re.Pattern[str] | None = attrs.field(default=None, eq=False, repr=False)
    #: Words that make a clause a definition ("'biometric data' means"): a reworded
    #: definition changes what every rule using the term reaches, so it is listed to read.
    definitions: re.Pattern[str] | None = attrs.field(default=None, eq=False, repr=False)
    #: Words that make a permission a limit ("may only be used", "dürfen nur ...
    #: verwendet werden"): such a clause forbids every other use, so its
    #: strength is not compared with a duty's.
    restrictive: re.Pattern[str] | None = attrs.field(default=None, eq=False, repr=False)
    #: Words that withdraw a safeguard ("excluded", "auszuschließen", "geweigerd"):
    #: a clause that grants one with these words takes it away in its cases.
    withdrawn: re.Pattern[str] | None = attrs.field(default=None, eq=False, repr=False)
    #: Words that open an illustration ("including", "such as"): a right named
    #: after them illustrates a broader one the clause names ("fundamental
    #: rights, including the right to non-discrimination"), it adds none.
    illustrations: re.Pattern[str] | None = attrs.field(default=None, eq=False, repr=False)
    #: Saving-clause markers ("without prejudice to", "shall not affect", "nothing in this").
    saving_markers: re.Pattern[str] | None = attrs.field(default=None, eq=False, repr=False)
    #: What a saving clause preserves (obligations, rights, law, Article 70): a marker
    #: followed by one of these saves; followed by anything else it carves out.
    saving_objects: re.Pattern[str] | None = attrs.field(default=None, eq=False, repr=False)
    #: Words that make a clause a prohibition or limit ("prohibited", "shall be
    #: refused"): wider reach there protects more, so scope changes read reversed.
    protective: re.Pattern[str] | None = attrs.field(default=None, eq=False, repr=False)
    #: Words that set the threshold of a ground of exception ("a specific,
    #: substantial and imminent threat"): a ground that loses one is wider.
    thresholds: re.Pattern[str] | None = attrs.field(default=None, eq=False, repr=False)
    #: Words that make a list a catalogue of offences ("Serious offences are:",
    #: "Schwere Straftaten ... sind:"): an entry added to it widens what the
    #: powers that cite the catalogue reach.
    offence_lists: re.Pattern[str] | None = attrs.field(default=None, eq=False, repr=False)
    #: Wording that creates an offence ("shall be punished", "wird ... bestraft")
    #: or grants a power ("may order", "darf ... angeordnet werden"): an inserted
    #: provision that says it widens what the state may punish or do.
    new_offence: re.Pattern[str] | None = attrs.field(default=None, eq=False, repr=False)
    new_power: re.Pattern[str] | None = attrs.field(default=None, eq=False, repr=False)
    #: Wording that extends a state's criminal law to acts or persons ("establish
    #: its jurisdiction over", "Das deutsche Strafrecht gilt ... für Taten, die im
    #: Ausland begangen werden", "De Nederlandse strafwet is toepasselijk op"):
    #: a ground of jurisdiction added reaches more conduct abroad, as a new
    #: offence reaches more conduct at home.
    jurisdiction: re.Pattern[str] | None = attrs.field(default=None, eq=False, repr=False)
    #: Words that join alternatives ("or", "oder") and cumulative members ("and"):
    #: an alternative added to an offence, power or prohibition changes its reach.
    alternatives: re.Pattern[str] | None = attrs.field(default=None, eq=False, repr=False)
    conjunctions: re.Pattern[str] | None = attrs.field(default=None, eq=False, repr=False)
    #: Words that keep a stretch inserted into (or deleted from) a clause from
    #: being a qualifier of what it speaks of ("also", "not", "including"): they
    #: add, negate or illustrate, so the stretch says nothing of reach.
    not_qualifiers: re.Pattern[str] | None = attrs.field(default=None, eq=False, repr=False)
    #: Words that open a condition ("provided that", "sofern", "mits"): a
    #: condition put on an exception narrows it, one taken off widens it.
    conditions: re.Pattern[str] | None = attrs.field(default=None, eq=False, repr=False)
    #: Words that apply another provision ("gilt entsprechend", "shall apply
    #: mutatis mutandis"): the safeguards of the cited provision come with it.
    applies: re.Pattern[str] | None = attrs.field(default=None, eq=False, repr=False)
    #: Words right after a negated modal that make it a deeming rule, not a
    #: prohibition ("shall not be considered to be"): nothing is forbidden.
    deeming: re.Pattern[str] | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def dispensations(self) -> frozenset[str]:
        """Labels of the exceptions that dispense with the safeguard their clause names."""
        return frozenset(r.label for r in self.exceptions if r.dispenses)

    @property
    def term_bound(self) -> frozenset[str]:
        """Labels of the exceptions that count only where their clause names a safeguard."""
        return frozenset(r.label for r in self.exceptions if r.needs_term)

    @property
    def modal_regex(self) -> re.Pattern[str]:
        """One alternation of every modal, longest first (so "shall not" beats "shall")."""
        return _modal_alternation(self)


@functools.lru_cache(maxsize=16)
def _modal_alternation(lex: Lexicon) -> re.Pattern[str]:
    parts = [f"(?P<m{i}>{m.pattern})" for i, m in enumerate(lex.modals)]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


class _Reader:
    """Validate one parsed TOML table, naming the file and key in every error."""

    def __init__(self, data: Mapping[str, Any], source: str) -> None:
        self.data = data
        self.source = source

    def fail(self, key: str, found: str, expected: str) -> ProfileError:
        return ProfileError(
            f"lexicon key {key!r}: {found}", source=self.source, address=key, expected=expected
        )

    def get(self, table: Mapping[str, Any], key: str, where: str, kind: type, default: Any = ...):
        name = f"{where}.{key}" if where else key
        if key not in table:
            if default is ...:
                raise self.fail(name, "missing", f"a {kind.__name__}")
            return default
        value = table[key]
        if kind is int and isinstance(value, bool):
            raise self.fail(name, f"found {value!r}", "an integer")
        if not isinstance(value, kind):
            raise self.fail(name, f"found {type(value).__name__} {value!r}", f"a {kind.__name__}")
        return value

    def regex(self, pattern: str, name: str) -> re.Pattern[str]:
        if not pattern.strip():
            raise self.fail(name, "empty pattern", "a regular expression")
        try:
            return re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])", re.IGNORECASE)
        except re.error as exc:
            raise self.fail(name, f"invalid regular expression ({exc})", "a valid regex") from None

    def suffix(self, pattern: str, name: str) -> re.Pattern[str]:
        """A pattern matched against the END of the text before a hit."""
        self.regex(pattern, name)
        return re.compile(r"(?:" + pattern + r")\s*$", re.IGNORECASE)

    def optional_patterns(
        self, table: Mapping[str, Any], key: str, where: str
    ) -> re.Pattern[str] | None:
        return self.patterns(table, key, where) if key in table else None

    def patterns(self, table: Mapping[str, Any], key: str, where: str) -> re.Pattern[str]:
        values = self.get(table, key, where, list)
        name = f"{where}.{key}"
        for i, v in enumerate(values):
            if not isinstance(v, str):
                raise self.fail(f"{name}[{i}]", f"found {v!r}", "a string pattern")
            self.regex(v, f"{name}[{i}]")
        if not values:
            raise self.fail(name, "empty list", "at least one pattern")
        return self.regex("|".join(f"(?:{v})" for v in values), name)

    def array(self, key: str, *, required: bool = True) -> list[Mapping[str, Any]]:
        items = self.data.get(key)
        if items is None:
            if required:
                raise self.fail(key, "missing", f"one or more [[{key}]] tables")
            return []
        if not isinstance(items, list) or not all(isinstance(t, dict) for t in items):
            raise self.fail(key, f"found {type(items).__name__}", f"an array of [[{key}]] tables")
        return items


def _phrases(r: _Reader, key: str, *, keyed: bool, required: bool) -> tuple[PhraseRule, ...]:
    out = []
    for i, table in enumerate(r.array(key, required=required)):
        where = f"{key}[{i}]"
        pattern = r.get(table, "pattern", where, str)
        label = r.get(table, "label", where, str, default=key)
        if keyed:
            name = r.get(table, "key", where, str)
        elif key == "deferral":
            name = r.get(table, "group", where, str)
            if name not in _GROUPS:
                raise r.fail(f"{where}.group", f"found {name!r}", f"one of {list(_GROUPS)}")
        else:
            name = label
        core = r.get(table, "core", where, bool, default=False)
        item = r.get(table, "item_qualifier", where, bool, default=False)
        not_after = r.get(table, "not_after", where, str, default=None)
        needs_term = r.get(table, "needs_term", where, bool, default=False)
        dispenses = r.get(table, "dispenses", where, bool, default=False)
        out.append(
            PhraseRule(
                name,
                label,
                pattern,
                r.regex(pattern, f"{where}.pattern"),
                core,
                item,
                r.suffix(not_after, f"{where}.not_after") if not_after else None,
                needs_term,
                dispenses,
            )
        )
    return tuple(out)


def _scope(r: _Reader, table: Mapping[str, Any], key: str) -> tuple[PhraseRule, ...]:
    values = r.get(table, key, "scope", list)
    out = []
    for i, v in enumerate(values):
        if not isinstance(v, str):
            raise r.fail(f"scope.{key}[{i}]", f"found {v!r}", "a string pattern")
        # The key names the rule in reports ("narrow:scope.narrow[2]"): the pattern itself
        # is a regular expression, unreadable for the lawyers who read the findings.
        out.append(PhraseRule(f"scope.{key}[{i}]", key, v, r.regex(v, f"scope.{key}[{i}]")))
    return tuple(out)


def parse_lexicon(data: Mapping[str, Any], *, source: str = "<lexicon>") -> Lexicon:
    """Validate a parsed TOML mapping and compile it into a :class:`Lexicon`."""
    r = _Reader(data, source)
    meta = r.get(data, "meta", "", dict)
    language = r.get(meta, "language", "meta", str)
    name = r.get(meta, "name", "meta", str, default=language)
    modals = []
    for i, table in enumerate(r.array("modal")):
        where = f"modal[{i}]"
        pattern = r.get(table, "pattern", where, str)
        r.regex(pattern, f"{where}.pattern")
        strength = r.get(table, "strength", where, int)
        if not 1 <= strength <= 4:
            raise r.fail(f"{where}.strength", f"found {strength}", "an integer from 1 to 4")
        polarity = r.get(table, "polarity", where, str)
        if polarity not in _POLARITIES:
            raise r.fail(f"{where}.polarity", f"found {polarity!r}", f"one of {list(_POLARITIES)}")
        label = r.get(table, "label", where, str, default=pattern)
        regex = re.compile(pattern, re.IGNORECASE)
        modals.append(ModalRule(pattern, regex, strength, polarity, label))
    clause = r.get(data, "clause", "", dict)
    lists = r.get(data, "safeguard_lists", "", dict)
    scope = r.get(data, "scope", "", dict)
    role = r.get(data, "role", "", dict, default={})
    saving = r.get(data, "saving", "", dict, default={})
    reference = r.get(data, "reference", "", dict, default={})
    return Lexicon(
        language=language,
        name=name,
        source=source,
        modals=tuple(modals),
        subordinators=r.patterns(clause, "subordinators", "clause"),
        determiners=r.patterns(clause, "determiners", "clause"),
        connectives=r.patterns(clause, "connectives", "clause"),
        restrictive=r.optional_patterns(clause, "restrictive", "clause"),
        deferrals=_phrases(r, "deferral", keyed=False, required=True),
        optionals=_phrases(r, "optional", keyed=False, required=False),
        terms=_phrases(r, "term", keyed=True, required=True),
        exceptions=_phrases(r, "exception", keyed=False, required=False),
        list_heads=r.patterns(lists, "heads", "safeguard_lists"),
        scope_broad=_scope(r, scope, "broad"),
        scope_narrow=_scope(r, scope, "narrow"),
        actor_heads=r.optional_patterns(role, "actor_heads", "role"),
        condition_words=r.optional_patterns(role, "condition_words", "role"),
        definitions=r.optional_patterns(role, "definitions", "role"),
        illustrations=r.optional_patterns(role, "illustrations", "role"),
        withdrawn=r.optional_patterns(role, "withdrawn", "role"),
        saving_markers=r.optional_patterns(saving, "markers", "saving"),
        saving_objects=r.optional_patterns(saving, "objects", "saving"),
        protective=r.optional_patterns(scope, "protective", "scope"),
        thresholds=r.optional_patterns(scope, "thresholds", "scope"),
        offence_lists=r.optional_patterns(scope, "offence_lists", "scope"),
        new_offence=r.optional_patterns(scope, "new_offence", "scope"),
        new_power=r.optional_patterns(scope, "new_power", "scope"),
        jurisdiction=r.optional_patterns(scope, "jurisdiction", "scope"),
        alternatives=r.optional_patterns(scope, "alternatives", "scope"),
        conditions=r.optional_patterns(scope, "conditions", "scope"),
        conjunctions=r.optional_patterns(scope, "conjunctions", "scope"),
        not_qualifiers=r.optional_patterns(scope, "not_qualifiers", "scope"),
        deeming=r.optional_patterns(scope, "deeming", "scope"),
        applies=r.optional_patterns(reference, "applies", "reference"),
    )


@functools.lru_cache(maxsize=32)
def _load_file(path: str, mtime: float) -> Lexicon:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ProfileError(
            f"cannot read lexicon ({exc.strerror})", source=path, expected="a TOML file"
        ) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"not valid TOML: {exc}", source=path, expected="TOML") from None
    return parse_lexicon(data, source=path)


@functools.lru_cache(maxsize=8)
def _load_builtin(language: str) -> Lexicon:
    resource = resources.files("treatydiff.safeguards") / "lexicon" / f"{language}.toml"
    data = tomllib.loads(resource.read_text(encoding="utf-8"))
    return parse_lexicon(data, source=f"treatydiff/safeguards/lexicon/{language}.toml")


def load_lexicon(lexicon: Lexicon | str | Path | None = None) -> Lexicon:
    """A :class:`Lexicon` from a language code ("en"), a TOML path, or None (English).

    >>> load_lexicon().language
    'en'
    >>> load_lexicon("fr").language
    'fr'
    """
    if lexicon is None:
        return _load_builtin("en")
    if isinstance(lexicon, Lexicon):
        return lexicon
    text = str(lexicon)
    if text in BUILTIN:
        return _load_builtin(text)
    path = Path(text)
    if not path.is_file():
        raise ProfileError(
            f"no lexicon named {text!r}",
            source=text,
            expected=f"one of {list(BUILTIN)} or the path of a TOML file",
        )
    return _load_file(str(path.resolve()), path.stat().st_mtime)
