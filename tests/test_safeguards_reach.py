"""What a clause reaches: alternatives added or dropped, and entries of offences.

The sentences are written for these tests in the style of the drafts and
statutes; expected readings come from reading each pair.  Two real changes
(UK Computer Misuse Act 1990 s. 1, Dutch Wetboek van Strafrecht art. 139d)
were read in the shared corpora.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_safeguards import _articles, _swapped
from test_safeguards import _m as _match

import treatydiff
from treatydiff.model import Alignment, Document, Match, Provision
from treatydiff.safeguards import safeguards
from treatydiff.safeguards._reach import alternatives, qualifiers
from treatydiff.safeguards.lexicon import load_lexicon

OR, AND = re.compile(r"or", re.I), re.compile(r"and", re.I)


W, S = "weakened", "strengthened"

ALTERNATIVES = [
    # (old, new, [(added, words)])
    (
        "the classification of natural persons based on their behaviour",
        "the classification of natural persons or groups of persons based on their behaviour",
        [(True, "or groups of persons")],
    ),
    (
        "with intent to secure access to any program;",
        "with intent to secure access to any program, or to enable any such access to be secured;",
        [(True, ", or to enable any such access to be secured")],
    ),
    # a member that joins a list closed by "or"
    (
        "based on known or predicted traits",
        "based on known, inferred or predicted traits",
        [(True, ", inferred")],
    ),
    # ... but not one closed by "and": every word must hold, so an added one narrows
    ("a specific and imminent threat", "a specific, substantial and imminent threat", []),
    # words between two commas qualify; they are no member
    (
        "who accepts a gift from his employer",
        "who accepts, contrary to his duty, a gift from his employer",
        [],
    ),
    # a cross-reference is not a reach
    ("as referred to in Article 5", "as referred to in Article 5 or Article 7", []),
    # words that were there before, moved by the rewording
    ("an impact on health or safety", "an impact on health, safety or fundamental rights", []),
    # dropped
    (
        "the search for victims of crime or missing persons",
        "the search for victims of crime",
        [(False, "or missing persons")],
    ),
    # a rewritten member is neither added nor dropped
    ("victims of crime", "victims of abduction or trafficking", []),
]


@pytest.mark.parametrize(("old", "new", "expected"), ALTERNATIVES)
def test_alternatives_in_a_word_diff(old: str, new: str, expected: list) -> None:
    got = alternatives(old, new, OR, AND)
    assert [(a.added, a.words) for a in got] == expected
    for a in got:  # offsets index the side the words stand in
        assert (new if a.added else old)[a.start : a.end] == a.words


def test_alternatives_in_german_and_dutch() -> None:
    de, nl = load_lexicon("de"), load_lexicon("nl")
    # a member put before the old one, joined by "oder"
    got = alternatives(
        "eine schwere Körperverletzung (§ 226),",
        "eine gefährliche Körperverletzung (§ 224) oder eine schwere Körperverletzung (§ 226),",
        de.alternatives,
        de.conjunctions,
        de.subordinators,
    )
    assert [(a.added, a.words) for a in got] == [
        (True, "eine gefährliche Körperverletzung (§ 224) oder")
    ]
    # a condition ("nachdem ...") is no member
    assert not alternatives(
        "belohnt oder",
        "belohnt, nachdem sie begangen worden ist, oder",
        de.alternatives,
        de.conjunctions,
        de.subordinators,
    )
    got = alternatives(
        "dass der Beschuldigte ihren Anschluss benutzt.",
        "dass der Beschuldigte ihren Anschluss oder ihr informationstechnisches System benutzt.",
        de.alternatives,
        de.conjunctions,
    )
    assert [a.words for a in got] == ["oder ihr informationstechnisches System"]
    got = alternatives(
        "een wachtwoord verkoopt, verwerft, verspreidt of anderszins ter beschikking stelt",
        "een wachtwoord verkoopt, verwerft, invoert, verspreidt of anderszins ter beschikking stelt",
        nl.alternatives,
        nl.conjunctions,
    )
    assert [a.words.strip(" ,") for a in got] == ["invoert"]


@given(
    st.lists(st.sampled_from(["the", "data", "or", "and", ",", "system", "access"]), max_size=12)
)
def test_no_alternative_between_a_text_and_itself(words: list[str]) -> None:
    text = " ".join(words)
    assert alternatives(text, text, OR, AND) == ()


# -- the rule: what an alternative means depends on the clause's role --------------


def _doc(text: str, *, opener: str | None = None) -> Document:
    if opener is None:
        para = Provision(kind="paragraph", number="1", text=text)
    else:
        para = Provision(
            kind="paragraph",
            number="1",
            text=opener,
            children=[Provision(kind="subparagraph", number="a", text=text)],
        )
    return Document.build(
        title="t", provisions=[Provision(kind="article", number="5", children=[para])]
    )


def _reach(old: str, new: str, *, opener: str | None = None, lexicon: str = "en") -> set:
    eid = "art_5__para_1__point_a" if opener else "art_5__para_1"
    matches = (_match(eid, eid, "paragraph", kind="changed", score=0.95),)
    al = Alignment(_doc(old, opener=opener), _doc(new, opener=opener), matches)
    return {
        (f.category, f.direction, f.rule)
        for f in safeguards(al, lexicon=lexicon)
        if f.rule.startswith("reach:")
    }


ROLES = [
    # an offence that reaches more conduct weakens
    (
        "Whoever intentionally accesses a computer system without right shall be punished.",
        "Whoever intentionally accesses or interferes with a computer system without right "
        "shall be punished.",
        None,
        {("scope_expanded", W, "reach:offence")},
    ),
    # the offence's words in the chapeau ("is guilty of an offence if—")
    (
        "he causes a computer to perform any function with intent to secure access to any program;",
        "he causes a computer to perform any function with intent to secure access to any program, "
        "or to enable any such access to be secured;",
        "A person is guilty of an offence if—",
        {("scope_expanded", W, "reach:offence")},
    ),
    # a prohibition that reaches more protects more
    (
        "the scoring of natural persons by public authorities;",
        "the scoring of natural persons or groups of persons by public authorities;",
        "The following practices shall be prohibited:",
        {("scope_expanded", S, "reach:prohibition")},
    ),
    # ... and one that reaches less protects less
    (
        "Personal data shall not be transferred to a third country or an international organisation.",
        "Personal data shall not be transferred to a third country.",
        None,
        {("scope_narrowed", W, "reach:prohibition")},
    ),
    # an alternative inside an exception widens it
    (
        "The data shall be deleted, unless they are needed for a pending trial.",
        "The data shall be deleted, unless they are needed for a pending trial or for the "
        "prevention of a threat.",
        None,
        {("exception_widened", W, "reach:exception")},
    ),
    # a power: "may order" reaches more
    (
        "The competent authorities may order a service provider to produce subscriber information.",
        "The competent authorities may order a service provider or any other person to produce "
        "subscriber information.",
        None,
        {("scope_expanded", W, "reach:power")},
    ),
    # a duty whose role the rules do not read: no reach finding
    (
        "The provider shall inform the user of the risks.",
        "The provider shall inform the user or the deployer of the risks.",
        None,
        set(),
    ),
    # members both dropped and added: a reworded list, its reach unsettled
    (
        "Whoever distributes, exhibits or shows such material shall be punished.",
        "Whoever distributes or makes accessible to the public such material shall be punished.",
        None,
        set(),
    ),
    # "shall not be considered": a deeming rule, not a prohibition
    (
        "Such outcomes shall not be considered to be easily reversible.",
        "Such outcomes shall not be considered to be easily corrigible or reversible.",
        None,
        set(),
    ),
    # "shall not apply to": a carve-out (its reach is the exception's), not a ban
    (
        "This Article shall not apply to microenterprises.",
        "This Article shall not apply to microenterprises or small enterprises.",
        None,
        {("exception_widened", W, "reach:exception")},
    ),
    # "prohibition" inside the added words does not make the clause a prohibition
    (
        "The Commission shall decide within three months.",
        "The Commission shall decide within three months, or 30 days in the case of a "
        "breach of the prohibition of practices.",
        None,
        set(),
    ),
]


@pytest.mark.parametrize(("old", "new", "opener", "expected"), ROLES)
def test_role_decides_what_an_alternative_means(old, new, opener, expected) -> None:
    assert _reach(old, new, opener=opener) == expected


REFERENCE_ROLES = [
    # a power that comes to cite a further offence reaches further
    (
        "Die Untersuchungshaft darf auch angeordnet werden, wenn der Beschuldigte einer Straftat "
        "nach § 129a dringend verdächtig ist.",
        "Die Untersuchungshaft darf auch angeordnet werden, wenn der Beschuldigte einer Straftat "
        "nach § 129a oder § 89c Absatz 1 bis 4 dringend verdächtig ist.",
        {("scope_expanded", W, "reach:power")},
    ),
    # "ist ... zulässig" grants too; a protective ban that cites more measures protects more
    (
        "In den Fällen des § 53 ist eine Maßnahme nach § 100c unzulässig.",
        "In den Fällen des § 53 ist eine Maßnahme nach § 100b und § 100c unzulässig.",
        {("scope_expanded", S, "reach:prohibition")},
    ),
    # a reference in brackets defines a word: no reach
    (
        "Die Beschlagnahme von Schriften ist unzulässig.",
        "Die Beschlagnahme von Inhalten (§ 11 Absatz 3 des Strafgesetzbuches) ist unzulässig.",
        set(),
    ),
    # renumbered references reach neither further nor less far
    (
        "Die Untersuchungshaft darf angeordnet werden bei Straftaten nach den §§ 176a und 176b.",
        "Die Untersuchungshaft darf angeordnet werden bei Straftaten nach den §§ 176c und 176d.",
        set(),
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), REFERENCE_ROLES)
def test_a_clause_whose_references_reach_further(old: str, new: str, expected: set) -> None:
    assert _reach(old, new, lexicon="de") == expected


def test_a_limit_that_admits_more_weakens_in_german() -> None:
    got = _reach(
        "Die Anordnung darf sich nur gegen den Beschuldigten richten.",
        "Die Anordnung darf sich nur gegen den Beschuldigten oder gegen seine Kontaktpersonen "
        "richten.",
        lexicon="de",
    )
    assert got == {("scope_expanded", W, "reach:limit")}


def test_a_safeguard_term_added_as_an_alternative_is_left_to_the_term_rule() -> None:
    old = "Member States shall not use the data in a way that affects health or safety."
    new = "Member States shall not use the data in a way that affects health or safety or fundamental rights."
    assert _reach(old, new) == set()
    al = Alignment(
        _doc(old),
        _doc(new),
        (_match("art_5__para_1", "art_5__para_1", "paragraph", kind="changed", score=0.95),),
    )
    assert "safeguard_term_added" in {f.category for f in safeguards(al)}


def test_reach_evidence_quotes_the_new_words() -> None:
    old = "the scoring of natural persons by public authorities;"
    new = "the scoring of natural persons or groups of persons by public authorities;"
    eid = "art_5__para_1__point_a"
    opener = "The following practices shall be prohibited:"
    al = Alignment(
        _doc(old, opener=opener),
        _doc(new, opener=opener),
        (_match(eid, eid, "paragraph", kind="changed", score=0.95),),
    )
    (f,) = [f for f in safeguards(al) if f.rule == "reach:prohibition"]
    assert f.new is not None and f.new.phrase == "or groups of persons"
    assert al.new.get(f.new.eid).text[f.new.start : f.new.end] == f.new.phrase
    assert "groups of persons" in f.explanation


def test_a_new_offence_names_its_elements_instead_of_reporting_them_as_safeguards() -> None:
    # The elements of a new offence limit it; they add no protection to the law
    # as it stood (as those of a repealed offence are no loss).
    old = _articles("old", {"4": "Definitions."})
    new = _articles(
        "new",
        {
            "4": "Definitions.",
            "5": "Whoever intentionally and without right uses the identity of another person "
            "shall be punished with imprisonment. Paragraph 1 shall not apply to journalistic "
            "activities.",
        },
    )
    matches = (
        _match("art_4", "art_4", "article", kind="unchanged"),
        _match(None, "art_5", "article", kind="inserted"),
    )
    found = safeguards(Alignment(old, new, matches))
    cats = {(f.category, f.rule) for f in found}
    assert ("scope_expanded", "inserted:new_offence") in cats
    assert not any(f.category == "safeguard_term_added" for f in found)
    (offence,) = [f for f in found if f.rule == "inserted:new_offence"]
    assert "'intentionally'" in offence.explanation and "'without right'" in offence.explanation


# -- entries of the list of ways an offence is committed ---------------------------


def _offence(entries: tuple[str, ...], opener: str) -> Document:
    para = Provision(
        kind="paragraph",
        number="1",
        text=opener,
        children=[
            Provision(kind="subparagraph", number=str(i), text=t) for i, t in enumerate(entries, 1)
        ],
    )
    return Document.build(
        title="t", provisions=[Provision(kind="article", number="5", children=[para])]
    )


def _entry_rules(old: Document, new: Document, matches: list[Match], lexicon: str = "en") -> set:
    return {
        (f.category, f.direction, f.rule)
        for f in safeguards(Alignment(old, new, tuple(matches)), lexicon=lexicon)
        if "offence_entry" in f.rule
    }


def _entry(old: str | None, new: str | None, kind: str) -> Match:
    return _match(old, new, "subparagraph", kind=kind)


P = "art_5__para_1"


def test_an_entry_added_to_an_offence_list_widens_the_offence() -> None:
    opener = "A person shall be punished with imprisonment who, without right,"
    old = _offence(("sells a password or access code;", "distributes such a password; or"), opener)
    new = _offence(
        (
            "sells a password or access code;",
            "distributes such a password; or",
            "imports such a password.",
        ),
        opener,
    )
    matches = [
        _entry(P, P, "unchanged"),
        _entry(f"{P}__point_1", f"{P}__point_1", "unchanged"),
        _entry(f"{P}__point_2", f"{P}__point_2", "unchanged"),
        _entry(None, f"{P}__point_3", "inserted"),
    ]
    assert _entry_rules(old, new, matches) == {("scope_expanded", W, "inserted:offence_entry")}
    back = _swapped(matches)
    assert _entry_rules(new, old, back) == {("scope_narrowed", S, "deleted:offence_entry")}


def test_entries_of_a_cumulative_list_rewritten_lists_and_placeholders_are_not_read() -> None:
    opener = "A person is guilty of an offence if—"
    # elements joined by "and": a new one is one more thing to prove, not more conduct
    old = _offence(
        ("he causes a computer to perform any function; and", "the access is unauthorised;"), opener
    )
    new = _offence(
        (
            "he causes a computer to perform any function; and",
            "the access is unauthorised; and",
            "he knows that it is unauthorised.",
        ),
        opener,
    )
    base = [_entry(P, P, "unchanged"), _entry(f"{P}__point_1", f"{P}__point_1", "unchanged")]
    changed = _entry(f"{P}__point_2", f"{P}__point_2", "changed")
    assert (
        _entry_rules(old, new, [*base, changed, _entry(None, f"{P}__point_3", "inserted")]) == set()
    )
    # an entry went and another came: a rewritten list, left to the reader
    opener = "Whoever, without right, does any of the following shall be punished:"
    old = _offence(("sells a password;", "shows such a password in public;"), opener)
    new = _offence(("sells a password;", "makes such a password accessible to the public;"), opener)
    matches = [
        *base,
        _entry(f"{P}__point_2", None, "deleted"),
        _entry(None, f"{P}__point_2", "inserted"),
    ]
    assert _entry_rules(old, new, matches) == set()
    # every entry went while the opening words stayed (penalty tiers folded into
    # another article): a list rebuilt, not offences repealed one by one
    opener = "Hij die opzettelijk brand sticht, wordt gestraft:"
    old = _offence(
        (
            "met gevangenisstraf van een jaar, indien ...;",
            "met gevangenisstraf van zes jaren, indien ...;",
        ),
        opener,
    )
    new = _offence((), opener)
    matches = [
        _entry(P, P, "changed"),
        _entry(f"{P}__point_1", None, "deleted"),
        _entry(f"{P}__point_2", None, "deleted"),
    ]
    assert _entry_rules(old, new, matches, lexicon="nl") == set()
    # "(weggefallen)": an entry that only says it was repealed
    opener = "Wer eine der folgenden Taten begeht, wird mit Freiheitsstrafe bestraft:"
    old = _offence(("Hochverrat,",), opener)
    new = _offence(("Hochverrat,", "(weggefallen)"), opener)
    matches = [
        _entry(P, P, "unchanged"),
        _entry(f"{P}__point_1", f"{P}__point_1", "unchanged"),
        _entry(None, f"{P}__point_2", "inserted"),
    ]
    assert _entry_rules(old, new, matches, lexicon="de") == set()


# -- real texts --------------------------------------------------------------------


def _real(old, new, rule: str, cited) -> list:
    """Findings of ``rule`` on the whole pipeline whose new evidence ``cited`` accepts."""
    found = safeguards(treatydiff.align(old, new))
    return [f for f in found if f.rule == rule and f.new and cited(f.new.citation)]


def test_computer_misuse_act_section_1_widened(corpora) -> None:
    # Section 1(1)(a) as enacted: "with intent to secure access to any program or
    # data held in any computer"; as amended (2015): "..., or to enable any such
    # access to be secured".  Read in cma.xml.
    path = corpora / "uk-computer-misuse-act-1990" / "cma.xml"
    old = treatydiff.load(path, version="enacted")
    new = treatydiff.load(path, version="current")
    found = _real(old, new, "reach:offence", lambda c: c == "Section 1(1)(a)")
    assert len(found) == 1
    f = found[0]
    assert (f.category, f.direction) == ("scope_expanded", W)
    assert "to enable any such access to be secured" in f.new.phrase


def test_dutch_password_offence_gains_importing(corpora) -> None:
    # Art. 139d(2)(b) Sr: "verkoopt, verwerft, verspreidt" (16 June 2015) ->
    # "vervaardigt verkoopt, verwerft, invoert, verspreidt" (30 June 2015).
    base = corpora / "nl-wetboek-van-strafrecht"
    old = treatydiff.load(base / "BWBR0001854_README_2015-06-16.md")
    new = treatydiff.load(base / "BWBR0001854_README_2015-06-30.md")
    found = _real(old, new, "reach:offence", lambda c: "139d" in c)
    assert [(f.category, f.direction, f.new.phrase.strip(" ,")) for f in found] == [
        ("scope_expanded", W, "invoert")
    ]


# -- safeguards applied by reference ("gilt entsprechend") -------------------------


def _code(*sections: tuple[str, tuple[str, ...]]) -> Document:
    return Document.build(
        title="t",
        language="de",
        provisions=[
            Provision(
                kind="section",
                number=num,
                label=f"§ {num}",
                children=[
                    Provision(kind="paragraph", number=str(i), text=t)
                    for i, t in enumerate(paras, 1)
                ],
            )
            for num, paras in sections
        ],
    )


CORE = (
    "Die Überwachung ist zulässig.",
    "Erkenntnisse aus dem Kernbereich privater Lebensgestaltung dürfen nicht verwertet werden.",
)
SAME = (
    "Die Überwachung ist zulässig.",
    "Erkenntnisse aus dem Kernbereich privater Lebensgestaltung dürfen nicht verwertet werden.",
)


def _applied(old_text: str, new_text: str, *, old_core: str = "10", new_core: str = "10") -> set:
    old = _code((old_core, CORE), ("20", ("Die Beobachtung ist zulässig.", old_text)))
    new = _code((new_core, SAME), ("20", ("Die Beobachtung ist zulässig.", new_text)))
    a, b = f"sec_{old_core}", f"sec_{new_core}"
    matches = [
        _match(a, b, "section", kind="unchanged"),
        _match("sec_20", "sec_20", "section", kind="unchanged"),
        _match("sec_20__para_1", "sec_20__para_1", "paragraph", kind="unchanged"),
        _match("sec_20__para_2", "sec_20__para_2", "paragraph", kind="changed", score=0.9),
    ]
    found = safeguards(Alignment(old, new, tuple(matches)), lexicon="de")
    return {(f.category, f.direction, f.rule, (f.new or f.old).phrase) for f in found}


def test_a_protection_applied_by_reference_is_a_safeguard_added() -> None:
    got = _applied(
        "Dritte dürfen betroffen werden.",
        "Dritte dürfen betroffen werden. § 10 Absatz 2 gilt entsprechend.",
    )
    assert (
        "safeguard_term_added",
        S,
        "reference:applies",
        "§ 10 Absatz 2 gilt entsprechend",
    ) in got
    back = _applied(
        "Dritte dürfen betroffen werden. § 10 Absatz 2 gilt entsprechend.",
        "Dritte dürfen betroffen werden.",
    )
    assert (
        "safeguard_term_deleted",
        W,
        "reference:dropped",
        "§ 10 Absatz 2 gilt entsprechend",
    ) in back


def test_references_that_bring_nothing_new_are_no_finding() -> None:
    # renumbered: § 10 became § 11 and the reference follows it
    assert not _applied(
        "§ 10 Absatz 2 gilt entsprechend.",
        "§ 11 Absatz 2 gilt entsprechend.",
        new_core="11",
    )
    # a provision that brings no core safeguard (its first paragraph)
    assert not {
        r
        for r in _applied("Dritte dürfen betroffen werden.", "§ 10 Absatz 1 gilt entsprechend.")
        if r[2].startswith("reference:")
    }
    # a provision of another act is not resolved in this one
    assert not {
        r
        for r in _applied(
            "Dritte dürfen betroffen werden.",
            "§ 10 Absatz 2 des Telemediengesetzes gilt entsprechend.",
        )
        if r[2].startswith("reference:")
    }


def test_an_inserted_judicial_reservation_is_no_new_power() -> None:
    # "darf nur durch das Gericht angeordnet werden" limits a power granted
    # elsewhere: the court's order is a safeguard added, not a power granted.
    old = Document.build(title="old", provisions=[], language="de")
    new = Document.build(
        title="new",
        language="de",
        provisions=[
            Provision(
                kind="section",
                number="95a",
                label="§ 95a",
                text="Die Zurückstellung darf nur durch das Gericht angeordnet werden.",
            )
        ],
    )
    found = safeguards(
        Alignment(old, new, (_match(None, "sec_95a", "section", kind="inserted"),)), lexicon="de"
    )
    assert {f.rule for f in found} & {"inserted:new_power"} == set()
    assert "safeguard_term_added" in {f.category for f in found}


def test_access_to_a_lawyer_is_a_safeguard_term() -> None:
    from treatydiff.safeguards.clauses import analyse

    for lang, text in (
        ("en", "The person shall be informed of the right to legal assistance."),
        ("de", "Der Beschuldigte ist auf anwaltliche Notdienste hinzuweisen."),
        ("de", "Dem Verletzten ist eine schriftliche Übersetzung zu übermitteln."),
        ("nl", "De verdachte heeft recht op rechtsbijstand."),
    ):
        keys = {h.key for c in analyse(text, load_lexicon(lang)) for h in c.terms}
        assert "legal_assistance" in keys, (lang, keys)
    # "An die Stelle einer Löschung tritt eine Sperrung": deletion replaced, not required
    keys = {
        h.key
        for c in analyse("An die Stelle einer Löschung tritt eine Sperrung.", load_lexicon("de"))
        for h in c.terms
    }
    assert "data_deletion" not in keys


def test_stpo_long_term_observation_gains_the_core_area_protection(corpora) -> None:
    # StPO § 163f(2): the 2022 text adds "§ 100d Absatz 1 und 2 gilt entsprechend"
    # (§ 100d: the core area of private life); read in both versions.
    base = corpora / "de-stpo"
    old = treatydiff.load(base / "stpo_index_2013-01-11.md")
    new = treatydiff.load(base / "stpo_index_2022-01-28.md")
    found = _real(old, new, "reference:applies", lambda c: c == "§ 163f(2)")
    assert len(found) == 1
    assert found[0].new.phrase == "§ 100d Absatz 1 und 2 gilt entsprechend"
    assert "Kernbereich" in found[0].explanation


# -- how far a catalogue entry's references reach -----------------------------------

REFERENCE_REACH = [
    # a paragraph of a section already cited, added
    (
        "nach § 244 Abs. 1 Nr. 2 und § 244a",
        "nach § 244 Absatz 1 Nummer 2, § 244 Absatz 4 und § 244a",
        "wider",
    ),
    # a limit to some paragraphs dropped
    ("nach § 184b Abs. 1 bis 3", "nach § 184b", "wider"),
    ("nach § 184b", "nach § 184b Absatz 1", "narrower"),
    # a section dropped, nothing added
    ("nach den §§ 129, 130 und 131", "nach den §§ 129 und 130", "narrower"),
    # renumbering: gains and losses both
    ("nach den §§ 176a, 176b", "nach den §§ 176c, 176d", None),
    # spelled out: "Abs." / "Absatz", "Nr." / "Nummer" are the same reference
    ("nach § 370 Abs. 3 Satz 2 Nr. 5", "nach § 370 Absatz 3 Satz 2 Nummer 5", None),
    # a section inside a cited range is no new reference
    ("nach den §§ 80 bis 82", "nach den §§ 80, 81 und 82", None),
    # English
    ("offences under sections 1 and 2", "offences under sections 1, 2 and 3A", "wider"),
]


@pytest.mark.parametrize(("old", "new", "expected"), REFERENCE_REACH)
def test_how_far_references_reach(old: str, new: str, expected: str | None) -> None:
    from treatydiff.safeguards._references import reach

    assert reach(old, new) == expected
    opposite = {"wider": "narrower", "narrower": "wider", None: None}[expected]
    assert reach(new, old) == opposite


def test_a_reworded_definition_or_offence_is_listed_to_read() -> None:
    from treatydiff.safeguards import review

    # "'biometric data' means ..." loses "which allow the unique identification":
    # every rule using the term now reaches more data; no rule reads that, so
    # the clause is listed to be read (never counted as a finding).
    old = "'biometric data' means personal data relating to the physical characteristics of a person, which allow the unique identification of that person;"
    new = "'biometric data' means personal data relating to the physical, physiological or behavioural characteristics of a natural person;"
    eid = "art_5__para_1"
    al = Alignment(
        _doc(old), _doc(new), (_match(eid, eid, "paragraph", kind="changed", score=0.9),)
    )
    assert not safeguards(al)
    items = review(al)
    assert [(r.category, r.direction) for r in items] == [("reworded", "unclear")]
    # a clause that neither defines, prohibits, punishes nor grants stays off the list
    al = Alignment(
        _doc("The Board shall meet twice a year in Brussels."),
        _doc("The Board shall meet at least four times a year, in Brussels or online."),
        (_match(eid, eid, "paragraph", kind="changed", score=0.9),),
    )
    assert review(al) == ()


# -- qualifiers dropped, grounds of jurisdiction -------------------------------------

QUALIFIERS = [
    # (old, new, lexicon, [words dropped])
    (
        "detrimental treatment of certain natural persons or whole groups thereof",
        "detrimental treatment of certain natural persons or groups thereof",
        "en",
        ["whole"],
    ),
    ("Bei Beginn der ersten Vernehmung ist", "Bei Beginn der Vernehmung ist", "de", ["ersten"]),
    # one more element of a condition went: fewer cases need to meet it
    (
        "wenn der Täter Deutscher ist und seine Lebensgrundlage im Inland hat;",
        "wenn der Täter Deutscher ist;",
        "de",
        ["und seine Lebensgrundlage im Inland hat"],
    ),
    # ... but "and" outside a condition may join objects: not read
    ("may seize data and documents", "may seize data", "en", []),
    # inserted words are not read (mostly restatements on the labelled set)
    ("the AI system", "the high-risk AI system", "en", []),
    # the head of a phrase before a comma, not a qualifier
    ("border control areas, airports", "border control, airports", "en", []),
    # numbers (a deadline, a threshold): which way they cut is the reader's call
    ("within 30 days of receipt", "within days of receipt", "en", []),
    # words that add, negate or illustrate; the form of a thing; a determiner; a count
    ("shall also apply to providers", "shall apply to providers", "en", []),
    ("durch Verlesung einer schriftlichen Erklärung", "durch Verlesung einer Erklärung", "de", []),
    ("für Zwecke, für die eine Übermittlung", "für Zwecke, für eine Übermittlung", "de", []),
    ("except in three exhaustively listed cases", "except in exhaustively listed cases", "en", []),
    ("other rights, including privacy", "other rights", "en", []),
    # an alternative is the alternatives' rule
    ("for terrorism or organised crime", "for terrorism", "en", []),
    # beside another change the words may have moved: not read
    (
        "the whole group in public spaces",
        "the group in all spaces",
        "en",
        [],
    ),
]


@pytest.mark.parametrize(("old", "new", "lexicon", "expected"), QUALIFIERS)
def test_qualifiers_dropped_in_a_word_diff(old: str, new: str, lexicon: str, expected) -> None:
    lex = load_lexicon(lexicon)
    got = qualifiers(
        old,
        new,
        lex.alternatives,
        lex.conjunctions,
        lex.conditions,
        lex.not_qualifiers,
        lex.determiners,
    )
    assert [q.words for q in got] == expected
    for q in got:
        assert not q.added and old[q.start : q.end] == q.words


@given(st.lists(st.sampled_from(["the", "whole", "data", "or", "and", ",", "if", "system"])))
def test_no_qualifier_between_a_text_and_itself(words: list[str]) -> None:
    text = " ".join(words)
    assert qualifiers(text, text, OR, AND, re.compile("if")) == ()


JURISDICTION = "Das deutsche Strafrecht gilt, unabhängig vom Recht des Tatorts, für folgende Taten, die im Ausland begangen werden:"

QUALIFIER_ROLES = [
    # (old, new, opener, lexicon, expected)
    # a prohibition two lists up: the list item reaches more
    (
        "detrimental treatment of certain natural persons or whole groups thereof;",
        "detrimental treatment of certain natural persons or groups thereof;",
        "The following artificial intelligence practices shall be prohibited:",
        "en",
        {("scope_expanded", S, "reach:prohibition")},
    ),
    # a ground of jurisdiction that loses a condition reaches more acts abroad
    (
        "Abbruch der Schwangerschaft (§ 218), wenn der Täter zur Zeit der Tat Deutscher ist und "
        "seine Lebensgrundlage im Inland hat;",
        "Abbruch der Schwangerschaft (§ 218), wenn der Täter zur Zeit der Tat Deutscher ist;",
        JURISDICTION,
        "de",
        {("scope_expanded", W, "reach:jurisdiction")},
    ),
    # an offence that loses a qualifier reaches more conduct
    (
        "Hij die opzettelijk met gebruikmaking van een vuurwapen geweld pleegt op een luchthaven, "
        "wordt gestraft.",
        "Hij die opzettelijk geweld pleegt op een luchthaven, wordt gestraft.",
        None,
        "nl",
        {("scope_expanded", W, "reach:offence")},
    ),
    # a granted safeguard is not read: "in writing" says how notice is given, not to whom
    (
        "Die Betroffenen sind schriftlich zu benachrichtigen.",
        "Die Betroffenen sind zu benachrichtigen.",
        None,
        "de",
        set(),
    ),
    # a clause whose role is not read: no finding
    (
        "The provider shall ensure that the system is accurate in the light of its intended purpose.",
        "The provider shall ensure that the system is accurate.",
        None,
        "en",
        set(),
    ),
]


@pytest.mark.parametrize(("old", "new", "opener", "lexicon", "expected"), QUALIFIER_ROLES)
def test_a_qualifier_dropped_widens_what_its_role_reaches(
    old: str, new: str, opener: str | None, lexicon: str, expected: set
) -> None:
    assert _reach(old, new, opener=opener, lexicon=lexicon) == expected


def test_a_ground_of_jurisdiction_gains_an_alternative() -> None:
    got = _reach(
        "Each Party shall establish jurisdiction over the offences when committed by one of its "
        "nationals.",
        "Each Party shall establish jurisdiction over the offences when committed by one of its "
        "nationals or by a person who has his or her habitual residence in its territory.",
    )
    assert got == {("scope_expanded", W, "reach:jurisdiction")}


def _one_sided_rules(doc: Document, eid: str, lexicon: str) -> tuple[set, set]:
    """The rules that fire when ``eid`` of ``doc`` is inserted, and when it is deleted."""
    empty = Document.build(title="t", provisions=[])
    ins = safeguards(Alignment(empty, doc, (_match(None, eid, "article"),)), lexicon=lexicon)
    dele = safeguards(Alignment(doc, empty, (_match(eid, None, "article"),)), lexicon=lexicon)
    return {(f.category, f.direction, f.rule) for f in ins}, {
        (f.category, f.direction, f.rule) for f in dele
    }


@pytest.mark.parametrize(
    ("text", "lexicon"),
    [
        (
            "De Nederlandse strafwet is toepasselijk op de vreemdeling die zich buiten Nederland "
            "schuldig maakt aan een misdrijf, indien deze vreemdeling zich in Nederland bevindt.",
            "nl",
        ),
        (
            "Each State Party shall adopt such measures as may be necessary to establish its "
            "jurisdiction over the offences established in accordance with this Convention when "
            "the offence is committed against a national of that State Party.",
            "en",
        ),
        ("Das deutsche Strafrecht gilt auch, wenn die Tat im Ausland begangen wird.", "de"),
    ],
)
def test_an_inserted_ground_of_jurisdiction_reaches_more(text: str, lexicon: str) -> None:
    doc = Document.build(title="t", provisions=[Provision(kind="article", number="8c", text=text)])
    inserted, deleted = _one_sided_rules(doc, "art_8c", lexicon)
    assert ("scope_expanded", W, "inserted:new_jurisdiction") in inserted
    assert ("scope_narrowed", S, "deleted:jurisdiction") in deleted


def test_a_ground_added_to_a_list_of_grounds_of_jurisdiction() -> None:
    opener = (
        "Each Party shall adopt such legislative and other measures as may be necessary to "
        "establish jurisdiction over any offence established in accordance with this "
        "Convention, when the offence is committed:"
    )
    old = ("in its territory; or", "on board a ship flying its flag; or")
    added, removed = _entry_findings(opener, old, (*old, "by one of its nationals."), "en")
    assert ("scope_expanded", W, "inserted:jurisdiction_entry") in added
    assert ("scope_narrowed", S, "deleted:jurisdiction_entry") in removed


def _code_with(numbers: tuple[str, ...], text: str) -> Document:
    arts = [Provision(kind="article", number=n, text=f"Artikel {n} tekst.") for n in numbers]
    arts.append(
        Provision(
            kind="article",
            number="5",
            children=[Provision(kind="paragraph", number="1", text=text)],
        )
    )
    return Document.build(title="t", provisions=arts)


def test_a_reference_dropped_after_a_repeal_is_no_narrowing() -> None:
    old_text = (
        "De Nederlandse strafwet is toepasselijk op de Nederlander die zich buiten Nederland "
        "schuldig maakt aan een der misdrijven omschreven in de artikelen 140, 177a en 178."
    )
    new_text = old_text.replace("140, 177a en 178", "140 en 178")
    eid = "art_5__para_1"
    matches = (_match(eid, eid, "paragraph", kind="changed", score=0.95),)

    def rules(old_numbers, new_numbers):
        al = Alignment(
            _code_with(old_numbers, old_text), _code_with(new_numbers, new_text), matches
        )
        return {(f.category, f.rule) for f in safeguards(al, lexicon="nl")}

    # article 177a is gone from the new code: the reference follows its repeal
    assert rules(("140", "177a", "178"), ("140", "178")) == set()
    # article 177a is still there: the ground of jurisdiction reaches less
    assert rules(("140", "177a", "178"), ("140", "177a", "178")) == {
        ("scope_narrowed", "reach:jurisdiction")
    }


def _entry_findings(opener: str, old_entries, new_entries, lexicon: str) -> tuple[set, set]:
    """Rules on a list that gains its last entry, and on the same change read backwards."""
    old, new = _offence(old_entries, opener), _offence(new_entries, opener)
    matches = [_entry(P, P, "unchanged")]
    matches += [
        _entry(f"{P}__point_{i}", f"{P}__point_{i}", "unchanged")
        for i in range(1, len(old_entries) + 1)
    ]
    matches.append(_entry(None, f"{P}__point_{len(new_entries)}", "inserted"))

    def rules(a, b, ms):
        return {
            (f.category, f.direction, f.rule)
            for f in safeguards(Alignment(a, b, tuple(ms)), lexicon=lexicon)
        }

    return rules(old, new, matches), rules(new, old, _swapped(matches))


def test_a_case_added_to_a_granted_safeguard_makes_it_reach_more() -> None:
    opener = "Ein Fall der notwendigen Verteidigung liegt vor, wenn"
    old = (
        "die Hauptverhandlung vor dem Landgericht stattfindet;",
        "ein Verbrechen vorgeworfen wird;",
    )
    new = (*old, "dem Verletzten ein Rechtsanwalt beigeordnet worden ist;")
    added, removed = _entry_findings(opener, old, new, "de")
    assert ("scope_expanded", S, "inserted:safeguard_entry") in added
    assert ("scope_narrowed", W, "deleted:safeguard_entry") in removed
    # an entry that names a safeguard of its own is reported as that term, not twice
    new = (
        *old,
        "zur Wahrung der Rechte des Beschuldigten die Mitwirkung eines Verteidigers geboten erscheint;",
    )
    added, _ = _entry_findings(opener, old, new, "de")
    assert not any(rule == "inserted:safeguard_entry" for _, _, rule in added)
    # where the words withdraw the safeguard, more cases mean less protection: not read
    opener = "Ein Verteidiger ist von der Mitwirkung auszuschließen, wenn er"
    old = ("an der Tat beteiligt ist;", "den Verkehr mit dem Beschuldigten missbraucht;")
    new = (*old, "eine Begünstigung begangen hat;")
    added, _ = _entry_findings(opener, old, new, "de")
    assert not any(rule.endswith("_entry") for _, _, rule in added)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In den Fällen des Absatzes 2 ist der Versuch strafbar.", True),
        ("Der Versuch ist strafbar.", True),
        ("Die Tat ist nicht strafbar, wenn der Täter in Notwehr handelt.", False),
        ("Solche Äußerungen sind nur insofern strafbar, als eine Beleidigung hervorgeht.", False),
    ],
)
def test_german_words_that_make_an_offence(text: str, expected: bool) -> None:
    assert bool(load_lexicon("de").new_offence.search(text)) is expected


# -- definitions reach what the provisions that use their term reach ----------------


def _convention(definition: str, *uses: str) -> Document:
    return Document.build(
        title="t",
        provisions=[
            Provision(
                kind="article",
                number="2",
                children=[Provision(kind="paragraph", number="1", text=definition)],
            ),
            *(
                Provision(
                    kind="article",
                    number=str(10 + i),
                    children=[Provision(kind="paragraph", number="1", text=use)],
                )
                for i, use in enumerate(uses)
            ),
        ],
    )


def _definition_rules(old_definition: str, new_definition: str, *uses: str) -> set:
    eid = "art_2__para_1"
    matches = [_match(eid, eid, "paragraph", kind="changed", score=0.95)]
    matches += [
        _match(f"art_{10 + i}__para_1", f"art_{10 + i}__para_1", "paragraph", kind="unchanged")
        for i in range(len(uses))
    ]
    al = Alignment(
        _convention(old_definition, *uses), _convention(new_definition, *uses), tuple(matches)
    )
    return {
        (f.category, f.direction, f.rule) for f in safeguards(al) if f.rule.startswith("reach:")
    }


SERVICE_PROVIDER = "'service provider' means any public or private entity that provides users the ability to communicate by means of a computer system"
WIDER_PROVIDER = SERVICE_PROVIDER + ", or any other entity that processes or stores computer data"
ORDER = (
    "Each State Party shall adopt such legislative and other measures as may be necessary to "
    "empower its competent authorities to order a service provider to submit subscriber "
    "information."
)


def test_a_definition_reaches_what_the_powers_that_use_its_term_reach() -> None:
    assert _definition_rules(SERVICE_PROVIDER, WIDER_PROVIDER, ORDER) == {
        ("scope_expanded", W, "reach:power")
    }
    # the reverse change narrows the power
    assert _definition_rules(WIDER_PROVIDER, SERVICE_PROVIDER, ORDER) == {
        ("scope_narrowed", S, "reach:power")
    }


def test_a_definition_whose_uses_pull_two_ways_or_set_nothing_is_left_to_the_reader() -> None:
    ban = "Personal data shall not be transferred by a service provider to a third country."
    assert _definition_rules(SERVICE_PROVIDER, WIDER_PROVIDER, ORDER, ban) == set()
    duties = [f"The service provider shall keep record number {i} of its users." for i in range(3)]
    assert _definition_rules(SERVICE_PROVIDER, WIDER_PROVIDER, ORDER, *duties) == set()
    # a term no provision uses: nothing to say
    assert _definition_rules(SERVICE_PROVIDER, WIDER_PROVIDER) == set()


def _rules(old: str, new: str, lexicon: str) -> set:
    eid = "art_5__para_1"
    al = Alignment(
        _doc(old), _doc(new), (_match(eid, eid, "paragraph", kind="changed", score=0.95),)
    )
    return {(f.category, f.direction, f.rule) for f in safeguards(al, lexicon=lexicon)}


NOTIFY = (
    "Einem verhafteten Beschuldigten ist unverzüglich Gelegenheit zu geben, einen Angehörigen "
    "zu benachrichtigen, sofern der Zweck der Untersuchung dadurch nicht {}gefährdet wird."
)


@pytest.mark.parametrize(
    ("old", "new", "lexicon", "expected"),
    [
        # a threshold put into the exception: the right yields in fewer cases
        (NOTIFY.format(""), NOTIFY.format("erheblich "), "de", ("exception_narrowed", S)),
        (NOTIFY.format("erheblich "), NOTIFY.format(""), "de", ("exception_widened", W)),
        (
            "The person concerned shall be notified, unless notification would prejudice an "
            "investigation.",
            "The person concerned shall be notified, unless notification would seriously "
            "prejudice an investigation.",
            "en",
            ("exception_narrowed", S),
        ),
    ],
)
def test_a_threshold_put_into_an_exception(old, new, lexicon, expected) -> None:
    got = {(c, d) for c, d, r in _rules(old, new, lexicon) if r.startswith("exception_threshold")}
    assert got == {expected}


def test_a_right_that_yields_to_the_investigation_is_an_exception_to_it() -> None:
    # the right named with the words: an exception to it ...
    got = _rules(
        NOTIFY.format("").replace(", sofern der Zweck", ". Zweck"), NOTIFY.format(""), "de"
    )
    assert ("exception_widened", W, "exceptions:risk to the investigation") in got
    # ... without a safeguard in the clause the words set a limit, no exception
    limit = (
        "Die Daten dürfen übermittelt werden, soweit der Untersuchungszweck nicht gefährdet wird."
    )
    assert not any(
        r.startswith("exceptions:")
        for _, _, r in _rules("Die Daten dürfen übermittelt werden.", limit, "de")
    )
