"""Safeguard analysis: where protections were weakened, strengthened or deferred.

``safeguards(alignment)`` compares aligned provisions clause by clause and
reports, with quotable evidence from both versions, modal downgrades
("shall" -> "may"), added deferrals ("in accordance with its domestic law"),
optional elements and reservations, deleted safeguard terms ("judicial",
"proportionality"), widened exceptions and scope, and text moved into the
preamble, plus the reverse strengthenings.  ``safeguards_of(document)`` audits
one text alone.  The vocabulary is a TOML lexicon users can extend.

>>> from treatydiff.model import Alignment, Document, Match, Provision
>>> old = Document.build(title="v1", provisions=[Provision(kind="article", number="5",
...       text="Each Party shall ensure prior judicial authorisation.")])
>>> new = Document.build(title="v2", provisions=[Provision(kind="article", number="5",
...       text="Each Party may ensure prior authorisation.")])
>>> m = Match(old=("art_5",), new=("art_5",), kind="changed", score=0.9, method="address",
...           level="article")
>>> for f in safeguards(Alignment(old, new, (m,))):
...     print(f.category, f.direction, f.severity, repr(f.old.phrase))
safeguard_term_deleted weakened high 'judicial'
modal_downgrade weakened high 'shall'
"""

from __future__ import annotations

from pathlib import Path

from treatydiff.model import Alignment, Document, Finding
from treatydiff.safeguards.lexicon import Lexicon, load_lexicon
from treatydiff.safeguards.rules import CATEGORIES, SEVERITIES, analyse_alignment, analyse_document

__all__ = [
    "CATEGORIES",
    "SEVERITIES",
    "Lexicon",
    "lexicon_for",
    "load_lexicon",
    "review",
    "safeguards",
    "safeguards_of",
]


#: Languages whose lexicon is complete enough to be chosen without being asked
#: for (fr and es are skeletons: pass them explicitly).
AUTO_LANGUAGES = ("en", "de", "nl")


def lexicon_for(lexicon: Lexicon | str | Path | None, *documents: Document) -> Lexicon:
    """The lexicon to use: the one given, else the documents' language's, else English.

    >>> from treatydiff.model import Document
    >>> lexicon_for(None, Document.build(title="StPO", provisions=[], language="de")).language
    'de'
    >>> lexicon_for("en", Document.build(title="StPO", provisions=[], language="de")).language
    'en'
    """
    if lexicon is not None:
        return load_lexicon(lexicon)
    for doc in documents:
        code = (doc.language or "").split("-")[0].lower()
        if code in AUTO_LANGUAGES:
            return load_lexicon(code)
    return load_lexicon("en")


def safeguards(
    alignment: Alignment,
    *,
    lexicon: Lexicon | str | Path | None = None,
    min_score: float = 0.5,
) -> tuple[Finding, ...]:
    """Findings where an aligned pair of texts weakened or strengthened a safeguard.

    ``lexicon`` is a :class:`Lexicon`, a language code ("en", "de", "nl") or the
    path of a TOML file; by default the documents' language chooses (English,
    German and Dutch have complete lexicons; other languages fall back to
    English); ``min_score`` skips matches the aligner was less sure of (matches
    scored below 0.75 have their findings' severity lowered one step).  Findings
    are sorted by position in the new document; each carries :class:`Evidence`
    whose offsets index the provision's own text.
    """
    lex = lexicon_for(lexicon, alignment.new, alignment.old)
    return analyse_alignment(alignment, lex, min_score=min_score)


def safeguards_of(
    document: Document, *, lexicon: Lexicon | str | Path | None = None
) -> tuple[Finding, ...]:
    """Every deferral, optional element, exception, weak modal and safeguard term of one text.

    >>> from treatydiff.model import Document, Provision
    >>> doc = Document.build(title="t", provisions=[Provision(kind="article", number="1",
    ...       text="Each Party may, in accordance with its domestic law, refuse.")])
    >>> [(f.category, f.new.phrase) for f in safeguards_of(doc)]
    [('deferral', 'in accordance with its domestic law')]
    """
    return analyse_document(document, lexicon_for(lexicon, document))


def review(
    alignment: Alignment,
    *,
    lexicon: Lexicon | str | Path | None = None,
    min_score: float = 0.5,
    findings: tuple[Finding, ...] | None = None,
) -> tuple[Finding, ...]:
    """Reworded safeguard clauses that no rule classified: read these.

    A prohibition, exception, deferral or safeguard clause whose wording
    changed materially in a matched provision with no finding is listed with
    both versions quoted (``category="reworded"``, ``direction="unclear"``,
    severity ``low``).  These are not findings: the rules could not tell
    whether the change reaches more or less, and say so instead of guessing.
    Pass ``findings`` (from :func:`safeguards`) to avoid computing them twice.
    """
    from treatydiff.safeguards._review import review_alignment

    return review_alignment(
        alignment,
        lexicon_for(lexicon, alignment.new, alignment.old),
        min_score=min_score,
        findings=findings,
    )
