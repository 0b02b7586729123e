"""The concept taxonomy: what the crosswalk looks for, as data.

A :class:`Taxonomy` names *concepts* (the offences, procedural powers and
co-operation a convention asks for) and *safeguards* (intent element,
judicial authorisation, dual criminality...), and holds one
:class:`Vocabulary` per language with the phrases that reveal each of them.
The vocabularies live in TOML files (``taxonomy/en.toml``, ``de.toml``,
``nl.toml``); a user extends them by passing more files to
:func:`load_taxonomy`.

>>> tax = default_taxonomy()
>>> tax.concept("illegal_access").label
'Illegal access'
>>> [h.phrase for h in tax.vocabulary("de").find_concepts("§ 202a Ausspähen von Daten")]
['Ausspähen von Daten']
"""

from __future__ import annotations

import functools
import math
import os
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from types import MappingProxyType
from typing import Any

import attrs

from treatydiff.errors import ProfileError
from treatydiff.model import Document

__all__ = [
    "KINDS",
    "MODES",
    "ConceptDef",
    "SafeguardDef",
    "SafeguardVocabulary",
    "Taxonomy",
    "Term",
    "TermHit",
    "Vocabulary",
    "default_taxonomy",
    "guess_language",
    "load_taxonomy",
]

#: Kinds of concept: an offence to criminalise, an investigative power, or
#: international co-operation.
KINDS: tuple[str, ...] = ("offence", "power", "cooperation")

#: How a safeguard is judged over several matched concepts: "each" needs it
#: in every one, "any" in at least one.
MODES: tuple[str, ...] = ("each", "any")


@attrs.frozen
class Term:
    """One vocabulary phrase: a regular expression and how telling it is."""

    key: str
    pattern: str
    weight: float
    regex: re.Pattern[str] = attrs.field(eq=False, repr=False)
    #: Lower-case text every match must contain (or ""): a cheap test that skips
    #: the regex on the many provisions that cannot match.
    literal: str = attrs.field(default="", eq=False, repr=False)


_META = set("()[]{}?*+|.^$")


def required_literal(pattern: str) -> str:
    r"""The longest run of plain characters that every match of ``pattern`` contains.

    Only runs outside groups count, and none when the pattern has a top-level
    alternation; a character made optional by ``?``, ``*`` or ``{0,`` is dropped.

    >>> required_literal(r'unauthori[sz]ed\s+access')
    'unauthori'
    >>> required_literal(r'forg(?:ery|ed)\b')
    'forg'
    >>> required_literal(r'imprisonment|penal\s+servitude')
    ''
    """
    runs: list[str] = []
    cur: list[str] = []
    depth = 0
    i, n = 0, len(pattern)

    def flush() -> None:
        if cur:
            runs.append("".join(cur))
            cur.clear()

    while i < n:
        c = pattern[i]
        if c == "\\":
            nxt = pattern[i + 1] if i + 1 < n else ""
            i += 2
            if nxt and not nxt.isalnum() and depth == 0:
                cur.append(nxt)
            else:
                flush()
            continue
        if c == "[":
            flush()
            i += 1
            if i < n and pattern[i] == "]":
                i += 1
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
            i += 1
            continue
        if c == "(":
            flush()
            depth += 1
        elif c == ")":
            depth -= 1
            flush()
        elif c in "?*":
            if cur:
                cur.pop()
            flush()
        elif c == "{":
            close = pattern.find("}", i)
            if pattern[i + 1 : i + 2] == "0" and cur:
                cur.pop()
            flush()
            i = close if close > i else i
        elif c == "|":
            if depth == 0:
                return ""
            flush()
        elif c in _META:
            flush()
        elif depth == 0:
            cur.append(c)
        else:
            flush()
        i += 1
    flush()
    best = max(runs, key=len, default="").lower()
    return best if len(best.strip()) >= 3 else ""


@attrs.frozen
class TermHit:
    """Where a term was found in a string: ``text[start:end] == phrase``."""

    key: str
    phrase: str
    start: int
    end: int
    weight: float
    pattern: str = ""


@attrs.frozen
class ConceptDef:
    """A concept: ``id`` ("illegal_access"), a printable label and its kind."""

    id: str
    label: str
    kind: str


@attrs.frozen
class SafeguardDef:
    """A safeguard column of the coverage matrix.

    ``applies_to`` lists concept ids or kinds whose matched provisions are
    searched for it; ``mode`` is "each" or "any" (see :data:`MODES`);
    ``follow_references`` also searches nearby provisions that cite a matched one.
    """

    id: str
    label: str
    applies_to: tuple[str, ...]
    mode: str = "each"
    follow_references: bool = False


