"""Property: a synthetic treaty rendered to text with formatting noise parses back.

Nothing of the rendered text is lost (``lost_text`` is empty) and the tree's
articles, paragraph, point and clause numbers are those of the original.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from strategies import treaties

from treatydiff.model import Document, Provision
from treatydiff.readers._coverage import lost_text
from treatydiff.readers.text import read_text


@st.composite
def rendered(draw) -> tuple[str, Document]:
    doc = draw(treaties(min_articles=1, max_articles=8))
    markdown = draw(st.booleans())
    out: list[str] = []

    def gap() -> None:
        out.extend([""] * draw(st.integers(0, 2)))

    def pad(text: str) -> str:
        # random runs of spaces inside and around a line are not content
        return " " * draw(st.integers(0, 2)) + text.replace(" ", " " * draw(st.integers(1, 2)))

    for chapter in doc.provisions:
        word = draw(st.sampled_from(["CHAPTER", "Chapter"]))
        head = f"{word} {chapter.number}"
        out.append(f"## {head}" if markdown else head)
        out.append(f"### {chapter.heading}" if markdown else chapter.heading)
        gap()
        for art in chapter.children:
            style = draw(st.sampled_from(["next", "dash", "colon"]))
            label = f"Article {art.number}"
            if markdown:
                label = draw(st.sampled_from([f"### {label}", f"**{label}**", f"*{label}*"]))
            if style == "next":
                out.extend([label, draw(st.sampled_from([art.heading, f"_{art.heading}_"]))
                            if markdown else art.heading])
            else:
                sep = " - " if style == "dash" else ": "
                if markdown and label.startswith("*"):
                    star = "**" if label.startswith("**") else "*"
                    out.append(label[: -len(star)] + sep + art.heading + star)
                else:
                    out.append(label + sep + art.heading)
            gap()
            for para in art.children:
                out.append(pad(f"{para.label} {para.text}"))
                gap()
                for point in para.children:
                    out.append(pad(f"{point.label} {point.text}"))
                    for clause in point.children:
                        out.append(pad(f"{clause.label} {clause.text}"))
                    gap()
    return "\n".join(out) + draw(st.sampled_from(["", "\n", "\n\n"])), doc


def _shape(node: Provision) -> tuple:
    return (node.number, tuple(_shape(c) for c in node.children))


@given(rendered())
def test_rendered_treaty_parses_back(case: tuple[str, Document]) -> None:
    text, original = case
    parsed = read_text(text)
    assert lost_text(text, parsed) == []
    assert [a.number for a in parsed.articles()] == [a.number for a in original.articles()]
    assert [_shape(a) for a in parsed.articles()] == [_shape(a) for a in original.articles()]
    assert [a.heading for a in parsed.articles()] == [a.heading for a in original.articles()]
    assert [c.number for c in parsed.provisions] == [c.number for c in original.provisions]


@given(rendered())
def test_losing_a_word_is_noticed(case: tuple[str, Document]) -> None:
    text, _ = case
    parsed = read_text(text)
    # Remove the last article's first paragraph text from the tree: lost_text must say so.
    art = parsed.articles()[-1]
    para = art.children[0]
    import attrs

    damaged = attrs.evolve(para, text="")
    new_art = attrs.evolve(art, children=(damaged, *art.children[1:]))

    def swap(node: Provision) -> Provision:
        if node.eid == art.eid:
            return new_art
        return attrs.evolve(node, children=tuple(swap(c) for c in node.children))

    broken = parsed.with_provisions([swap(p) for p in parsed.provisions])
    assert broken.get(para.eid).text == ""
    lost = "".join(lost_text(text, broken))
    # Repeated words make the exact stretch ambiguous; its length is not.
    assert len(lost) == len("".join(para.text.split()))
