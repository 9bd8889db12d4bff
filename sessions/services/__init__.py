"""Writes for sessions: sittings, agenda, the speeches the Office logs live, interpellations and resolutions.

One module per subject, every public name re-exported here, so callers write ``services.speech_log``:
``sittings`` (sessions, sittings, agenda, speeches, documents), ``interpellations`` (slips, answers and
commitments) and ``resolutions`` (resolutions, votes and their tasks).
"""

from .interpellations import (
    WRITTEN_ANSWER_RULE,
    commitment_add,
    interpellation_answer,
    interpellation_assess,
    interpellation_assign,
    interpellation_conclude,
    interpellation_draft,
    interpellation_reject,
    interpellation_submit,
)
from .quality import (
    resolution_quality_record,
    resolution_quality_remove,
    resolution_quality_update,
)
from .resolutions import (
    ADOPTION_DATES,
    COUNTED,
    delegates_in_office,
    mandates_in_office_at,
    resolution_create,
    resolution_task_add,
    resolution_vote,
    roll_call_counts,
    vote_correct,
    vote_roll_call,
)
from .sittings import (
    CORRECTABLE,
    DOCUMENTS_RULE,
    HallSpeech,
    agenda_item_create,
    document_add,
    documents_deadline,
    session_create,
    session_update,
    sitting_create,
    speech_correct,
    speech_log,
    speech_remove,
    speeches_import,
)

__all__ = [
    "ADOPTION_DATES",
    "CORRECTABLE",
    "COUNTED",
    "DOCUMENTS_RULE",
    "WRITTEN_ANSWER_RULE",
    "agenda_item_create",
    "commitment_add",
    "delegates_in_office",
    "document_add",
    "documents_deadline",
    "interpellation_answer",
    "interpellation_assess",
    "interpellation_assign",
    "interpellation_conclude",
    "interpellation_draft",
    "interpellation_reject",
    "interpellation_submit",
    "mandates_in_office_at",
    "resolution_create",
    "resolution_quality_record",
    "resolution_quality_remove",
    "resolution_quality_update",
    "resolution_task_add",
    "resolution_vote",
    "roll_call_counts",
    "session_create",
    "session_update",
    "sitting_create",
    "speech_correct",
    "HallSpeech",
    "speech_log",
    "speeches_import",
    "speech_remove",
    "vote_correct",
    "vote_roll_call",
]
