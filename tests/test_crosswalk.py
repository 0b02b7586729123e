"""Unit tests of the crosswalk on small documents written here."""

from __future__ import annotations

import csv
import io
import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import treaties

from treatydiff._citation import cite_chain
from treatydiff.crosswalk import crosswalk, default_taxonomy, load_taxonomy
from treatydiff.crosswalk.concepts import guess_text_language
from treatydiff.errors import InputError, ProfileError
from treatydiff.model import Document, Provision


def art(number, heading, text, children=()):
    return Provision(
        kind="article",
        number=number,
        label=f"Article {number}",
        heading=heading,
        text=text,
        children=children,
    )


def sec(number, heading, text, children=(), label=None):
    return Provision(
        kind="section",
        number=number,
        label=label or number,
        heading=heading,
        text=text,
        children=children,
    )


def para(number, text, children=()):
    return Provision(
        kind="paragraph", number=number, label=f"({number})", text=text, children=children
    )


CONVENTION = Document.build(
    title="Model Convention",
    language="en",
    provisions=[
        art(
            "1",
            "Use of terms",
            "For the purposes of this Convention, computer system means any device.",
        ),
        art(
            "2",
            "Illegal access",
            "Each Party shall establish as criminal offences, when committed intentionally, the "
            "access to the whole or any part of a computer system without right.",
        ),
        art(
            "3",
            "Illegal interception",
            "Each Party shall establish as criminal offences, when committed intentionally, the "
            "interception without right of non-public transmissions of computer data.",
        ),
        art(
            "10",
            "Offences related to copyright",
            "Each Party shall establish as criminal offences the infringement of copyright.",
        ),
        art(
            "18",
            "Production order",
            "Each Party shall empower its competent authorities to order a person to submit "
            "specified computer data in that person's possession.",
        ),
        art(
            "21",
            "Interception of content data",
            "Each Party shall empower its competent authorities to collect or record content "
            "data of specified communications.",
        ),
    ],
)

UK_LIKE = Document.build(
    title="Misuse Act",
    language="en",
    provisions=[
        sec(
            "1",
            "Unauthorised access to computer material",
            "",
            [
                para(
                    "1",
                    "A person is guilty of an offence if he causes a computer to perform any "
                    "function with intent to secure access to any program or data held in any "
                    "computer and the access he intends to secure is unauthorised.",
                ),
            ],
        ),
        sec("2", "Proceedings", "Proceedings may be brought within six months."),
        sec(
            "3",
            "Search warrants",
            "",
            [
                para(
                    "1",
                    "A justice of the peace may issue a warrant to enter premises and seize "
                    "any computer, if satisfied on information on oath.",
                ),
            ],
        ),
    ],
)

GERMAN = Document.build(
    title="Strafgesetzbuch",
    language="de",
    provisions=[
        sec(
            "15",
            "Vorsätzliches und fahrlässiges Handeln",
            "Strafbar ist nur vorsätzliches Handeln, wenn nicht das Gesetz fahrlässiges Handeln "
            "ausdrücklich mit Strafe bedroht.",
            label="§ 15",
        ),
        sec(
            "202a",
            "Ausspähen von Daten",
            "Wer unbefugt sich oder einem anderen Zugang zu Daten, die gegen unberechtigten "
            "Zugang besonders gesichert sind, unter Überwindung der Zugangssicherung verschafft, "
            "wird mit Freiheitsstrafe bis zu drei Jahren bestraft.",
            label="§ 202a",
        ),
        sec(
            "202b",
            "Abfangen von Daten",
            "Wer unbefugt sich unter Anwendung von technischen Mitteln nicht für ihn bestimmte "
            "Daten aus einer nichtöffentlichen Datenübermittlung verschafft, wird mit "
            "Freiheitsstrafe bestraft.",
            label="§ 202b",
        ),
        sec(
            "242",
            "Diebstahl",
            "Wer eine fremde bewegliche Sache wegnimmt, wird mit Freiheitsstrafe bestraft.",
            label="§ 242",
        ),
    ],
)