@attrs.frozen
class SafeguardVocabulary:
    """Phrases of one safeguard in one language."""

    terms: tuple[Term, ...] = ()
    general: tuple[Term, ...] = ()
    exclude: tuple[Term, ...] = ()
    caveats: tuple[Term, ...] = ()


def _find(terms: Sequence[Term], text: str) -> list[TermHit]:
    out: list[TermHit] = []
    if not text:
        return out
    lowered = text.lower()
    for term in terms:
        if term.literal and term.literal not in lowered:
            continue
        for m in term.regex.finditer(text):
            if m.end() > m.start():
                out.append(
                    TermHit(term.key, m.group(0), m.start(), m.end(), term.weight, term.pattern)
                )
    out.sort(key=lambda h: (h.start, -h.end, h.key))
    return out


@attrs.frozen(eq=False)
class Vocabulary:
    """The phrases of every concept, kind and safeguard in one language."""

    language: str
    name: str
    markers: frozenset[str]
    stopwords: frozenset[str]
    concepts: Mapping[str, tuple[Term, ...]]
    kinds: Mapping[str, tuple[Term, ...]]
    safeguards: Mapping[str, SafeguardVocabulary]
    definitions: tuple[Term, ...] = ()
    _all_concepts: tuple[Term, ...] = attrs.field(init=False, repr=False)
    _all_kinds: tuple[Term, ...] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(
            self, "_all_concepts", tuple(t for ts in self.concepts.values() for t in ts)
        )
        object.__setattr__(self, "_all_kinds", tuple(t for ts in self.kinds.values() for t in ts))

    def find_concepts(self, text: str) -> list[TermHit]:
        """Every concept phrase in ``text``; ``key`` is the concept id.

        >>> v = default_taxonomy().vocabulary("en")
        >>> [(h.key, h.phrase) for h in v.find_concepts("the interception without right")]
        [('illegal_interception', 'interception'), ('interception_content', 'interception')]
        """
        return _find(self._all_concepts, text)

    def find_kinds(self, text: str) -> list[TermHit]:
        """Phrases that say what kind of provision ``text`` is (offence, power, cooperation)."""
        return _find(self._all_kinds, text)

    def find_definitions(self, text: str) -> list[TermHit]:
        """Phrases that mark a definition ("As used in this section", "wordt verstaan onder")."""
        return _find(self.definitions, text)

    def find_safeguard(self, safeguard: str, text: str, part: str = "terms") -> list[TermHit]:
        """Phrases of ``safeguard`` in ``text``; ``part`` is terms, general, exclude or caveats."""
        vocab = self.safeguards.get(safeguard)
        if vocab is None:
            return []
        return _find(getattr(vocab, part), text)

    def tokens(self, text: str) -> list[str]:
        """Content words of ``text`` for the fuzzy comparison (stopwords dropped, crude stems)."""
        out = []
        for word in _WORD.findall(text.lower()):
            if len(word) < 3 or word in self.stopwords:
                continue
            out.append(word[:7])
        return out


_WORD = re.compile(r"[^\W\d_]+")


@attrs.frozen(eq=False)
class Taxonomy:
    """Concepts, safeguards and the vocabularies of every known language."""

    concepts: tuple[ConceptDef, ...]
    safeguards: tuple[SafeguardDef, ...]
    vocabularies: Mapping[str, Vocabulary]

    def concept(self, cid: str) -> ConceptDef:
        for c in self.concepts:
            if c.id == cid:
                return c
        raise KeyError(f"unknown concept {cid!r}; known: {[c.id for c in self.concepts]}")

    def safeguard(self, sid: str) -> SafeguardDef:
        for s in self.safeguards:
            if s.id == sid:
                return s
        raise KeyError(f"unknown safeguard {sid!r}; known: {[s.id for s in self.safeguards]}")

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self.vocabularies))

    def vocabulary(self, language: str | None) -> Vocabulary:
        """The vocabulary of ``language`` ("en", "de-DE" -> "de"); English when unknown."""
        code = (language or "en").lower().split("-")[0].split("_")[0]
        if code in self.vocabularies:
            return self.vocabularies[code]
        return self.vocabularies.get("en") or next(iter(self.vocabularies.values()))

    def safeguard_concepts(self, sid: str) -> frozenset[str]:
        """Concept ids a safeguard applies to (kinds expanded)."""
        targets = set(self.safeguard(sid).applies_to)
        return frozenset(c.id for c in self.concepts if c.id in targets or c.kind in targets)


# -- loading -------------------------------------------------------------------


def _fail(path: str, key: str, what: str, expected: str) -> ProfileError:
    return ProfileError(f"{key}: {what}", source=path, expected=expected)


