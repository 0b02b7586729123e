"""Hypothesis strategies: synthetic treaties built recursively.

``treaties()`` draws a :class:`~treatydiff.model.Document` shaped like a UN
convention: chapters of articles with headings, numbered paragraphs, lettered
points and roman clauses, with some boilerplate repeated across articles.
"""

from __future__ import annotations

from hypothesis import strategies as st

from treatydiff.model import Document, Provision

WORDS = (
    "state party shall adopt legislative measures necessary establish criminal offence "
    "domestic law intentionally without right access computer system data interference "
    "interception device production order preservation traffic content subscriber "
    "information judicial authority review proportionality necessity privacy protection "
    "cooperation assistance request refusal extradition jurisdiction territory vessel "
    "aircraft national victim witness evidence seizure search real time collection "
    "service provider confidentiality duration notice remedy safeguard human rights"
).split()

BOILERPLATE = (
    "Each State Party shall adopt such legislative and other measures as may be necessary "
    "to establish as criminal offences under its domestic law, when committed intentionally"
)

ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii")
LETTERS = "abcdefghij"


def sentences(min_words: int = 6, max_words: int = 30) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(WORDS), min_size=min_words, max_size=max_words).map(
        lambda ws: " ".join(ws).capitalize() + "."
    )


@st.composite
def clauses(draw, index: int) -> Provision:
    n = ROMAN[index]
    return Provision(kind="clause", number=n, label=f"({n})", text=draw(sentences(4, 12)))


@st.composite
def points(draw, index: int) -> Provision:
    n = LETTERS[index]
    k = draw(st.integers(0, 2))
    kids = [draw(clauses(i)) for i in range(k)]
    return Provision(
        kind="subparagraph", number=n, label=f"({n})", text=draw(sentences(4, 16)), children=kids
    )


@st.composite
def paragraphs(draw, index: int, boilerplate: bool) -> Provision:
    n = str(index + 1)
    text = draw(sentences())
    if boilerplate and draw(st.booleans()):
        text = BOILERPLATE + ", " + text[0].lower() + text[1:]
    k = draw(st.integers(0, 3))
    kids = [draw(points(i)) for i in range(k)]
    return Provision(kind="paragraph", number=n, label=f"{n}.", text=text, children=kids)


@st.composite
def articles(draw, number: int, boilerplate: bool = True) -> Provision:
    heading = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))).capitalize()
    k = draw(st.integers(1, 4))
    paras = [draw(paragraphs(i, boilerplate)) for i in range(k)]
    return Provision(
        kind="article",
        number=str(number),
        label=f"Article {number}",
        heading=heading,
        children=paras,
    )


ROMAN_CHAPTERS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")


@st.composite
def treaties(
    draw, min_articles: int = 3, max_articles: int = 15, boilerplate: bool = True
) -> Document:
    """A synthetic convention with chapters, articles, paragraphs, points and clauses."""
    n_articles = draw(st.integers(min_articles, max_articles))
    n_chapters = draw(st.integers(1, min(4, n_articles)))
    cuts = (
        sorted(
            draw(
                st.sets(
                    st.integers(1, n_articles - 1), min_size=n_chapters - 1, max_size=n_chapters - 1
                )
            )
        )
        if n_chapters > 1
        else []
    )
    bounds = [0, *cuts, n_articles]
    chapters = []
    number = 1
    for c in range(len(bounds) - 1):
        arts = []
        for _ in range(bounds[c], bounds[c + 1]):
            arts.append(draw(articles(number, boilerplate)))
            number += 1
        chapters.append(
            Provision(
                kind="chapter",
                number=ROMAN_CHAPTERS[c],
                label=f"Chapter {ROMAN_CHAPTERS[c]}",
                heading=draw(sentences(1, 4)).rstrip("."),
                children=arts,
            )
        )
    return Document.build(title="Synthetic convention", provisions=chapters, language="en")


# -- edited(): known edits with the true mapping ------------------------------------

