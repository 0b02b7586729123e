"""The command line: outputs, exit statuses, one-line errors for user mistakes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from treatydiff.cli import main

DRAFT1 = "cybercrime-draft-1.txt"
DRAFT2 = "cybercrime-draft-2.txt"
DRAFT3 = "cybercrime-draft-3.txt"


def test_parse_outline_lists_articles(samples, capsys) -> None:
    assert main(["parse", str(samples / DRAFT1)]) == 0
    out = capsys.readouterr().out
    assert "Article 12 Grounds for refusal" in out
    assert "12 articles/sections" in out


def test_parse_json_is_the_document_schema_and_deterministic(samples, capsys) -> None:
    assert main(["parse", str(samples / DRAFT2), "--json"]) == 0
    first = capsys.readouterr().out
    assert main(["parse", str(samples / DRAFT2), "--json"]) == 0
    assert capsys.readouterr().out == first
    data = json.loads(first)
    assert data["schema"] == "treatydiff/document@1"
    titles = [
        (a.get("number"), a.get("heading"))
        for chapter in data["provisions"]
        for a in chapter.get("children", ())
        if a["kind"] == "article"
    ]
    assert ("4", "Respect for human rights") in titles
    assert ("7", "Illegal interception") in titles


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["parse", "no/such/file.txt"], "no/such/file.txt: no such file"),
        (["parse", "{samples}/README.md", "--format", "pdf"], "README.md"),
        (["parse", "{samples}/" + DRAFT1, "--encoding", "klingon"], "unknown encoding 'klingon'"),
    ],
)
def test_user_mistakes_exit_2_with_one_line(samples, capsys, args, needle) -> None:
    args = [a.format(samples=samples) for a in args]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert needle in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_no_structure_is_a_user_mistake(tmp_path, capsys) -> None:
    path = tmp_path / "prose.txt"
    path.write_text("Just a letter.\nNothing here is numbered.\n", encoding="utf-8")
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "expected" in err


def test_unknown_format_name_is_rejected_by_argparse(samples, capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["parse", str(samples / DRAFT1), "--format", "rtf"])
    assert info.value.code == 2


def test_compare_json_names_both_sides(samples, capsys) -> None:
    assert main(["compare", str(samples / DRAFT1), str(samples / DRAFT2), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"].startswith("treatydiff/alignment@")


def test_report_writes_redlines_and_history(samples, tmp_path, capsys) -> None:
    files = [str(samples / n) for n in (DRAFT1, DRAFT2, DRAFT3)]
    assert main(["report", *files, "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    names = sorted(p.name for p in tmp_path.iterdir())
    assert any(n.endswith(".html") and "draft-1--" in n for n in names)
    assert "history.html" in names and "history.csv" in names
    assert "weakened" in out


def test_module_entry_point_runs() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "treatydiff", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0 and proc.stdout.startswith("treatydiff ")


def test_reader_option_that_does_not_apply_is_a_user_mistake(samples, capsys) -> None:
    assert main(["parse", str(samples / DRAFT1), "--revision", "rejected"]) == 2
    err = capsys.readouterr().err
    assert "option revision does not apply to the text reader" in err
    assert "expected one of" in err


def test_language_option_reaches_the_text_reader(samples, capsys) -> None:
    assert main(["parse", str(samples / DRAFT1), "--language", "en", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["language"] == "en"


def test_docx_revision_option_reaches_the_reader(tmp_path, capsys) -> None:
    pytest.importorskip("docx")
    from tests.docx_builder import minimal_docx

    body = (
        "<w:p><w:r><w:t>Article 1</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Scope</w:t></w:r></w:p>"
        '<w:p><w:r><w:t xml:space="preserve">1. States shall </w:t></w:r>'
        '<w:del w:id="1" w:author="x"><w:r><w:delText>always </w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="x"><w:r><w:t xml:space="preserve">where appropriate </w:t></w:r></w:ins>'
        "<w:r><w:t>cooperate.</w:t></w:r></w:p>"
    )
    path = tmp_path / "draft.docx"
    path.write_bytes(minimal_docx(body))
    assert main(["parse", str(path), "--json", "--revision", "rejected"]) == 0
    rejected = json.loads(capsys.readouterr().out)
    assert main(["parse", str(path), "--json"]) == 0
    accepted = json.loads(capsys.readouterr().out)

    def para(doc):
        return next(
            c for p in doc["provisions"] for c in p.get("children", ()) if c["kind"] == "paragraph"
        )

    assert para(rejected)["text"] == "States shall always cooperate."
    assert para(accepted)["text"] == "States shall where appropriate cooperate."


def test_one_docx_compared_with_itself_rejected_against_accepted(tmp_path, capsys) -> None:
    # A draft with tracked changes holds two versions: --old-revision rejected
    # reads the text before the changes on the old side only.
    pytest.importorskip("docx")
    from tests.docx_builder import minimal_docx

    body = (
        "<w:p><w:r><w:t>Article 1</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Cooperation</w:t></w:r></w:p>"
        '<w:p><w:r><w:t xml:space="preserve">1. States Parties shall </w:t></w:r>'
        '<w:ins w:id="2" w:author="x"><w:r><w:t xml:space="preserve">, where appropriate, '
        "</w:t></w:r></w:ins>"
        "<w:r><w:t>cooperate with each other.</w:t></w:r></w:p>"
    )
    path = tmp_path / "draft.docx"
    path.write_bytes(minimal_docx(body))
    assert main(["safeguards", str(path), str(path), "--json", "--old-revision", "rejected"]) == 0
    findings = json.loads(capsys.readouterr().out)
    assert [(f["category"], f["new_phrase"]) for f in findings] == [
        ("deferral_added", "where appropriate")
    ]
    assert main(["safeguards", str(path), str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.corpus
def test_one_clml_act_as_enacted_against_as_amended(corpora, capsys) -> None:
    path = corpora / "uk-computer-misuse-act-1990" / "cma.xml"
    args = ["compare", str(path), str(path), "--json", "--old-text-version", "enacted"]
    assert main(args) == 0
    kinds = {m["kind"] for m in json.loads(capsys.readouterr().out)["matches"]}
    assert kinds - {"unchanged"}, "the enacted and the current text differ"
    assert main(["compare", str(path), str(path), "--json"]) == 0
    assert {m["kind"] for m in json.loads(capsys.readouterr().out)["matches"]} == {"unchanged"}


def test_safeguards_review_lists_reworded_clauses_apart(tmp_path, capsys) -> None:
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text(
        "Article 1 - Prohibitions\nThe use of scoring systems for the evaluation of the "
        "trustworthiness of natural persons shall be prohibited.\n\n"
        "Article 2 - Review\nEach Party shall ensure judicial review of the order.\n",
        encoding="utf-8",
    )
    new.write_text(
        "Article 1 - Prohibitions\nThe use of scoring systems for the evaluation or "
        "classification of natural persons or groups of persons shall be prohibited.\n\n"
        "Article 2 - Review\nEach Party may ensure review of the order.\n",
        encoding="utf-8",
    )
    assert main(["safeguards", str(old), str(new), "--json", "--review"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {f["new_citation"] for f in data["findings"]} == {"Article 2"}
    assert [(r["category"], r["direction"], r["new_citation"]) for r in data["review"]] == [
        ("reworded", "unclear", "Article 1")
    ]
    # without --review the JSON stays a plain list of findings
    assert main(["safeguards", str(old), str(new), "--json"]) == 0
    assert isinstance(json.loads(capsys.readouterr().out), list)
    assert main(["safeguards", str(old), str(new), "--review"]) == 0
    md = capsys.readouterr().out
    assert "## Clauses to read" in md
    assert "evaluation or classification of natural persons" in md


def test_safeguards_lexicon_follows_the_documents_language(tmp_path, capsys) -> None:
    old = tmp_path / "alt.md"
    new = tmp_path / "neu.md"
    old.write_text(
        "## § 100 Anordnung\n\n(1) Die Maßnahme darf nur durch das Gericht angeordnet werden.\n"
        "\n(2) Die Anordnung ist auf höchstens drei Monate zu befristen.\n",
        encoding="utf-8",
    )
    new.write_text(
        "## § 100 Anordnung\n\n(1) Die Maßnahme darf durch die Staatsanwaltschaft angeordnet "
        "werden.\n\n(2) Die Anordnung ist auf höchstens drei Monate zu befristen.\n",
        encoding="utf-8",
    )
    assert main(["safeguards", str(old), str(new), "--json", "--language", "de"]) == 0
    german = json.loads(capsys.readouterr().out)
    assert ("safeguard_term_deleted", "weakened") in {
        (f["category"], f["direction"]) for f in german
    }
    # the English lexicon, asked for, knows none of these words
    assert (
        main(["safeguards", str(old), str(new), "--json", "--language", "de", "--lexicon", "en"])
        == 0
    )
    assert json.loads(capsys.readouterr().out) == []
    assert main(["safeguards", str(old), str(new), "--language", "de"]) == 0
    assert "Lexicon: Deutsch (de)" in capsys.readouterr().out