PROCEDURE = Document.build(
    title="Procedure Code",
    language="de",
    provisions=[
        sec(
            "100a",
            "Telekommunikationsüberwachung",
            "Auch ohne Wissen der Betroffenen darf die Telekommunikation überwacht und "
            "aufgezeichnet werden, wenn bestimmte Tatsachen den Verdacht begründen.",
            label="§ 100a",
        ),
        sec(
            "100e",
            "Verfahren",
            "Maßnahmen nach § 100a dürfen nur auf Antrag der Staatsanwaltschaft durch das Gericht "
            "angeordnet werden. Die Anordnung ist auf höchstens drei Monate zu befristen.",
            label="§ 100e",
        ),
    ],
)


@pytest.fixture(scope="module")
def result():
    return crosswalk(CONVENTION, [UK_LIKE, GERMAN, PROCEDURE])


# -- vocabulary ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "concept"),
    [
        ("en", "the access to the whole or any part of a computer system", "illegal_access"),
        ("en", "Unauthorised access to computer material", "illegal_access"),
        (
            "en",
            "intentionally intercepts any wire, oral, or electronic communication",
            "illegal_interception",
        ),
        ("en", "the term production order", "production_order"),
        ("de", "Ausspähen von Daten", "illegal_access"),
        ("de", "Abfangen von Daten", "illegal_interception"),
        ("de", "Datenveränderung", "data_interference"),
        ("de", "Computerbetrug", "computer_fraud"),
        (
            "nl",
            "opzettelijk en wederrechtelijk binnendringt in een geautomatiseerd werk",
            "illegal_access",
        ),
        ("nl", "gegevens aftapt of opneemt", "illegal_interception"),
        (
            "nl",
            "gegevens verandert, wist, onbruikbaar of ontoegankelijk maakt",
            "data_interference",
        ),
    ],
)
def test_vocabulary_finds_concepts(language, text, concept):
    hits = default_taxonomy().vocabulary(language).find_concepts(text)
    assert concept in {h.key for h in hits}
    for h in hits:
        assert text[h.start : h.end] == h.phrase


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The person shall be guilty of an offence if the access is unauthorised.", "en"),
        ("Wer unbefugt sich Zugang zu Daten verschafft, wird mit Freiheitsstrafe bestraft.", "de"),
        ("Hij die opzettelijk binnendringt in een geautomatiseerd werk wordt gestraft.", "nl"),
    ],
)
def test_language_guess(text, language):
    assert guess_text_language(text) == language


def test_taxonomy_has_the_concepts_of_the_issue():
    ids = {c.id for c in default_taxonomy().concepts}
    assert ids == {
        "illegal_access",
        "illegal_interception",
        "data_interference",
        "system_interference",
        "misuse_of_devices",
        "computer_forgery",
        "computer_fraud",
        "csam",
        "expedited_preservation",
        "production_order",
        "search_seizure",
        "realtime_traffic",
        "interception_content",
        "mutual_assistance",
    }
    assert {"de", "en", "nl"} <= set(default_taxonomy().languages)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[meta]\nlanguage = 'xx'\n[concept.new]\nterms = ['a']\n", "kind"),
        ("[meta]\nlanguage = 'xx'\n[concept.illegal_access]\nterms = ['(unclosed']\n", "regex"),
        (
            "[meta]\nlanguage = 'xx'\n[concept.illegal_access]\n"
            "terms = [{pattern='x', weight=-1}]\n",
            "weight",
        ),
        ("[meta]\nname = 'no language'\n", "meta.language"),
        ("not toml at all [", "TOML"),
        ("[meta]\nlanguage = 'xx'\n[safeguard.new]\nterms = ['x']\n", "applies_to"),
    ],
)
def test_bad_taxonomy_files_raise_profile_error(tmp_path, content, message):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProfileError) as err:
        load_taxonomy(path)
    assert message in str(err.value)
    assert "bad.toml" in str(err.value)