import random as _random  # noqa: E402  (kept beside the code that needs it)

import attrs as _attrs  # noqa: E402

#: Edits :func:`edit_document` knows, each applied to provisions no other edit touched.
EDIT_OPS = (
    "reword",
    "insert_article",
    "delete_article",
    "move_article",
    "move_paragraph",
    "split_article",
    "merge_articles",
    "split_paragraph",
    "merge_paragraphs",
    "insert_paragraph",
    "delete_paragraph",
)

#: Edits that move text between levels, kept apart from :data:`EDIT_OPS` so the
#: seeded benchmark draws the same edits as before.  ``sole_paragraph_level``
#: unnumbers an article's sole paragraph (its text becomes the article's own
#: text) or, for an article with own text and no paragraphs, numbers that text
#: as paragraph "1."; the truth pairs the paragraph with the article eId.
LEVEL_OPS = ("sole_paragraph_level",)


@_attrs.frozen
class Truth:
    """The true mapping behind an edited document.

    ``pairs`` holds ``(level, old eIds, new eIds)`` for every provision that
    survived (one old and two new eIds for a split, the reverse for a merge);
    ``inserted``/``deleted`` hold ``(level, eId)``.  Levels are provision
    kinds ("article", "paragraph", "subparagraph", "clause").  ``moved``
    lists ``(level, old eId)`` of provisions an edit moved, ``ops`` the edits
    applied, in order.
    """

    pairs: frozenset = frozenset()
    inserted: frozenset = frozenset()
    deleted: frozenset = frozenset()
    moved: frozenset = frozenset()
    ops: tuple = ()

    def at(self, *levels: str) -> frozenset:
        """``(old, new)`` pairs at the given levels."""
        return frozenset((o, n) for lv, o, n in self.pairs if lv in levels)


def _rand_sentence(rng: _random.Random, lo: int = 6, hi: int = 30) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi))).capitalize() + "."


