"""Redline HTML (treatydiff.render.html): content, structure, safety, golden files."""

from __future__ import annotations

import base64
import difflib
import hashlib
import os
import re
from pathlib import Path

import attrs
import lxml.html
import pytest
from golden.cases import CASES, art, hand_align, model_units, units_of
from hypothesis import given
from hypothesis import strategies as st
from strategies import WORDS, treaties
from strategies import edited_pairs as edited_pairs_with_truth

from treatydiff.diff import normalise
from treatydiff.errors import RenderError
from treatydiff.model import Document, Provision
from treatydiff.render.html import Redline, alignment_html, history_html, redline

GOLDEN = Path(__file__).parent / "golden"


def page_of(name: str) -> str:
    alignment, findings = CASES[name]()
    return redline(alignment, findings=findings)


def tree(page: str):
    return lxml.html.fromstring(page)


# -- edits for the properties ---------------------------------------------------------


@st.composite
def reworded(draw, text: str) -> str:
    words = text.split(" ")
    action = draw(st.sampled_from(("keep", "keep", "replace", "insert", "delete", "wrap")))
    i = draw(st.integers(0, max(0, len(words) - 1)))
    if action == "replace" and words:
        words[i] = draw(st.sampled_from(WORDS))
    elif action == "insert":
        words.insert(i, draw(st.sampled_from(WORDS)))
    elif action == "delete" and len(words) > 1:
        del words[i]
    elif action == "wrap" and words:
        words[i] = "*" + words[i] + "*\n"  # formatting only: must show no change
    return " ".join(words)


@st.composite
def edited_copy(draw, p: Provision) -> Provision | None:
    """The provision reworded, with some children dropped and some added."""
    kids = []
    for k in p.children:
        if p.kind == "chapter" and len(p.children) > 1 and draw(st.integers(0, 5)) == 0:
            continue  # article deleted
        if p.kind == "article" and len(p.children) > 1 and draw(st.integers(0, 6)) == 0:
            continue  # paragraph deleted
        kids.append(draw(edited_copy(k)))
        if k.kind == "article" and draw(st.integers(0, 6)) == 0:
            kids.append(
                art(
                    f"{k.number}bis",
                    "Added " + draw(st.sampled_from(WORDS)),
                    "Each State Party shall "
                    + " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8)))
                    + ".",
                )
            )
    heading = p.heading
    if heading and draw(st.integers(0, 4)) == 0:
        heading = draw(reworded(heading))
    text = draw(reworded(p.text)) if p.text else p.text
    return attrs.evolve(p, heading=heading, text=text, children=tuple(kids))


@st.composite
def edited_pairs(draw):
    old = draw(treaties(min_articles=2, max_articles=6))
    provisions = [draw(edited_copy(p)) for p in old.provisions]
    new = Document.build(title="Edited", provisions=provisions, language="en")
    return old, new


# -- properties -------------------------------------------------------------------------


@given(edited_pairs())
def test_accepting_changes_gives_the_new_text_and_rejecting_the_old(pair):
    old, new = pair
    page = redline(hand_align(old, new))
    assert units_of(page, "new") == model_units(new)
    assert units_of(page, "old") == model_units(old)
    assert redline(hand_align(old, new)) == page  # same bytes twice


@given(treaties(max_articles=6))
def test_a_document_against_itself_marks_nothing(doc):
    page = redline(hand_align(doc, doc))
    root = tree(page)
    assert root.xpath("//ins[not(ancestor::header)] | //del[not(ancestor::header)]") == []
    assert root.xpath('//main//*[contains(@class, "tag")]') == []
    assert "No change: the two texts have the same content" in page
    assert units_of(page, "new") == model_units(doc)


@given(edited_pairs())
def test_side_by_side_columns_hold_one_version_each(pair):
    old, new = pair
    root = tree(redline(hand_align(old, new)))
    side = root.get_element_by_id("side")
    assert side.xpath('.//td[@class="old"]//ins') == []
    assert side.xpath('.//td[@class="new"]//del') == []
    n_changed = len(root.get_element_by_id("inline").xpath(".//ins | .//del"))
    assert len(side.xpath(".//ins | .//del")) == n_changed


