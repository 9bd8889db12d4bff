"""Messages an import stores (row errors, notes) as msgid + parameters, rendered in the reader's language.

A check runs in a task, in the site's language, but its preview is read later by people who may have
chosen English: so a stored message is ``{"msgid": ..., "params": {...}}`` and is translated when shown.
Parameters may themselves be messages (“Row 3: column “Commune”: …”), translated text (a column's label:
a ``gettext_lazy`` string keeps its msgid), numbers (``Grouped`` for a number shown with thousands grouping in
the reader's locale) or plain text (what the clerk typed, a unit's name), kept as written.

Write the msgid with ``gettext_noop`` so that ``makemessages`` keeps it:
``Message(gettext_noop("Row %(row)s: %(problem)s"), row=3, problem=...)``.
"""

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_noop


class Grouped(int):
    """A number shown with the reader's thousands separator (10.000 in Vietnamese, 10,000 in English)."""


class Message:
    """A translatable message and its parameters; ``str()`` renders it in the active language."""

    def __init__(self, msgid: str, **params):
        self.msgid = str(msgid)
        self.params = params

    def __str__(self) -> str:
        text = gettext(self.msgid)
        if not self.params:
            return text
        return text % {key: _render(value) for key, value in self.params.items()}

    def __repr__(self) -> str:
        return f"Message({self.msgid!r}, **{self.params!r})"

    def __eq__(self, other) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(self.msgid)

    def as_json(self) -> dict:
        return {"msgid": self.msgid, "params": {key: _dump(value) for key, value in self.params.items()}}


def _render(value) -> str:
    if isinstance(value, Grouped):
        return number_format(int(value), force_grouping=True)
    if isinstance(value, Message | Promise):
        return str(value)
    if isinstance(value, BaseException):
        return render(value.args[0]) if value.args else ""
    return value if isinstance(value, int | float) else str(value)


def _lazy_msgid(value) -> str | None:
    """The msgid of a ``gettext_lazy`` string (a column's label), to translate it again when shown."""
    args = getattr(value, "_args", None)
    return args[0] if isinstance(args, tuple) and len(args) == 1 and isinstance(args[0], str) else None


def _dump(value):
    if isinstance(value, Message):
        return value.as_json()
    if isinstance(value, Promise) and _lazy_msgid(value) is not None:
        return Message(_lazy_msgid(value)).as_json()
    if isinstance(value, BaseException) and value.args and isinstance(value.args[0], Message):
        return value.args[0].as_json()
    if isinstance(value, Grouped):
        return {"grouped": int(value)}
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return value


def _load(value):
    if isinstance(value, dict) and "msgid" in value:
        return Message(value["msgid"], **{k: _load(v) for k, v in (value.get("params") or {}).items()})
    if isinstance(value, dict) and "grouped" in value:
        return Grouped(value["grouped"])
    return value


def dump(message):
    """A message as stored on a job (JSON): a dict for a Message, the text itself for anything else."""
    if isinstance(message, BaseException) and message.args:
        message = message.args[0]
    return message.as_json() if isinstance(message, Message) else str(message)


def render(stored) -> str:
    """A stored message (a dict from ``dump``, or the text of an older job) in the active language."""
    if isinstance(stored, dict) and "msgid" in stored:
        try:
            return str(_load(stored))
        except (KeyError, TypeError, ValueError):  # a msgid whose parameters changed since it was stored
            return stored["msgid"]
    return str(stored)


def error_messages(error) -> list:
    """The messages of a ValidationError, keeping Message objects (``error.messages`` renders them)."""
    found = []
    for item in error.error_list if hasattr(error, "error_list") else [error]:
        message = item.message
        if item.params and not isinstance(message, Message):
            message = str(message) % item.params
        found.append(message)
    return found


def in_column(label, message) -> Message:
    """“column “Commune or ward”: …”: a cell's problem, naming its column (a label or a Message)."""
    return Message(gettext_noop("column “%(label)s”: %(message)s"), label=label, message=message)


def in_row(number: int, problem) -> Message:
    """“Row 12: …”: a problem of one row of the file."""
    return Message(gettext_noop("Row %(row)s: %(problem)s"), row=number, problem=problem)
