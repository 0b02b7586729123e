"""Word diff and normalisation (treatydiff.diff)."""

from __future__ import annotations

import itertools

import pytest
from diff_match_patch import diff_match_patch
from hypothesis import given
from hypothesis import strategies as st

from treatydiff.diff import (
    DiffOp,
    _code_points,
    _Dmp,
    _normalise,
    _normalise_full,
    diff_words,
    normalise,
    normalise_with_map,
    tokenize,
)

# -- normalise -------------------------------------------------------------------

NORMALISE = [
    ("plain", "Each Party shall adopt", "Each Party shall adopt"),
    ("line wrap", "Each Party\nshall   adopt", "Each Party shall adopt"),
    ("crlf and tabs", "Each\r\nParty\tshall", "Each Party shall"),
    ("nbsp", "Article\u00a024", "Article 24"),
    ("leading/trailing", "  \n text \n ", "text"),
    ("soft hyphen", "co\u00adoperation", "cooperation"),
    ("zero width", "data\u200bbase", "database"),
    ("emphasis star", "the *inter alia* clause", "the inter alia clause"),
    ("strong", "the **judicial** review", "the judicial review"),
    ("strong emphasis", "***all***", "all"),
    ("underscore emphasis", "the _inter alia_ clause", "the inter alia clause"),
    ("snake_case stays", "see file_name here", "see file_name here"),
    ("lone star stays", "Article 5* and", "Article 5* and"),
    ("link", "see [Article 3](../art3/README.md) below", "see Article 3 below"),
    ("image", "![seal](seal.png) text", "seal text"),
    ("heading", "### TITLE  1", "TITLE 1"),
    ("heading no space", "###SECTION 1", "SECTION 1"),
    ("closing hashes", "## Article 2 ##", "Article 2"),
    ("hash inside line stays", "No. #5 of", "No. #5 of"),
    ("escape", r"1\. The", "1. The"),
    ("escaped emphasis", r"\*not\*", "not"),
    ("space lost before emphasis", "cybercrime,*inter alia,* by", "cybercrime, inter alia, by"),
    ("quotes are content", '\u201cdata\u201d ``traffic"', '\u201cdata\u201d ``traffic"'),
    ("br tag", "one<br>two", "one two"),
    ("rule line", "text\n---\nmore", "text more"),
]


@pytest.mark.parametrize(("case", "raw", "expected"), NORMALISE, ids=[c[0] for c in NORMALISE])
def test_normalise(case, raw, expected):
    assert normalise(raw) == expected


def test_budapest_formatting_variants_normalise_alike():
    # The two Markdown renderings of the same sentence seen in the Budapest copies.
    a = "against cybercrime, *inter alia,* by adopting   appropriate legislation"
    b = "against cybercrime,*inter alia,* by adopting appropriate legislation "
    assert normalise(a) == normalise(b)


def test_normalise_map_points_into_raw_text():
    raw = "## Art 2\n**shall**  adopt"
    out, where = normalise_with_map(raw)
    assert out == "Art 2 shall adopt"
    assert len(where) == len(out)
    for i, ch in enumerate(out):
        if ch != " ":
            assert raw[where[i]] == ch
    assert where == tuple(sorted(where))


MARKDOWNISH = st.lists(
    st.sampled_from(
        [*list("ab \n\t*_#[]()!\\,.-<>\xa0\xad"), "shall", "may", "http://x", "<br>"]
    ),
    max_size=40,
).map("".join)


@given(MARKDOWNISH)
def test_normalise_is_idempotent_and_mapped(raw):
    out, where = normalise_with_map(raw)
    assert normalise(out) == out
    assert len(where) == len(out)
    assert all(0 <= w < len(raw) for w in where)
    assert list(where) == sorted(set(where))
    assert "  " not in out and out == out.strip()


# -- tokens ----------------------------------------------------------------------

TOKENS = [
    ("Article 24(2)", ("Article", " ", "24", "(", "2", ")")),
    ("co-operation, State's", ("co-operation", ",", " ", "State's")),
    ("s. 342.1(1)", ("s", ".", " ", "342.1", "(", "1", ")")),
    ("1,000 euros", ("1,000", " ", "euros")),
    ("law;", ("law", ";")),
    ("", ()),
]


@pytest.mark.parametrize(("text", "tokens"), TOKENS)
def test_tokenize(text, tokens):
    assert tokenize(text) == tokens


@given(st.text(max_size=80))
def test_tokens_join_back(text):
    assert "".join(tokenize(text)) == text


# -- diff_words --------------------------------------------------------------------


def ops(old, new):
    return [(d.op, d.text) for d in diff_words(old, new)]


DIFFS = [
    (
        "modal downgrade",
        "Each Party shall adopt",
        "Each Party may adopt",
        [("equal", "Each Party "), ("delete", "shall"), ("insert", "may"), ("equal", " adopt")],
    ),
    (
        "added deferral",
        "shall ensure review.",
        "shall ensure review, in accordance with its domestic law.",
        [
            ("equal", "shall ensure review"),
            ("insert", ", in accordance with its domestic law"),
            ("equal", "."),
        ],
    ),
    (
        "deleted term",
        "prior judicial authorisation",
        "prior authorisation",
        [("equal", "prior "), ("delete", "judicial "), ("equal", "authorisation")],
    ),
    (
        "formatting only",
        "the *judicial*\nreview",
        "the judicial review",
        [("equal", "the judicial review")],
    ),
    ("from nothing", "", "New text.", [("insert", "New text.")]),
    ("to nothing", "Old text.", "", [("delete", "Old text.")]),
    ("both empty", "", "", []),
    (
        "whole words, not letters",
        "intentionally",
        "intentional",
        [("delete", "intentionally"), ("insert", "intentional")],
    ),
]


