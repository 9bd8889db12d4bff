"""Read the demo's scenario from ``demo/data/<subject>.json``, as a council's staff would write it down.

Each file is one subject (voters' work, follow-ups…) in Vietnamese: a JSON object whose keys are tables and
whose rows are objects naming the fields of the seeder's dataclass (a field left out takes its default).
``rows(subject, table, cls)`` turns a table into those dataclasses; nested rows become their dataclasses and
lists become tuples, as the seeders expect; dates are written ``YYYY-MM-DD``. The seeders then create the
records through the services.
"""

import dataclasses
import datetime as dt
import json
import types
import typing
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@cache
def scenario(subject: str) -> dict:
    """The parsed file ``demo/data/<subject>.json``."""
    with (DATA / f"{subject}.json").open(encoding="utf-8") as f:
        return json.load(f)


def _convert(value, hint):
    """``value`` read from JSON, shaped as the type ``hint`` says (dataclass rows, tuples for lists)."""
    origin = typing.get_origin(hint)
    if dataclasses.is_dataclass(hint) and isinstance(value, dict):
        return build(hint, value)
    if origin in (typing.Union, types.UnionType):
        choices = [a for a in typing.get_args(hint) if a is not type(None)]
        if isinstance(value, str) and dt.date in choices:
            return dt.date.fromisoformat(value)
        return value if value is None or len(choices) != 1 else _convert(value, choices[0])
    if hint is dt.date and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if isinstance(value, list):
        args = typing.get_args(hint)
        item = args[0] if origin is tuple and len(args) == 2 and args[1] is Ellipsis else None
        return tuple(_convert(v, item) if item is not None else _plain(v) for v in value)
    return value


def _plain(value):
    """Nested lists as tuples (a step like ``("verify", outcome, text)``)."""
    return tuple(_plain(v) for v in value) if isinstance(value, list) else value


def build(cls, row: dict):
    """One dataclass ``cls`` from a JSON object; an unknown key is an error, not a silent loss."""
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = set(row) - names
    if unknown:
        raise ValueError(f"{cls.__name__}: unknown fields {sorted(unknown)} in the demo data")
    return cls(**{name: _convert(value, hints[name]) for name, value in row.items()})


def rows(subject: str, table: str, cls) -> tuple:
    """The rows of ``table`` in ``demo/data/<subject>.json`` as ``cls`` instances."""
    return tuple(build(cls, row) for row in scenario(subject)[table])