def _compile(path: str, key: str, pattern: Any, weight: Any = 1.0) -> Term:
    if not isinstance(pattern, str) or not pattern.strip():
        raise _fail(path, key, f"pattern {pattern!r} is not a non-empty string", "a regex string")
    if not isinstance(weight, int | float) or isinstance(weight, bool) or weight <= 0:
        raise _fail(path, key, f"weight {weight!r} is not a positive number", "a number > 0")
    try:
        regex = re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise _fail(
            path, key, f"pattern {pattern!r} is not a valid regex ({exc})", "a regex"
        ) from None
    name = key.split(".")[1] if "." in key else key
    return Term(name, pattern, float(weight), regex, required_literal(pattern))


def _terms(path: str, key: str, value: Any, *, weighted: bool) -> list[Term]:
    if not isinstance(value, list):
        raise _fail(path, key, f"is {type(value).__name__}, not a list", "a list of patterns")
    out = []
    for item in value:
        if weighted and isinstance(item, dict):
            unknown = set(item) - {"pattern", "weight"}
            if unknown:
                raise _fail(path, key, f"unknown fields {sorted(unknown)}", "pattern and weight")
            out.append(_compile(path, key, item.get("pattern"), item.get("weight", 1.0)))
        elif isinstance(item, str):
            out.append(_compile(path, key, item))
        else:
            raise _fail(
                path, key, f"entry {item!r} is not a pattern", "a string or {pattern, weight}"
            )
    return out


def _read(path: str, data: bytes) -> dict[str, Any]:
    try:
        return tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError(
            f"not valid TOML ({exc})", source=path, expected="a taxonomy TOML file"
        ) from None


def _builtin_files() -> list[tuple[str, bytes]]:
    folder = resources.files("treatydiff.crosswalk") / "taxonomy"
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml"))
    # English first: it defines ids, labels and kinds the others refer to.
    names.sort(key=lambda n: (n != "en.toml", n))
    return [(f"taxonomy/{n}", (folder / n).read_bytes()) for n in names]


