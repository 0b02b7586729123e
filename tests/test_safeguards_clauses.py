"""Clause splitting, governing modals and the lexicon loader."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatydiff.errors import ProfileError
from treatydiff.safeguards.clauses import actor_spans, analyse, saving_spans, split_clauses
from treatydiff.safeguards.lexicon import load_lexicon

LEX = load_lexicon()

EN = load_lexicon("en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Each Party shall act. It may refuse.", ["Each Party shall act.", "It may refuse."]),
        (
            "See Art. 5 and No. 3 of the list. Then act.",
            ["See Art. 5 and No. 3 of the list.", "Then act."],
        ),
        (
            "(a) the search for victims; (b) the prevention of threats;",
            ["(a) the search for victims;", "(b) the prevention of threats;"],
        ),
        ("The rules, e.g. those on data, apply.", ["The rules, e.g. those on data, apply."]),
        # German statutes: abbreviations and dates are no sentence ends
        (
            "Dies gilt i. V. m. § 100a Abs. 2. Der Richter entscheidet.",
            ["Dies gilt i. V. m. § 100a Abs. 2.", "Der Richter entscheidet."],
        ),
        (
            "Das Gesetz vom 30. Juni 2021 gilt. Die Daten sind ggf. Zu löschen.",
            ["Das Gesetz vom 30. Juni 2021 gilt.", "Die Daten sind ggf. Zu löschen."],
        ),
        ("  ", []),
    ],
)
def test_split_clauses(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in split_clauses(text)] == expected


@pytest.mark.parametrize(
    ("text", "modal", "strength", "polarity"),
    [
        ("Each State Party shall adopt measures.", "shall", 4, "duty"),
        ("Each State Party shall not disclose the request.", "shall not", 4, "prohibition"),
        ("Member States may not derogate.", "may not", 2, "prohibition"),
        ("Each State Party shall endeavour to cooperate.", "shall endeavour to", 3, "duty"),
        ("Each State Party shall consider adopting measures.", "shall consider", 3, "duty"),
        ("Providers are encouraged to draw up codes.", "are encouraged to", 2, "duty"),
        ("Each Party undertakes to cooperate.", "undertakes to", 4, "duty"),
        ("Providers should inform users.", "should", 2, "duty"),
        ("Member States may decide to authorise it.", "may", 1, "duty"),
        ("Harm that may arise shall be reported.", "shall", 4, "duty"),
        ("Each Party shall adopt such measures as may be necessary.", "shall", 4, "duty"),
        (
            "However, in urgent cases, the use may be commenced provided that it shall be "
            "reported.",
            "may",
            1,
            "duty",
        ),
        ("Providers that place systems on the market shall register them.", "shall", 4, "duty"),
    ],
)
def test_governing_modal(text: str, modal: str, strength: int, polarity: str) -> None:
    (clause,) = analyse(text, EN)
    assert clause.modal is not None
    assert (clause.modal.phrase, clause.modal.strength, clause.modal.polarity) == (
        modal,
        strength,
        polarity,
    )
    assert text[clause.modal.start : clause.modal.end] == modal


def test_statement_without_modal() -> None:
    (clause,) = analyse("The use of such systems is prohibited.", EN)
    assert clause.modal is None


def test_subject_drops_connectives() -> None:
    (clause,) = analyse("However, each State Party shall act.", EN)
    assert clause.subject == "each State Party"


@pytest.mark.parametrize(
    ("text", "feature", "key", "phrase"),
    [
        (
            "Each Party shall, in accordance with its domestic law, act.",
            "deferrals",
            "domestic_law",
            "in accordance with its domestic law",
        ),
        (
            "Each Party shall act consistent with its domestic legal framework.",
            "deferrals",
            "domestic_law",
            "consistent with its domestic legal framework",
        ),
        (
            "Each Party shall act in accordance with the fundamental principles of its legal "
            "system.",
            "deferrals",
            "domestic_law",
            "in accordance with the fundamental principles of its legal system",
        ),
        (
            "Each Party shall, where appropriate, act.",
            "deferrals",
            "discretion",
            "where appropriate",
        ),
        (
            "A Party may reserve the right not to apply paragraph 1.",
            "optionals",
            "reservation or opt-out",
            "may reserve the right",
        ),
        ("when committed intentionally and without right", "terms", "intent", "intentionally"),
        (
            "when committed intentionally and without right",
            "terms",
            "without_right",
            "without right",
        ),
        ("subject to prior judicial authorisation", "terms", "judicial", "judicial"),
        ("subject to dual criminality", "terms", "dual_criminality", "dual criminality"),
        (
            "shall apply except where the request is political",
            "exceptions",
            "exception",
            "except where",
        ),
        (
            "for any criminal offence",
            "broad",
            "scope.broad[0]",
            "any criminal offence",
        ),
    ],
)
def test_features(text: str, feature: str, key: str, phrase: str) -> None:
    hits = [h for c in analyse(text, EN) for h in getattr(c, feature)]
    assert (key, phrase) in [(h.key, h.phrase) for h in hits]
    for h in hits:
        assert text[h.start : h.end] == h.phrase


def test_item_qualifier_is_not_a_deferral() -> None:
    (clause,) = analyse("Member States shall support SMEs and, as appropriate, local bodies.", EN)
    assert clause.deferrals == ()


def test_safeguard_list_items() -> None:
    (clause,) = analyse(
        "Such conditions and safeguards shall include, inter alia, judicial or "
        "other independent supervision, grounds justifying application, and "
        "limitation of the scope.",
        EN,
    )
    assert clause.list_items == (
        "judicial or other independent supervision",
        "grounds justifying application",
        "limitation of the scope",
    )


@given(st.text(alphabet=st.sampled_from("abc shall may not. ;,()"), max_size=80))
def test_offsets_always_index_the_text(text: str) -> None:
    for clause in analyse(text, EN):
        assert text[clause.start : clause.end] == clause.text
        for hits in (clause.deferrals, clause.terms, clause.exceptions, clause.optionals):
            for h in hits:
                assert text[h.start : h.end] == h.phrase


def test_builtin_lexicons_load() -> None:
    assert [load_lexicon(code).language for code in ("en", "fr", "es")] == ["en", "fr", "es"]
    assert load_lexicon(None) is EN and load_lexicon(EN) is EN
    (clause,) = analyse(
        "Chaque État Partie peut, conformément à son droit interne, agir.", load_lexicon("fr")
    )
    assert clause.modal.phrase == "peut"
    assert clause.deferrals[0].phrase == "conformément à son droit interne"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lex.toml"
    path.write_text(text, encoding="utf-8")
    return path


BASE = (
    Path(__file__).parent.parent / "treatydiff" / "safeguards" / "lexicon" / "en.toml"
).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("edit", "key"),
    [
        (lambda t: t.replace("strength = 4", "strength = 9", 1), "modal[0].strength"),
        (
            lambda t: t.replace('polarity = "prohibition"', 'polarity = "maybe"', 1),
            "modal[0].polarity",
        ),
        (
            lambda t: t.replace('group = "domestic_law"', 'group = "elsewhere"', 1),
            "deferral[0].group",
        ),
        (
            lambda t: t.replace(
                "key = \"judicial\"\npattern = 'judicial|judge|court|tribunal'",
                "key = \"judicial\"\npattern = 'judicial(|'",
                1,
            ),
            "term[0].pattern",
        ),
        (lambda t: t.replace('language = "en"', "language = 3", 1), "meta.language"),
        (
            lambda t: t.replace('[[term]]\nkey = "judicial"', '[[term]]\nkee = "judicial"', 1),
            "term[0].key",
        ),
        (
            lambda t: t.replace("needs_term = true", 'needs_term = "yes"', 1),
            "exception[1].needs_term",
        ),
        (
            lambda t: t.replace("conditions = [", "conditions = ['(', ", 1),
            "scope.conditions[0]",
        ),
    ],
)
def test_malformed_lexicon_names_file_and_key(tmp_path: Path, edit, key: str) -> None:
    path = _write(tmp_path, edit(BASE))
    with pytest.raises(ProfileError) as info:
        load_lexicon(path)
    assert str(path.resolve()) in str(info.value)
    assert repr(key) in str(info.value)


def test_lexicon_that_is_not_toml(tmp_path: Path) -> None:
    path = _write(tmp_path, "[meta\nlanguage = 'en'")
    with pytest.raises(ProfileError, match="not valid TOML"):
        load_lexicon(path)
    with pytest.raises(ProfileError, match="no lexicon named"):
        load_lexicon(tmp_path / "missing.toml")


def test_user_lexicon_extends_vocabulary(tmp_path: Path) -> None:
    extra = BASE + "\n[[term]]\nkey = \"encryption\"\npattern = 'end-to-end\\s+encryption'\n"
    lex = load_lexicon(_write(tmp_path, extra))
    (clause,) = analyse("Providers shall keep end-to-end encryption.", lex)
    assert "encryption" in [h.key for h in clause.terms]


# -- saving clauses and the role of safeguard words (round 2) ------------------------

SAVING = [
    # (text, the saving clauses it holds), read as a lawyer would
    (
        "These obligations should be without prejudice to other user obligations under Union "
        "or national law, and should not apply to personal activity.",
        ["without prejudice to other user obligations under Union or national law"],
    ),
    ("The database shall be without prejudice to Article 70.", ["without prejudice to Article 70"]),
    (
        "This Article shall not affect the rights of persons.",
        ["shall not affect the rights of persons"],
    ),
    (
        "Nothing in this Act requires a person to seek it out.",
        ["Nothing in this Act requires a person to seek it out"],
    ),
    ("The prohibition is without prejudice to the use of such systems.", []),  # a carve-out
    ("This prohibition should not affect lawful evaluation practices.", []),  # a carve-out
]


@pytest.mark.parametrize("text,expected", SAVING)
def test_saving_spans(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in saving_spans(text, LEX)] == expected


ACTORS = [
    ("Judicial authorities may use the system.", ["Judicial"]),
    ("The European Data Protection Supervisor shall act.", ["Data Protection"]),
    ("Authorities responsible for the supervision of banks shall report.", ["supervision"]),
    ("Use shall be subject to prior authorisation by a judicial authority.", []),
    (
        "Users, including border control, asylum or judicial authorities, shall register.",
        ["judicial"],
    ),
    ("The order shall be subject to review by an independent body.", []),
    ("Each Party shall ensure judicial review of the measure.", []),
]


@pytest.mark.parametrize("text,expected", ACTORS)
def test_actor_spans(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in actor_spans(text, LEX)] == expected