def test_a_user_file_adds_a_language(tmp_path):
    path = tmp_path / "fr.toml"
    path.write_text(
        "[meta]\nlanguage = 'fr'\nmarkers = ['le', 'la', 'les']\n"
        "[concept.illegal_access]\nterms = [{pattern = 'accès\\s+frauduleux', weight = 4}]\n",
        encoding="utf-8",
    )
    tax = load_taxonomy(path)
    law = Document.build(
        title="Code pénal",
        language="fr",
        provisions=[
            sec(
                "323-1",
                "Atteintes aux systèmes",
                "Le fait d'accéder par un accès frauduleux dans "
                "tout ou partie d'un système est puni de deux ans d'emprisonnement.",
            ),
        ],
    )
    cw = crosswalk(CONVENTION, [law], taxonomy=tax)
    assert cw.row("Article 2").best("Code pénal").citation == "Section 323-1"


# -- rows and matches ---------------------------------------------------------------


def test_rows_are_only_offences_and_powers(result):
    assert [r.citation for r in result.rows] == [
        "Article 2",
        "Article 3",
        "Article 18",
        "Article 21",
    ]
    assert result.row("Article 2").concept == "illegal_access"
    assert result.row("Article 21").concept == "interception_content"


@pytest.mark.parametrize(
    ("article", "law", "expected"),
    [
        ("Article 2", "Misuse Act", "Section 1"),
        ("Article 2", "Strafgesetzbuch", "§ 202a"),
        ("Article 3", "Strafgesetzbuch", "§ 202b"),
        ("Article 21", "Procedure Code", "§ 100a"),
    ],
)
def test_best_candidates(result, article, law, expected):
    best = result.row(article).best(law)
    assert best is not None and best.citation == expected
    assert 0 < best.score <= 1 and best.confidence in ("high", "medium", "low")
    assert best.evidence, "a match shows the phrases it rests on"


@pytest.mark.parametrize(
    ("article", "law"),
    [
        ("Article 3", "Misuse Act"),  # no interception offence in the UK-like act
        ("Article 18", "Strafgesetzbuch"),  # a penal code has no production order
        ("Article 21", "Misuse Act"),
        ("Article 2", "Procedure Code"),
    ],
)
def test_unmatched_is_absent_not_forced(result, article, law):
    assert result.row(article).matches(law) == ()


def test_similar_wording_without_the_concept_is_no_match():
    # Same boilerplate as the convention, but about copyright: no concept agreement.
    law = Document.build(
        title="Copy",
        language="en",
        provisions=[
            sec(
                "5",
                "Copyright",
                "Each Party shall establish as criminal offences, when committed "
                "intentionally, the infringement of copyright without right.",
            ),
        ],
    )
    cw = crosswalk(CONVENTION, [law])
    assert all(r.matches("Copy") == () for r in cw.rows)


def test_close_wording_in_the_same_language_adds_fuzzy_evidence():
    law = Document.build(
        title="Model law",
        language="en",
        provisions=[
            sec(
                "4",
                "Illegal access",
                "Whoever, intentionally and without right, accesses the whole "
                "or any part of a computer system commits an offence.",
            ),
        ],
    )
    best = crosswalk(CONVENTION, [law]).row("Article 2").best("Model law")
    assert best is not None and best.method == "concept+fuzzy" and best.fuzzy_score > 0.5


def test_other_language_matches_by_concept_alone(result):
    for cand in result.row("Article 2").matches("Strafgesetzbuch"):
        assert cand.method == "concept" and cand.fuzzy_score == 0


def test_language_of_overrides_the_guess():
    law = attrs.evolve(GERMAN, language=None)
    cw = crosswalk(CONVENTION, [law], language_of={"Strafgesetzbuch": "de"})
    assert cw.laws[0].language == "de"
    cw2 = crosswalk(CONVENTION, [law], language_of=lambda d: "de" if d is law else None)
    assert cw2.to_dict() == cw.to_dict()


def test_non_documents_are_refused():
    with pytest.raises(InputError):
        crosswalk(CONVENTION, ["not a document"])  # type: ignore[list-item]


def test_duplicate_titles_get_distinct_keys():
    cw = crosswalk(CONVENTION, [GERMAN, GERMAN])
    assert [law.key for law in cw.laws] == ["Strafgesetzbuch", "Strafgesetzbuch (2)"]