@given(edited_pairs_with_truth())
def test_properties_hold_on_the_real_aligner_with_moves_splits_and_merges(triple):
    from treatydiff.align import align

    old, new, _truth = triple
    page = redline(align(old, new))
    assert units_of(page, "new") == model_units(new)
    # moved, split and merged provisions change the order of the old text: compare words.
    # A split can fall between a word and its comma ("... domestic" / "Law, when ..."):
    # the comma then stands in the next piece, so punctuation is compared glued to
    # the word before it (found by Hypothesis, seed-dependent).
    def words(units: list[str]) -> list[str]:
        return sorted(re.sub(r"\s+([,.;:])", r"\1", " ".join(units)).split())

    assert words(units_of(page, "old")) == words(model_units(old))
    root = tree(page)
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    for p in old.walk():
        assert f"old-{p.eid}" in ids
    for p in new.walk():
        assert f"new-{p.eid}" in ids
    targets = set(ids)
    assert all(a.get("href")[1:] in targets for a in root.iter("a"))


# -- structure: the hand-made case with every kind of match --------------------------------


@pytest.fixture(scope="module")
def structure():
    return page_of("structure")


def ids_in_order(root, container="inline"):
    return [el.get("id") for el in root.get_element_by_id(container).iter() if el.get("id")]


def test_every_provision_of_both_drafts_has_one_anchor(structure):
    alignment, _ = CASES["structure"]()
    root = tree(structure)
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids)), "ids must be unique"
    for p in alignment.old.walk():
        assert f"old-{p.eid}" in ids and f"s-old-{p.eid}" in ids
    for p in alignment.new.walk():
        assert f"new-{p.eid}" in ids and f"s-new-{p.eid}" in ids


def test_every_internal_link_has_a_target(structure):
    root = tree(structure)
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    hrefs = [a.get("href") for a in root.iter("a")]
    assert hrefs and all(h.startswith("#") for h in hrefs)
    missing = [h for h in hrefs if h[1:] not in ids]
    assert missing == []


def test_chapter_two_follows_the_new_order_with_old_provisions_at_their_place(structure):
    # Old chapter II: Art 3, 4, 5 (deleted), 6 (moved to ch. I), 7 + 8 (merged).
    # New chapter II: Art 4 (old 3), 5 and 6 (old 4 split), 7 (old 7+8), 8 (new).
    # Old Art 5 and the stub of old Art 6 stand after old Art 4's first part.
    root = tree(structure)
    chapter = root.get_element_by_id("new-chp_ii")
    order = [el.get("id") for el in chapter if "prov" in (el.get("class") or "").split()]
    assert order == [
        "new-chp_ii__art_4",
        "new-chp_ii__art_5",
        "old-chp_ii__art_5",
        "old-chp_ii__art_6",
        "new-chp_ii__art_6",
        "new-chp_ii__art_7",
        "new-chp_ii__art_8",
    ]


def text_of(el) -> str:
    return normalise(el.text_content())


def test_moved_article_is_linked_both_ways(structure):
    root = tree(structure)
    stub = root.get_element_by_id("old-chp_ii__art_6")
    assert "moved to" in text_of(stub)
    assert [a.get("href") for a in stub.iter("a")] == ["#new-chp_i__art_3"]
    block = root.get_element_by_id("new-chp_i__art_3")
    assert "#old-chp_ii__art_6" in [a.get("href") for a in block.iter("a")]
    assert "moved" in [
        t.text for t in block.xpath('./*[contains(@class,"ph")]/span[@class="tag ui"]')
    ]


def test_renumbered_article_shows_old_and_new_numbers(structure):
    root = tree(structure)
    head = root.get_element_by_id("new-chp_ii__art_4").xpath('./*[contains(@class, "ph")]')[0]
    label = head.xpath('.//span[contains(@class, "u-label")]')[0]
    assert [d.text_content() for d in label.iter("del")] == ["[deleted: 3]"]
    assert [i.text_content() for i in label.iter("ins")] == ["[inserted: 4]"]
    assert "was Article 3, now Article 4" in text_of(root.get_element_by_id("new-chp_ii__art_4"))