def edit_document(
    doc: Document,
    rng: _random.Random,
    *,
    n_edits: int = 3,
    ops: tuple[str, ...] = EDIT_OPS,
    max_reword: float = 0.3,
    renumber: bool = True,
) -> tuple[Document, Truth]:
    """Apply ``n_edits`` random edits from ``ops`` to a :func:`treaties` document.

    Articles are renumbered in sequence when ``renumber`` (as successive
    drafts do), otherwise they keep their numbers and new ones get a letter
    suffix ("7a"); paragraphs are always renumbered within their article.
    Returns the new document and its :class:`Truth`.
    """
    # The working copy: chapters -> articles -> paragraphs, each with its sources.
    chapters = []
    for chap in doc.provisions:
        arts = []
        for art in chap.children:
            paras = [
                {"src": (p.eid,), "text": p.text, "kids": p.children, "orig": p, "touched": False}
                for p in art.children
            ]
            arts.append(
                {
                    "src": (art.eid,),
                    "heading": art.heading,
                    "number": art.number,
                    "paras": paras,
                    "touched": False,
                    "text": art.text,
                }
            )
        chapters.append({"prov": chap, "arts": arts})
    applied: list[str] = []
    moved: set[tuple[str, str]] = set()

    def all_arts():
        return [(c, k) for c in range(len(chapters)) for k in range(len(chapters[c]["arts"]))]

    def free_arts():
        return [(c, k) for c, k in all_arts() if not chapters[c]["arts"][k]["touched"]]

    def free_paras():
        out = []
        for c, k in all_arts():
            art = chapters[c]["arts"][k]
            for q, p in enumerate(art["paras"]):
                if not p["touched"] and p["src"]:
                    out.append((c, k, q))
        return out

    def new_article():
        paras = [
            {"src": (), "text": _rand_sentence(rng), "kids": (), "orig": None, "touched": True}
            for _ in range(rng.randint(1, 3))
        ]
        heading = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 4))).capitalize()
        return {"src": (), "heading": heading, "number": None, "paras": paras, "touched": True}

    for _ in range(n_edits):
        op = rng.choice(ops)
        if op == "reword":
            cands = [
                x
                for x in free_paras()
                if len(chapters[x[0]]["arts"][x[1]]["paras"][x[2]]["text"].split()) >= 4
            ]
            if not cands:
                continue
            c, k, q = rng.choice(cands)
            p = chapters[c]["arts"][k]["paras"][q]
            ws = p["text"].rstrip(".").split()
            n = max(1, int(len(ws) * rng.uniform(0.05, max_reword)))
            for t in rng.sample(range(len(ws)), min(n, len(ws))):
                ws[t] = rng.choice(WORDS)
            p["text"] = " ".join(ws) + "."
            p["touched"] = True
        elif op == "insert_article":
            c = rng.randrange(len(chapters))
            chapters[c]["arts"].insert(rng.randint(0, len(chapters[c]["arts"])), new_article())
        elif op == "delete_article":
            cands = free_arts()
            if len(all_arts()) < 3 or not cands:
                continue
            c, k = rng.choice(cands)
            del chapters[c]["arts"][k]
        elif op == "move_article":
            cands = free_arts()
            if len(all_arts()) < 4 or not cands:
                continue
            c, k = rng.choice(cands)
            idx = all_arts().index((c, k))
            art = chapters[c]["arts"].pop(k)
            art["touched"] = True
            rest = all_arts()
            # Back in place, or one step away, is no move (or a move of its
            # neighbour): require a jump of at least two places in reading order.
            x = rng.choice([x for x in range(len(rest) + 1) if abs(x - idx) >= 2])
            if x < len(rest):
                c2, k2 = rest[x]
                chapters[c2]["arts"].insert(k2, art)
            else:
                chapters[-1]["arts"].append(art)
            moved.add(("article", art["src"][0]))
        elif op == "move_paragraph":
            cands = [x for x in free_paras() if len(chapters[x[0]]["arts"][x[1]]["paras"]) >= 2]
            targets = all_arts()
            if not cands or len(targets) < 2:
                continue
            c, k, q = rng.choice(cands)
            dest = rng.choice([t for t in targets if t != (c, k)])
            p = chapters[c]["arts"][k]["paras"].pop(q)
            p["touched"] = True
            dparas = chapters[dest[0]]["arts"][dest[1]]["paras"]
            dparas.insert(rng.randint(0, len(dparas)), p)
            moved.add(("paragraph", p["src"][0]))
        elif op == "split_article":
            cands = [x for x in free_arts() if len(chapters[x[0]]["arts"][x[1]]["paras"]) >= 2]
            if not cands:
                continue
            c, k = rng.choice(cands)
            art = chapters[c]["arts"][k]
            cut = rng.randint(1, len(art["paras"]) - 1)
            heading2 = " ".join(rng.choice(WORDS) for _ in range(3)).capitalize()
            second = {
                "src": art["src"],
                "heading": heading2,
                "number": None,
                "paras": art["paras"][cut:],
                "touched": True,
            }
            art["paras"] = art["paras"][:cut]
            art["touched"] = True
            chapters[c]["arts"].insert(k + 1, second)
        elif op == "merge_articles":
            cands = [
                (c, k)
                for c, k in free_arts()
                if k + 1 < len(chapters[c]["arts"])
                and not chapters[c]["arts"][k + 1]["touched"]
                # own text would have no place in the merged article
                and not chapters[c]["arts"][k]["text"]
                and not chapters[c]["arts"][k + 1]["text"]
            ]
            if not cands:
                continue
            c, k = rng.choice(cands)
            a, b = chapters[c]["arts"][k], chapters[c]["arts"].pop(k + 1)
            a["src"] = a["src"] + b["src"]
            a["paras"] = a["paras"] + b["paras"]
            a["touched"] = True
        elif op == "split_paragraph":
            cands = [
                x
                for x in free_paras()
                if not chapters[x[0]]["arts"][x[1]]["paras"][x[2]]["kids"]
                and len(chapters[x[0]]["arts"][x[1]]["paras"][x[2]]["text"].split()) >= 12
            ]
            if not cands:
                continue
            c, k, q = rng.choice(cands)
            paras = chapters[c]["arts"][k]["paras"]
            p = paras[q]
            ws = p["text"].rstrip(".").split()
            cut = rng.randint(len(ws) // 3, 2 * len(ws) // 3)
            p1 = {
                "src": p["src"],
                "text": " ".join(ws[:cut]) + ".",
                "kids": (),
                "orig": None,
                "touched": True,
                "split": True,
            }
            p2 = {
                "src": p["src"],
                "text": " ".join(ws[cut:]).capitalize() + ".",
                "kids": (),
                "orig": None,
                "touched": True,
                "split": True,
            }
            paras[q : q + 1] = [p1, p2]
        elif op == "merge_paragraphs":
            cands = []
            for c, k, q in free_paras():
                paras = chapters[c]["arts"][k]["paras"]
                if (
                    q + 1 < len(paras)
                    and not paras[q + 1]["touched"]
                    and paras[q + 1]["src"]
                    and not paras[q]["kids"]
                    and not paras[q + 1]["kids"]
                ):
                    cands.append((c, k, q))
            if not cands:
                continue
            c, k, q = rng.choice(cands)
            paras = chapters[c]["arts"][k]["paras"]
            a, b = paras[q], paras.pop(q + 1)
            a["src"] = a["src"] + b["src"]
            a["text"] = a["text"].rstrip(".") + "; " + b["text"][0].lower() + b["text"][1:]
            a["touched"] = True
        elif op == "insert_paragraph":
            c, k = rng.choice(all_arts())
            paras = chapters[c]["arts"][k]["paras"]
            paras.insert(
                rng.randint(0, len(paras)),
                {
                    "src": (),
                    "text": _rand_sentence(rng, 10, 30),
                    "kids": (),
                    "orig": None,
                    "touched": True,
                },
            )
        elif op == "sole_paragraph_level":
            cands = [
                (c, k)
                for c, k in free_arts()
                if (
                    not chapters[c]["arts"][k]["text"]
                    and len(chapters[c]["arts"][k]["paras"]) == 1
                    and not chapters[c]["arts"][k]["paras"][0]["touched"]
                    and len(chapters[c]["arts"][k]["paras"][0]["src"]) == 1
                    and not chapters[c]["arts"][k]["paras"][0]["kids"]
                )
                or (chapters[c]["arts"][k]["text"] and not chapters[c]["arts"][k]["paras"])
            ]
            if not cands:
                continue
            c, k = rng.choice(cands)
            art = chapters[c]["arts"][k]
            art["touched"] = True
            if art["paras"]:
                (p,) = art["paras"]
                art["text"], art["text_src"], art["paras"] = p["text"], p["src"], []
            else:
                art["paras"] = [
                    # the article's own text, now paragraph 1: its source is the article
                    {
                        "src": art["src"],
                        "text": art["text"],
                        "kids": (),
                        "orig": None,
                        "touched": True,
                    }
                ]
                art["text"] = ""
        elif op == "delete_paragraph":
            cands = [x for x in free_paras() if len(chapters[x[0]]["arts"][x[1]]["paras"]) >= 2]
            if not cands:
                continue
            c, k, q = rng.choice(cands)
            del chapters[c]["arts"][k]["paras"][q]
        applied.append(op)

    # Build the new tree, numbering as a draft would.
    provisions = []
    number = 0
    last_number = "0"
    suffix: dict[str, int] = {}
    for chap in chapters:
        arts = []
        for art in chap["arts"]:
            number += 1
            if renumber:
                num = str(number)
            elif art["number"] is not None:
                num = art["number"]
            else:
                suffix[last_number] = suffix.get(last_number, 0) + 1
                num = last_number + "abcdefghijklmnopqrstuvwxyz"[min(suffix[last_number] - 1, 25)]
            last_number = num if num.isdigit() else last_number
            paras = []
            for q, p in enumerate(art["paras"]):
                paras.append(
                    Provision(
                        kind="paragraph",
                        number=str(q + 1),
                        label=f"{q + 1}.",
                        text=p["text"],
                        children=p["kids"],
                    )
                )
            arts.append(
                Provision(
                    kind="article",
                    number=num,
                    label=f"Article {num}",
                    heading=art["heading"],
                    text=art.get("text") or "",
                    children=paras,
                )
            )
        old = chap["prov"]
        provisions.append(
            Provision(
                kind="chapter",
                number=old.number,
                label=old.label,
                heading=old.heading,
                children=arts,
            )
        )
    new_doc = Document.build(
        title=doc.title + " (edited)", provisions=provisions, language=doc.language
    )

    # Read back the new eIds in the same order to state the truth.
    art_new: dict[tuple[str, ...], list[str]] = {}
    para_new: dict[tuple[str, ...], list[str]] = {}
    pairs = set()
    inserted = set()
    for chap, prov in zip(chapters, new_doc.provisions, strict=True):
        for art, aprov in zip(chap["arts"], prov.children, strict=True):
            if art["src"]:
                art_new.setdefault(art["src"], []).append(aprov.eid)
            else:
                inserted.add(("article", aprov.eid))
            if art.get("text_src"):
                # a sole paragraph that lost its number: now the article's own text
                pairs.add(("paragraph", art["text_src"], (aprov.eid,)))
            for p, pprov in zip(art["paras"], aprov.children, strict=True):
                if not p["src"]:
                    inserted.add(("paragraph", pprov.eid))
                    for d in pprov.walk():
                        if d is not pprov:
                            inserted.add((d.kind, d.eid))
                    continue
                para_new.setdefault(p["src"], []).append(pprov.eid)
                if len(p["src"]) == 1 and not p.get("split") and p["kids"]:
                    old_sub = [d for d in doc.get(p["src"][0]).walk()][1:]
                    new_sub = [d for d in pprov.walk()][1:]
                    for o, n in zip(old_sub, new_sub, strict=True):
                        pairs.add((o.kind, (o.eid,), (n.eid,)))
    for src, news in art_new.items():
        pairs.add(("article", src, tuple(news)))
    for src, news in para_new.items():
        pairs.add(("paragraph", src, tuple(news)))
    kept = {e for _, o, _ in pairs for e in o}
    deleted = {
        (p.kind, p.eid) for p in doc.walk() if p.kind not in ("chapter",) and p.eid not in kept
    }
    # Descendants of a deleted article or paragraph are deleted too, unless they moved away.
    return new_doc, Truth(
        pairs=frozenset(pairs),
        inserted=frozenset(inserted),
        deleted=frozenset(deleted),
        # A moved paragraph may have gone with the article it moved into.
        moved=frozenset(x for x in moved if any(o == (x[1],) and len(n) == 1 for _, o, n in pairs)),
        ops=tuple(applied),
    )


@st.composite
def edited(
    draw,
    doc: Document,
    *,
    max_edits: int = 4,
    ops: tuple[str, ...] = EDIT_OPS,
    max_reword: float = 0.3,
) -> tuple[Document, Truth]:
    """Draw ``(new_doc, truth)``: ``doc`` after 1..``max_edits`` known edits.

    See :func:`edit_document` for the edits and :class:`Truth` for the mapping.
    """
    rng = _random.Random(draw(st.integers(0, 2**32 - 1)))
    n = draw(st.integers(1, max_edits))
    renumber = draw(st.booleans())
    return edit_document(doc, rng, n_edits=n, ops=ops, max_reword=max_reword, renumber=renumber)


def distinguishable(doc: Document, *, limit: float = 0.8) -> bool:
    """True when no two articles, and no two paragraphs, read nearly alike.

    With near-identical provisions the true mapping of an edit is not
    recoverable by anyone (two copies of "State state state." swapping places
    look like no change at all), so properties about recovery need this.
    """
    from rapidfuzz.distance import Indel
    from rapidfuzz.process import cdist

    groups = [
        [" ".join(p.full_text().split()[2:]) for p in doc.walk() if p.kind == "article"],
        *(
            [p.text for p in doc.walk() if p.kind == kind]
            for kind in ("paragraph", "subparagraph", "clause")
        ),
    ]
    for texts in groups:
        if len(texts) > 1:
            m = cdist(texts, texts, scorer=Indel.normalized_similarity)
            for i in range(len(texts)):
                m[i, i] = 0
            if m.max() >= limit:
                return False
    return True


def distinct_treaties(min_articles: int = 3, max_articles: int = 10) -> st.SearchStrategy[Document]:
    """:func:`random_treaty` documents that are :func:`distinguishable`.

    Drawn from a seed rather than built word by word, so that shrinking
    cannot collapse every text into "State state state." (where no true
    mapping can be recovered): a shrunk seed is still a realistic document.
    """
    return st.builds(
        lambda seed, n, b: random_treaty(_random.Random(seed), n, boilerplate=b),
        st.integers(0, 2**32 - 1),
        st.integers(min_articles, max_articles),
        st.sampled_from((0.0, 0.25, 0.6)),
    ).filter(distinguishable)


@st.composite
def edited_pairs(draw, **options) -> tuple[Document, Document, Truth]:
    """Draw ``(old, new, truth)``: a :func:`distinct_treaties` document and an edited copy."""
    old = draw(distinct_treaties())
    new, truth = draw(edited(old, **options))
    return old, new, truth


def random_treaty(
    rng: _random.Random,
    n_articles: int = 12,
    *,
    boilerplate: float = 0.25,
    title: str = "Synthetic convention",
) -> Document:
    """A :func:`treaties`-like document from a seeded ``random.Random`` (for benchmarks).

    ``boilerplate`` is the share of paragraphs that open with the common formula.
    """

    def sentence(lo: int, hi: int) -> str:
        return _rand_sentence(rng, lo, hi)

    def paragraph(q: int) -> Provision:
        text = sentence(6, 30)
        if rng.random() < boilerplate:
            text = BOILERPLATE + ", " + text[0].lower() + text[1:]
        kids = []
        for i in range(rng.choice((0, 0, 1, 2, 3))):
            sub = [
                Provision(
                    kind="clause", number=ROMAN[c], label=f"({ROMAN[c]})", text=sentence(4, 12)
                )
                for c in range(rng.choice((0, 0, 1, 2)))
            ]
            kids.append(
                Provision(
                    kind="subparagraph",
                    number=LETTERS[i],
                    label=f"({LETTERS[i]})",
                    text=sentence(4, 16),
                    children=sub,
                )
            )
        return Provision(kind="paragraph", number=str(q), label=f"{q}.", text=text, children=kids)

    n_chapters = max(1, min(9, n_articles // 8))
    cuts = sorted(rng.sample(range(1, n_articles), n_chapters - 1)) if n_chapters > 1 else []
    bounds = [0, *cuts, n_articles]
    chapters = []
    for c in range(len(bounds) - 1):
        arts = []
        for number in range(bounds[c] + 1, bounds[c + 1] + 1):
            heading = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4))).capitalize()
            paras = [paragraph(q + 1) for q in range(rng.randint(1, 4))]
            arts.append(
                Provision(
                    kind="article",
                    number=str(number),
                    label=f"Article {number}",
                    heading=heading,
                    children=paras,
                )
            )
        roman = ROMAN_CHAPTERS[c] if c < len(ROMAN_CHAPTERS) else str(c + 1)
        chapters.append(
            Provision(
                kind="chapter",
                number=roman,
                label=f"Chapter {roman}",
                heading=sentence(1, 4).rstrip("."),
                children=arts,
            )
        )
    return Document.build(title=title, provisions=chapters, language="en")
