"""Errors carry context and subclass builtins; they survive pickling (batch workers)."""

from __future__ import annotations

import pickle

import pytest

from treatydiff import errors


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (errors.ParseError, ValueError),
        (errors.UnsafeInputError, ValueError),
        (errors.InputError, OSError),
        (errors.FormatError, ValueError),
        (errors.CitationError, LookupError),
        (errors.SchemaError, ValueError),
        (errors.ProfileError, ValueError),
    ],
)
def test_each_error_is_a_builtin_and_a_treatydiff_error(cls, builtin) -> None:
    err = cls("bad", source="f.txt", line=2)
    assert isinstance(err, builtin)
    assert isinstance(err, errors.TreatydiffError)


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        ({"source": "d.txt", "line": 3, "expected": "'Article N'"}, "d.txt:3: no article (expected 'Article N')"),
        ({"source": "d.txt"}, "d.txt: no article"),
        ({"line": 9}, "line 9: no article"),
        ({"address": "art_2__para_1"}, "no article [at art_2__para_1]"),
        ({}, "no article"),
    ],
)
def test_message_names_place_and_expectation(kwargs, text) -> None:
    assert str(errors.ParseError("no article", **kwargs)) == text


def test_pickle_keeps_context() -> None:
    err = errors.ParseError("x", source="a.xml", line=4, expected="y")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is errors.ParseError
    assert (back.source, back.line, back.expected, str(back)) == ("a.xml", 4, "y", str(err))