def test_deleted_and_inserted_articles_are_shown_whole(structure):
    root = tree(structure)
    gone = root.get_element_by_id("old-chp_ii__art_5")
    assert "deleted" in gone.get("class")
    text = gone.xpath('.//*[contains(@class,"u-text")]')[0]
    # every word of the deleted paragraph is inside a <del>
    assert normalise("".join(d.text_content() for d in text.iter("del"))).startswith(
        "[deleted: Each State Party shall adopt"
    )
    assert text.xpath("./text()") == []
    added = root.get_element_by_id("new-chp_ii__art_8")
    assert "inserted" in [t.text for t in added.iter("span") if t.get("class") == "tag ui"]
    assert "Nothing in this chapter shall apply to authorised testing." in text_of(added)
    for unit in added.xpath('.//*[contains(@class, " u ") or starts-with(@class, "u ")]'):
        assert unit.xpath("./text()") == [], "inserted text must all be inside <ins>"


def test_split_and_merge_are_marked_and_linked(structure):
    root = tree(structure)
    first = root.get_element_by_id("new-chp_ii__art_5")
    second = root.get_element_by_id("new-chp_ii__art_6")
    assert "split" in first.get("class") and "split" in second.get("class")
    assert "#new-chp_ii__art_6" in [a.get("href") for a in first.iter("a")]
    assert "#new-chp_ii__art_5" in [a.get("href") for a in second.iter("a")]
    merged = root.get_element_by_id("new-chp_ii__art_7")
    hrefs = [a.get("href") for a in merged.iter("a")]
    assert "#old-chp_ii__art_7" in hrefs and "#old-chp_ii__art_8" in hrefs
    # the old paragraphs of Articles 7 and 8 are both recoverable from the merged text
    assert "attempt as an offence. Each State Party shall establish aiding as an offence." in (
        " ".join(units_of(structure, "old"))
    )


def test_structure_case_accepts_to_new_and_rejects_to_old_words(structure):
    alignment, _ = CASES["structure"]()
    assert units_of(structure, "new") == model_units(alignment.new)
    # moves change the order, so compare the old words as a multiset
    old_words = sorted(" ".join(model_units(alignment.old)).split())
    assert sorted(" ".join(units_of(structure, "old")).split()) == old_words


def test_summary_counts_kinds_and_links_them(structure):
    root = tree(structure)
    summary = root.get_element_by_id("h-summary").getparent()
    table = summary.xpath(".//table")[0]
    header = [th.text for th in table.xpath(".//thead//th")]
    assert header == ["kind", "chapter", "article", "paragraph", "subparagraph"]
    rows = {tr[0].text: [td.text_content() for td in tr[1:]] for tr in table.xpath(".//tbody/tr")}
    # read from the case: articles moved 1 (old 6), renumbered 1 (old 3), split 1 (old 4),
    # merged 1 (7+8), deleted 1 (old 5), inserted 1 (new 8)
    assert rows["moved"][1] == "1" and rows["renumbered"][1] == "1"
    assert rows["split"][1] == "1" and rows["merged"][1] == "1"
    assert rows["deleted"][1] == "1" and rows["inserted"][1] == "1"
    assert table.xpath('.//a[@href="#list-moved"]')
    moved = root.get_element_by_id("list-moved")
    assert "#new-chp_i__art_3" in [a.get("href") for a in moved.iter("a")]


def test_header_names_both_drafts(structure):
    root = tree(structure)
    header = root.xpath("//header")[0]
    assert "Zero draft" in text_of(header) and "Revised draft" in text_of(header)
    assert root.xpath("//title")[0].text == "Zero draft \u2192 Revised draft"


# -- findings --------------------------------------------------------------------------------