# -- coverage --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("law", "safeguard", "status"),
    [
        ("Strafgesetzbuch", "intent", "present"),  # § 15, a general rule
        ("Strafgesetzbuch", "without_right", "present"),  # "unbefugt" in 202a and 202b
        ("Misuse Act", "intent", "present"),  # "with intent to secure access"
        ("Misuse Act", "research_defence", "absent"),
        ("Misuse Act", "judicial_interception", "unclear"),  # no interception power matched
        ("Procedure Code", "judicial_interception", "present"),  # § 100e cites § 100a
        ("Procedure Code", "duration_limit", "present"),
        ("Procedure Code", "dual_criminality", "unclear"),
    ],
)
def test_coverage_cells(result, law, safeguard, status):
    cell = result.cell(law, safeguard)
    assert cell.status == status, cell.note
    if status == "present":
        assert cell.evidence
    if status == "absent":
        assert cell.evidence == ()


def test_coverage_evidence_points_into_provision_text(result):
    docs = {"Misuse Act": UK_LIKE, "Strafgesetzbuch": GERMAN, "Procedure Code": PROCEDURE}
    for cell in result.coverage:
        for ev in cell.evidence:
            assert docs[cell.law].get(ev.eid).text[ev.start : ev.end] == ev.phrase
    judicial = result.cell("Procedure Code", "judicial_interception")
    assert judicial.evidence[0].citation == "§ 100e"


def test_partial_coverage_is_unclear():
    law = Document.build(
        title="Mixed",
        language="en",
        provisions=[
            sec(
                "1",
                "Unauthorised access to computer material",
                "A person is guilty of an offence if he knowingly secures access to any program or "
                "data held in any computer.",
            ),
            sec(
                "2",
                "Illegal interception",
                "A person who intercepts any electronic communication is guilty of an offence.",
            ),
        ],
    )
    cell = crosswalk(CONVENTION, [law]).cell("Mixed", "intent")
    assert cell.status == "unclear"
    assert cell.covered == ("illegal_access",)


def test_negated_safeguard_does_not_count():
    law = Document.build(
        title="Neg",
        language="en",
        provisions=[
            sec(
                "9",
                "Production order",
                "An officer may order a person to submit specified computer "
                "data without a warrant or court order.",
            ),
        ],
    )
    cell = crosswalk(CONVENTION, [law]).cell("Neg", "judicial_production")
    assert cell.status == "absent"
    assert "negated" in cell.note


def test_reference_cells_describe_the_convention(result):
    ref = {c.safeguard: c for c in result.reference}
    assert ref["intent"].status == "present"
    assert ref["without_right"].status == "present"


# -- determinism and purity --------------------------------------------------------------


def test_deterministic_and_order_independent():
    a = crosswalk(CONVENTION, [UK_LIKE, GERMAN, PROCEDURE])
    b = crosswalk(CONVENTION, [UK_LIKE, GERMAN, PROCEDURE])
    assert a == b and a.to_json() == b.to_json()
    c = crosswalk(CONVENTION, [PROCEDURE, GERMAN, UK_LIKE])
    for row_a, row_c in zip(a.rows, c.rows, strict=True):
        for law in ("Misuse Act", "Strafgesetzbuch", "Procedure Code"):
            assert row_a.matches(law) == row_c.matches(law)


def test_inputs_unchanged():
    before = (CONVENTION.to_dict(), GERMAN.to_dict())
    crosswalk(CONVENTION, [GERMAN])
    assert (CONVENTION.to_dict(), GERMAN.to_dict()) == before


def test_citations_agree_with_the_document():
    for node, parents in GERMAN.walk_with_parents():
        assert cite_chain((*parents, node)) == GERMAN.citation(node.eid)


@given(treaties(min_articles=2, max_articles=6))
def test_any_treaty_gives_valid_scores(doc):
    cw = crosswalk(doc, [GERMAN, UK_LIKE])
    for row in cw.rows:
        for lm in row.laws:
            for cand in lm.candidates:
                assert 0 <= cand.score <= 1 and 0 <= cand.concept_score <= 1
                assert cand.method in ("concept", "concept+fuzzy", "fuzzy")
    assert len(cw.coverage) == 2 * len(cw.safeguards)