def load_taxonomy(*paths: str | os.PathLike[str], builtin: bool = True) -> Taxonomy:
    """Load the built-in vocabularies and, after them, the files in ``paths``.

    A later file may add concepts, safeguards, languages or phrases; phrases
    for the same id and language are appended.

    >>> tax = load_taxonomy()
    >>> tax.languages
    ('de', 'en', 'nl')
    """
    files = _builtin_files() if builtin else []
    for p in paths:
        try:
            with open(p, "rb") as fh:
                files.append((os.fspath(p), fh.read()))
        except OSError as exc:
            raise ProfileError(f"cannot read ({exc.strerror})", source=os.fspath(p)) from None

    concepts: dict[str, ConceptDef] = {}
    safeguards: dict[str, SafeguardDef] = {}
    vocab: dict[str, dict[str, Any]] = {}
    for path, data in files:
        doc = _read(path, data)
        meta = doc.get("meta")
        if not isinstance(meta, dict) or not isinstance(meta.get("language"), str):
            raise _fail(path, "meta.language", "missing", "a [meta] table with language = 'xx'")
        lang = meta["language"].lower()
        unknown = set(doc) - {"meta", "concept", "kind", "safeguard", "definition"}
        if unknown:
            raise _fail(
                path,
                ", ".join(sorted(unknown)),
                "unknown table",
                "meta, concept, kind, definition, safeguard",
            )
        v = vocab.setdefault(
            lang,
            {
                "name": lang,
                "markers": set(),
                "stopwords": set(),
                "concepts": {},
                "kinds": {},
                "safeguards": {},
                "definitions": [],
            },
        )
        v["name"] = meta.get("name", v["name"])
        for field in ("markers", "stopwords"):
            words = meta.get(field, [])
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise _fail(path, f"meta.{field}", "is not a list of words", "a list of strings")
            v[field].update(w.lower() for w in words)

        for cid, body in (doc.get("concept") or {}).items():
            key = f"concept.{cid}"
            if not isinstance(body, dict):
                raise _fail(path, key, "is not a table", "a [concept.ID] table")
            if cid not in concepts:
                kind = body.get("kind")
                if kind not in KINDS:
                    raise _fail(
                        path,
                        f"{key}.kind",
                        f"{kind!r} (new concept needs a kind)",
                        f"one of {KINDS}",
                    )
                concepts[cid] = ConceptDef(cid, str(body.get("label", cid)), kind)
            v["concepts"].setdefault(cid, []).extend(
                _terms(path, key, body.get("terms", []), weighted=True)
            )
        for kind, body in (doc.get("kind") or {}).items():
            key = f"kind.{kind}"
            if kind not in KINDS:
                raise _fail(path, key, "unknown kind", f"one of {KINDS}")
            v["kinds"].setdefault(kind, []).extend(
                _terms(path, key, body.get("terms", []), weighted=True)
            )
        definition = doc.get("definition")
        if definition is not None:
            if not isinstance(definition, dict):
                raise _fail(path, "definition", "is not a table", "a [definition] table with terms")
            v["definitions"].extend(
                _terms(path, "definition", definition.get("terms", []), weighted=True)
            )
        for sid, body in (doc.get("safeguard") or {}).items():
            key = f"safeguard.{sid}"
            if not isinstance(body, dict):
                raise _fail(path, key, "is not a table", "a [safeguard.ID] table")
            if sid not in safeguards:
                applies = body.get("applies_to")
                if not isinstance(applies, list) or not applies:
                    raise _fail(
                        path,
                        f"{key}.applies_to",
                        "missing (new safeguard)",
                        "a list of concept ids or kinds",
                    )
                mode = body.get("mode", "each")
                if mode not in MODES:
                    raise _fail(path, f"{key}.mode", repr(mode), f"one of {MODES}")
                safeguards[sid] = SafeguardDef(
                    sid,
                    str(body.get("label", sid)),
                    tuple(str(a) for a in applies),
                    mode,
                    bool(body.get("follow_references", False)),
                )
            parts = v["safeguards"].setdefault(
                sid, {"terms": [], "general": [], "exclude": [], "caveats": []}
            )
            for part in parts:
                parts[part].extend(
                    _terms(path, f"{key}.{part}", body.get(part, []), weighted=False)
                )

    for s in safeguards.values():
        for target in s.applies_to:
            if target not in concepts and target not in KINDS:
                raise ProfileError(
                    f"safeguard.{s.id}.applies_to names {target!r}",
                    expected="a concept id or one of " + ", ".join(KINDS),
                )
    vocabularies = {}
    for lang, v in vocab.items():
        vocabularies[lang] = Vocabulary(
            language=lang,
            name=v["name"],
            markers=frozenset(v["markers"]),
            stopwords=frozenset(v["stopwords"]),
            concepts=MappingProxyType({k: tuple(ts) for k, ts in v["concepts"].items()}),
            kinds=MappingProxyType({k: tuple(ts) for k, ts in v["kinds"].items()}),
            safeguards=MappingProxyType(
                {
                    k: SafeguardVocabulary(**{p: tuple(ts) for p, ts in parts.items()})
                    for k, parts in v["safeguards"].items()
                }
            ),
            definitions=tuple(v["definitions"]),
        )
    return Taxonomy(
        concepts=tuple(concepts.values()),
        safeguards=tuple(safeguards.values()),
        vocabularies=MappingProxyType(dict(sorted(vocabularies.items()))),
    )


@functools.cache
def default_taxonomy() -> Taxonomy:
    """The built-in taxonomy (English, German, Dutch), loaded once."""
    return load_taxonomy()


# -- language -------------------------------------------------------------------


def guess_language(document: Document, taxonomy: Taxonomy | None = None) -> str:
    """The language of ``document``: its declared language, else a guess from function words.

    >>> from treatydiff.model import Provision
    >>> doc = Document.build(title="x", provisions=[Provision(kind="section", number="1",
    ...     text="Wer unbefugt sich Zugang zu Daten verschafft, wird bestraft.")])
    >>> guess_language(doc)
    'de'
    """
    tax = taxonomy or default_taxonomy()
    if document.language:
        code = document.language.lower().split("-")[0].split("_")[0]
        if code in tax.vocabularies:
            return code
    return guess_text_language(_sample(document), tax)


def guess_text_language(text: str, taxonomy: Taxonomy | None = None) -> str:
    """The known language whose function words are most frequent in ``text`` (English on a tie)."""
    tax = taxonomy or default_taxonomy()
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return "en" if "en" in tax.vocabularies else tax.languages[0]
    best, best_score = "", -1.0
    for lang in sorted(tax.vocabularies, key=lambda c: (c != "en", c)):
        markers = tax.vocabularies[lang].markers
        score = sum(1 for w in words if w in markers) / math.sqrt(len(markers) or 1)
        if score > best_score:
            best, best_score = lang, score
    return best


def _sample(document: Document, limit: int = 20000) -> str:
    parts: list[str] = []
    size = 0
    for node in document.walk():
        for piece in (node.heading, node.text):
            if piece:
                parts.append(piece)
                size += len(piece)
        if size > limit:
            break
    return " ".join(parts)


def iter_terms(terms: Iterable[Term]) -> tuple[str, ...]:
    """The patterns of ``terms`` (for reports)."""
    return tuple(t.pattern for t in terms)