def test_findings_are_highlighted_listed_and_filterable():
    page = page_of("wording")
    root = tree(page)
    inline = root.get_element_by_id("inline")
    deferral = inline.xpath('.//mark[contains(@class, "fi-1")]')
    assert "".join(m.text_content() for m in deferral) == "in accordance with its domestic law"
    assert all(m.xpath("ancestor::ins") for m in deferral)
    modal = inline.xpath('.//mark[contains(@class, "fi-0")]')
    assert any(m.xpath("ancestor::del") and m.text_content() == "shall" for m in modal)
    assert any(m.xpath("ancestor::ins") and m.text_content() == "may" for m in modal)
    items = root.xpath('//ol[@class="findings"]/li')
    assert [li.get("id") for li in items] == ["finding-1", "finding-2"]
    assert "#old-art_2__para_1" in [a.get("href") for a in items[0].iter("a")]
    # one checkbox per category and per direction, before the content they filter
    boxes = [i.get("id") for i in root.xpath('//input[@type="checkbox"]')]
    assert boxes == ["fc-0", "fc-1", "fd-0"]
    assert [lab.text for lab in root.xpath('//p[@class="filters"]/label')] == [
        "conditions",
        "deferral",
        "weakened",
    ]
    css = root.xpath("//style")[0].text
    assert "#fc-1:not(:checked) ~ * .fi.fc-1 { display: none; }" in css


def test_formatting_only_change_is_not_shown():
    root = tree(page_of("wording"))
    art1 = root.get_element_by_id("new-art_1")
    assert art1.xpath(".//ins | .//del") == []
    for el in (art1, root.get_element_by_id("new-art_1__para_1")):
        assert "k-unchanged" in el.get("class").split()
    assert art1.xpath('.//span[@class="tag ui"]') == []


# -- safety -------------------------------------------------------------------------------------


def test_hostile_text_is_inert():
    page = page_of("hostile")
    root = tree(page)
    assert root.xpath("//script | //img | //iframe | //object | //embed | //link | //base") == []
    assert len(root.xpath("//style")) == 1 and root.xpath("//style")[0].getparent().tag == "head"
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (el.tag, name)
            assert "javascript:" not in value.lower(), (el.tag, name, value)
    # the payload is there, as text
    body = " ".join(units_of(page, "new"))
    assert '<script>alert("x")</script>' in body and "<img src=x onerror=alert(1)>" in body
    assert "[link](javascript:alert(3))" not in body  # Markdown link syntax is formatting
    assert (
        root.xpath("//title")[0].text == "<script>alert('title')</script> \u2192 New \"draft\" <i>"
    )