# -- output -------------------------------------------------------------------------------


def test_json_shape(result):
    data = json.loads(result.to_json())
    assert data["schema"] == "treatydiff/crosswalk@1"
    assert [law["key"] for law in data["laws"]] == [
        "Misuse Act",
        "Strafgesetzbuch",
        "Procedure Code",
    ]
    row = data["rows"][0]
    assert set(row["laws"]) == {"Misuse Act", "Strafgesetzbuch", "Procedure Code"}
    assert {"score", "method", "evidence", "citation"} <= set(row["laws"]["Misuse Act"][0])
    assert {c["status"] for c in data["coverage"]} <= {"present", "absent", "unclear"}


def test_csv_shape(result):
    rows = list(csv.DictReader(io.StringIO(result.to_csv())))
    expected = sum(max(1, len(lm.candidates)) for r in result.rows for lm in r.laws)
    assert len(rows) == expected == len(result.to_dicts())
    assert {r["status"] for r in rows} == {"matched", "absent"}
    cov = list(csv.DictReader(io.StringIO(result.to_csv(table="coverage"))))
    assert len(cov) == len(result.coverage) + len(result.reference)


def test_csv_neutralises_formulas():
    law = Document.build(title='=HYPERLINK("x")', language="en", provisions=[UK_LIKE.provisions[0]])
    text = crosswalk(CONVENTION, [law]).to_csv()
    assert ",=HYPERLINK" not in text and "'=HYPERLINK" in text


def test_html_escapes_and_is_self_contained():
    nasty = Document.build(
        title="<script>alert(1)</script>",
        language="en",
        provisions=[
            sec(
                "1",
                "Unauthorised access <b>now</b>",
                "A person is guilty of an offence if he causes "
                "a computer to perform any function with intent to secure access to any program or "
                'data held in any computer & "quotes".',
            ),
        ],
    )
    html = crosswalk(CONVENTION, [nasty]).to_html()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>now</b>" not in html
    assert 'http-equiv="Content-Security-Policy"' in html and "default-src &#x27;none&#x27;" in html
    assert "http://" not in html and "https://" not in html and "<link" not in html
    # The heat map states each status in words and symbols, not by colour only.
    for word in ("present", "absent", "unclear"):
        assert f"<strong>{word}</strong>" in html


@given(st.text(max_size=40))
def test_html_escapes_any_title(title):
    doc = Document.build(title=title or "x", language="en", provisions=[])
    html = crosswalk(doc, [doc]).to_html()
    assert "<script" not in html.lower() or "<script" not in title.lower()
    body = html.split("<body>", 1)[1]
    assert body.count("<") == body.count(">")


def _naive_find(terms, text):
    # Reference implementation: every regex, no literal prefilter.
    out = []
    for t in terms:
        out.extend(
            (t.key, m.start(), m.end()) for m in t.regex.finditer(text) if m.end() > m.start()
        )
    return sorted(out)


@pytest.mark.parametrize("language", ["en", "de", "nl"])
def test_literal_prefilter_loses_no_match(language):
    vocab = default_taxonomy().vocabulary(language)
    texts = [p.full_text() for d in (CONVENTION, UK_LIKE, GERMAN, PROCEDURE) for p in d.walk()]
    texts += [
        "UNAUTHORISED ACCESS to Computer Material",
        "Ausspähen von Daten; COMPUTERBETRUG",
        "computervredebreuk: binnendringt in een geautomatiseerd werk",
        "intercepts any wire communication",
    ]
    terms = [t for ts in vocab.concepts.values() for t in ts]
    for text in texts:
        fast = sorted((h.key, h.start, h.end) for h in vocab.find_concepts(text))
        assert fast == _naive_find(terms, text)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß ,.-", max_size=60))
def test_required_literal_is_in_every_match(text):
    from treatydiff.crosswalk.concepts import required_literal

    for vocab in default_taxonomy().vocabularies.values():
        for terms in vocab.concepts.values():
            for t in terms:
                lit = required_literal(t.pattern)
                for m in t.regex.finditer(text):
                    assert lit in m.group(0).lower()
