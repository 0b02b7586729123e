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
        kind="article", number=str(number), label=f"Article {number}", heading=heading,
        children=paras,
    )


ROMAN_CHAPTERS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")


@st.composite
def treaties(draw, min_articles: int = 3, max_articles: int = 15, boilerplate: bool = True) -> Document:
    """A synthetic convention with chapters, articles, paragraphs, points and clauses."""
    n_articles = draw(st.integers(min_articles, max_articles))
    n_chapters = draw(st.integers(1, min(4, n_articles)))
    cuts = sorted(draw(st.sets(st.integers(1, n_articles - 1), min_size=n_chapters - 1,
                               max_size=n_chapters - 1))) if n_chapters > 1 else []
    bounds = [0, *cuts, n_articles]
    chapters = []
    number = 1
    for c in range(len(bounds) - 1):
        arts = []
        for _ in range(bounds[c], bounds[c + 1]):
            arts.append(draw(articles(number, boilerplate)))
            number += 1
        chapters.append(
            Provision(kind="chapter", number=ROMAN_CHAPTERS[c], label=f"Chapter {ROMAN_CHAPTERS[c]}",
                      heading=draw(sentences(1, 4)).rstrip("."), children=arts)
        )
    return Document.build(title="Synthetic convention", provisions=chapters, language="en")