@pytest.mark.parametrize(("case", "old", "new", "expected"), DIFFS, ids=[c[0] for c in DIFFS])
def test_diff_words(case, old, new, expected):
    assert ops(old, new) == expected


def test_diffop_rejects_unknown_op():
    with pytest.raises(ValueError, match="expected one of"):
        DiffOp("replace", "x")


WORDS = st.sampled_from(
    "state party shall may adopt measures domestic law judicial review , ; . ( ) "
    "intentionally without right".split()
)
SENTENCES = st.lists(WORDS, max_size=40).map(" ".join)


@given(SENTENCES, SENTENCES)
def test_diff_reconstructs_both_sides(old, new):
    result = diff_words(old, new)
    assert "".join(d.text for d in result if d.op != "delete") == normalise(new)
    assert "".join(d.text for d in result if d.op != "insert") == normalise(old)
    assert all(d.text for d in result)
    # runs are maximal: never two equal runs in a row, never insert before delete
    for a, b in itertools.pairwise(result):
        assert a.op != b.op
        assert not (a.op == "insert" and b.op == "delete")


@given(SENTENCES)
def test_diff_of_a_text_with_itself_is_all_equal(text):
    assert all(d.op == "equal" for d in diff_words(text, text))


@given(SENTENCES, SENTENCES)
def test_swapping_sides_swaps_inserts_and_deletes(old, new):
    forward = diff_words(old, new)
    backward = diff_words(new, old)
    flip = {"insert": "delete", "delete": "insert", "equal": "equal"}
    for side in ("insert", "delete"):
        assert "".join(d.text for d in forward if d.op == side) == "".join(
            d.text for d in backward if d.op == flip[side]
        )
    assert "".join(d.text for d in forward if d.op == "equal") == "".join(
        d.text for d in backward if d.op == "equal"
    )


def test_long_text_gets_the_minimal_diff_not_a_timeout_fallback():
    # 6000 distinct-ish words, every 50th changed: a diff-match-patch run with the
    # default 1 s timeout may give up and return a coarse diff on slow machines;
    # with Diff_Timeout = 0 the diff is exact, so every change is one word.
    vocab = [f"w{i % 997}x{i % 13}" for i in range(6000)]
    changed = list(vocab)
    for i in range(0, 6000, 50):
        changed[i] = f"NEW{i}"
    result = diff_words(" ".join(vocab), " ".join(changed))
    inserted = [d.text for d in result if d.op == "insert"]
    deleted = [d.text for d in result if d.op == "delete"]
    assert inserted == [f"NEW{i}" for i in range(0, 6000, 50)]
    assert deleted == [vocab[i] for i in range(0, 6000, 50)]


# -- speed-ups that must not change a result ------------------------------------------


@given(st.one_of(MARKDOWNISH, st.text(max_size=60)))
def test_plain_text_shortcut_of_normalise_gives_the_full_result(raw):
    assert _normalise(raw, False) == _normalise_full(raw, False)


@pytest.mark.parametrize(
    "raw",
    ["a\n---\nb", "a === b", "x\u00ady", "-- a", "a = b", "a\u2060b", "[a](b)", "a  \t b"],
)
def test_plain_text_shortcut_sees_every_kind_of_markup(raw):
    assert _normalise(raw, False) == _normalise_full(raw, False)


def test_code_points_are_given_in_order_of_first_use_and_skip_surrogates():
    table: dict[str, str] = {}
    codes = _code_points(("shall", " ", "act", " ", "shall"), table)
    assert codes == "\u0100\u0101\u0102\u0101\u0100"
    assert _code_points(("act", "may"), table) == "\u0102\u0103"
    full = {str(i): "" for i in range(0xD800 - 0x100)}
    assert _code_points(("next",), full) == "\ue000"


def _stock(a: str, b: str) -> tuple[list, list]:
    """([raw, cleaned] diff of diff-match-patch, the same of ``_Dmp``)."""
    library, ours = [], []
    for cls, out in ((diff_match_patch, library), (_Dmp, ours)):
        dmp = cls()
        dmp.Diff_Timeout = 0
        diffs = dmp.diff_main(a, b, False)
        out.append(list(diffs))
        dmp.diff_cleanupSemantic(diffs)
        out.append(diffs)
    return library, ours


# Few letters, so that texts share many runs and the bisection recurses deep;
# code points above U+00FF (as token codes are) and above U+FFFF as well.
BISECT_TEXT = st.text(alphabet="ab \u0100\u0101\u0102\U00010000", max_size=120)


@given(BISECT_TEXT, BISECT_TEXT)
def test_faster_bisect_gives_the_same_diff_as_diff_match_patch(a, b):
    (library_raw, library_clean), (ours_raw, ours_clean) = _stock(a, b)
    assert ours_raw == library_raw
    assert ours_clean == library_clean


def test_faster_bisect_matches_diff_match_patch_on_long_reworded_texts():
    # Long texts with scattered edits of both parities (odd and even length
    # difference take different overlap tests in the bisection).
    import random

    rng = random.Random(7)
    for trial in range(40):
        words = [chr(0x100 + rng.randrange(30)) for _ in range(rng.randrange(50, 600))]
        edited = list(words)
        for _ in range(rng.randrange(1, 60)):
            i = rng.randrange(len(edited))
            action = rng.randrange(3)
            if action == 0:
                edited[i] = chr(0x100 + rng.randrange(40))
            elif action == 1:
                del edited[i]
            else:
                edited.insert(i, chr(0x100 + rng.randrange(40)))
        a, b = "".join(words), "".join(edited)
        library, ours = _stock(a, b)
        assert ours == library, trial