def test_content_security_policy_forbids_remote_loads_and_pins_the_style():
    page = page_of("structure")
    root = tree(page)
    metas = root.xpath('//meta[@http-equiv="Content-Security-Policy"]')
    assert len(metas) == 1
    policy = dict(
        (part.split()[0], part.split()[1:])
        for part in metas[0].get("content").split(";")
        if part.strip()
    )
    assert policy["default-src"] == ["'none'"]
    assert policy["img-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    assert "script-src" not in policy  # falls back to default-src 'none'
    css = root.xpath("//style")[0].text
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()
    assert policy["style-src"] == [f"'sha256-{digest}'"]
    assert not re.search(r"(?i)(https?:)?//[a-z0-9]", css), "no remote URL in the stylesheet"
    assert root.xpath("//*[@style]") == [], "inline style attributes would be blocked"


def test_rendering_is_deterministic():
    for name in CASES:
        assert page_of(name) == page_of(name)


@given(treaties(max_articles=5))
def test_provisions_are_named_by_the_documents_own_citation(doc):
    # The renderer cites from the ancestors it already holds instead of asking
    # the document: the names must be the same.
    from treatydiff.errors import TreatydiffError
    from treatydiff.model import Alignment
    from treatydiff.render.html import _Builder

    builder = _Builder(Alignment(old=doc, new=doc, matches=()), ())
    for p in doc.walk():
        try:
            expected = doc.citation(p.eid)
        except TreatydiffError:
            expected = p.title
        assert builder.name("new", p.eid) == builder.name("old", p.eid) == expected


def test_redline_rejects_what_is_not_an_alignment():
    with pytest.raises(RenderError, match="expected an Alignment"):
        redline("draft.txt")  # type: ignore[arg-type]


# -- wrappers ------------------------------------------------------------------------------------


def test_redline_wrapper_saves_and_displays(tmp_path):
    alignment, findings = CASES["hostile"]()
    r = Redline.of(alignment, findings=findings)
    assert r.html == redline(alignment, findings=findings)
    path = r.save(tmp_path / "out.html")
    assert path.read_bytes() == r.html.encode("utf-8")
    shown = r._repr_html_()
    assert shown.startswith('<iframe sandbox=""')
    assert "<script" not in shown and "&amp;lt;script" in shown
    frame = lxml.html.fragment_fromstring(shown)
    assert frame.get("srcdoc") == r.html


def test_alignment_summary_table():
    alignment, _ = CASES["structure"]()
    root = lxml.html.fragment_fromstring(alignment_html(alignment))
    rows = {tr[0].text: [td.text for td in tr[1:]] for tr in root.xpath(".//tbody/tr")}
    assert rows["deleted"] == ["0", "1", "1", "0"]
    assert rows["merged"] == ["0", "1", "1", "0"]


@attrs.frozen
class FakeLineage:
    eids: tuple


@attrs.frozen
class FakeHistory:
    documents: tuple
    lineages: tuple


def test_history_table_from_align_many():
    from treatydiff.align.history import align_many

    drafts = [
        Document.build(title=f"Draft {i}", provisions=arts)
        for i, arts in enumerate(
            (
                [
                    art("1", "Scope", "This Convention shall apply."),
                    art("2", "Access", "Each Party shall criminalise access without right."),
                ],
                [
                    art("1", "Definitions", "Terms used here have these meanings."),
                    art("2", "Scope", "This Convention shall apply."),
                    art("3", "Access", "Each Party shall criminalise access without right."),
                ],
                [
                    art("1", "Definitions", "Terms used here have these meanings."),
                    art("2", "Scope", "This Convention shall apply."),
                    art("3", "Access", "Each Party may criminalise access without right."),
                ],
            )
        )
    ]
    root = tree(history_html(align_many(drafts)))
    assert [th.text for th in root.xpath("//thead//th")] == ["Draft 0", "Draft 1", "Draft 2"]
    rows = [
        [normalise(td.text_content()) for td in tr.xpath("./td")] for tr in root.xpath("//tbody/tr")
    ]
    # the access paragraph: same text twice, then "shall" -> "may"
    access = [r for r in rows if "criminalise" in r[0]]
    assert len(access) == 1
    assert "[deleted: shall][inserted: may]" in access[0][2]
    # Article 1 "Definitions" is new in draft 1: absent from draft 0
    definitions = [r for r in rows if "Definitions" in r[1]]
    assert definitions == [
        ["(absent)", "[inserted: Article 1] [inserted: Definitions]", "Article 1 Definitions"]
    ]
    assert "renumbered" in " ".join(r[1] for r in rows if "Scope" in r[1])


def test_history_table_has_one_column_per_draft():
    drafts = tuple(
        Document.build(title=f"Draft {i}", provisions=[art("1", "Scope", text)])
        for i, text in enumerate(
            (
                "This Convention shall apply.",
                "This Convention shall apply.",
                "This Convention may apply.",
            )
        )
    )
    history = FakeHistory(
        drafts, (FakeLineage(("art_1", "art_1", "art_1")), FakeLineage(("art_1__para_1",) * 3))
    )
    root = tree(history_html(history))
    assert [th.text for th in root.xpath("//thead//th")] == ["Draft 0", "Draft 1", "Draft 2"]
    cells = root.xpath("//tbody/tr")[1].xpath("./td")
    assert cells[0].xpath(".//ins | .//del") == [] and cells[1].xpath(".//ins | .//del") == []
    assert [d.text_content() for d in cells[2].iter("del")] == ["[deleted: shall]"]
    with pytest.raises(RenderError, match="one eId"):
        history_html(FakeHistory(drafts, (FakeLineage(("art_1",)),)))


# -- golden files ---------------------------------------------------------------------------------


def update_golden(request) -> bool:
    return bool(
        request.config.getoption("--update-golden", default=False)
        or os.environ.get("TREATYDIFF_UPDATE_GOLDEN")
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name, request):
    page = page_of(name)
    path = GOLDEN / f"{name}.html"
    if update_golden(request):
        path.write_text(page, encoding="utf-8", newline="\n")
        return
    if not path.exists():
        pytest.fail(f"{path} is missing: run pytest --update-golden and review it")
    expected = path.read_text(encoding="utf-8")
    if page != expected:
        diff = "".join(
            list(
                difflib.unified_diff(
                    expected.splitlines(True), page.splitlines(True), "golden", "rendered", n=1
                )
            )[:60]
        )
        pytest.fail(f"{name}: redline differs from {path.name} (review, then update):\n{diff}")


# -- real drafts ------------------------------------------------------------

BUDAPEST = "coe-budapest-convention-ets185"
AI_ACT = "eu-ai-act-drafts/md-snapshots-branch-20230103"


def load_pair(corpora: Path, old: str, new: str):
    import treatydiff

    return treatydiff.load(corpora / old), treatydiff.load(corpora / new)


def marked(root, tag: str) -> list:
    """Changes of words shown in the inline view (spacing-only marks excluded)."""
    return [el for el in root.get_element_by_id("inline").iter(tag) if el.get("class") != "sp"]


@pytest.mark.corpus
def test_budapest_copies_that_differ_in_formatting_show_no_change(corpora):
    from treatydiff.align import align

    old, new = load_pair(
        corpora,
        f"{BUDAPEST}/BWBV0001839_README_2007-03-01.md",
        f"{BUDAPEST}/BWBV0001839_README_2012-10-24.md",
    )
    page = redline(align(old, new))
    root = tree(page)
    changes = marked(root, "ins") + marked(root, "del")
    assert changes == []
    assert "No change: the two texts have the same content" in page


@pytest.mark.corpus
def test_ai_act_redline_never_shows_a_surviving_sentence_as_deleted(corpora):
    from treatydiff.align import align

    old, new = load_pair(
        corpora,
        f"{AI_ACT}/2021-04-21-AIA-COM-Proposal-21-April-21.act.md",
        f"{AI_ACT}/2022-12-06-CONSIL_ST_15698_2022_INIT_EN_TXT.act.md",
    )
    page = redline(align(old, new))
    root = tree(page)
    deleted = [
        re.sub(r"^\[deleted: |\]$", "", normalise(d.text_content()))
        for d in marked(root, "del")
        if d.get("class") != "mv"  # sentences shown as moved are not shown as deleted
    ]
    old_text = " ".join(normalise(p.text) for p in old.walk())
    new_text = " ".join(normalise(p.text) for p in new.walk())
    checked, wrong = 0, []
    for p in old.walk():
        for sentence in re.split(r"(?<=[.;:])\s+", normalise(p.text)):
            # a sentence of six words or more, standing in the new text at least as
            # often as in the old (a repeated sentence may lose one copy)
            if len(sentence.split()) < 6 or new_text.count(sentence) < old_text.count(sentence):
                continue
            checked += 1
            if any(sentence in d for d in deleted):
                wrong.append((p.eid, sentence[:80]))
    assert checked > 300  # the drafts share hundreds of sentences
    assert wrong == []
    # the accepted text is the Council text, provision by provision
    assert units_of(page, "new") == model_units(new)


def test_reworded_safeguard_clauses_are_listed_apart_and_escaped():
    from treatydiff.model import Alignment, Match
    from treatydiff.safeguards import review, safeguards

    def doc(text: str) -> Document:
        return Document.build(
            title="t",
            provisions=[Provision(kind="article", number="5", label="Article 5", text=text)],
        )

    old = doc(
        "The use of <b>scoring</b> systems for the evaluation of trustworthiness shall be "
        "prohibited."
    )
    new = doc(
        "The use of <b>scoring</b> systems for the classification of groups of persons shall "
        "be prohibited."
    )
    m = Match(
        old=("art_5",), new=("art_5",), kind="changed", score=0.9, method="address", level="article"
    )
    alignment = Alignment(old, new, (m,))
    found = safeguards(alignment)
    items = review(alignment, findings=found)
    assert len(items) == 1
    page = redline(alignment, findings=found, review=items)
    root = tree(page)
    (section,) = root.xpath('//section[@id="review"]')
    assert "Clauses to read: 1" in section.text_content()
    quotes = [q.text_content() for q in section.xpath(".//q")]
    assert any("groups of persons" in q for q in quotes)
    assert "<b>" not in page.split('id="review"')[1].split("</section>")[0]  # escaped
    links = section.xpath(".//a/@href")
    assert links and all(root.xpath(f'//*[@id="{h[1:]}"]') for h in links)
    # nothing listed: no section, and the page is what it was
    assert 'id="review"' not in redline(alignment, findings=found)
