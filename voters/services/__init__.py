"""Writes for voters and citizens: meetings and their opinions, petitions from consolidation to closing,
citizen reception and letters. Every function validates first, is atomic and leaves history.

One module per subject, every public name re-exported here, so callers write ``services.petition_create``:
``meetings`` (meetings and opinions), ``petitions`` (consolidating, attaching, merging, public submissions),
``petition_handling`` (classification to conclusion) and ``receptions`` (reception days and letters).
"""

from .channels import channel_create, channel_in_use, channel_update, channels_ensure_builtin
from .common import current_unit
from .consultations import (
    consultation_close,
    consultation_counts_save,
    consultation_create,
    consultation_link_resolution,
    consultation_open,
    consultation_update,
)
from .data_requests import (
    data_request_close,
    data_request_correct,
    data_request_erase,
    data_request_open,
    data_request_records,
)
from .meetings import meeting_create, meeting_update, opinion_add, opinion_remove
from .petition_handling import (
    PETITION_RULE,
    petition_adopt_followup,
    petition_classify,
    petition_conclude,
    petition_followup,
    petition_inform,
    petition_report,
    petition_review,
    petition_transfer,
)
from .petitions import (
    ANSWERED,
    CODE_ALPHABET,
    State,
    merge_direction,
    petition_accepts_opinions,
    petition_attach,
    petition_create,
    petition_merge,
    petition_update,
    public_submit,
)
from .receptions import (
    LETTER_DEFAULT_RULE,
    LETTER_RULES,
    letter_create,
    letter_followup_title,
    letter_handle,
    letter_update,
    reception_create,
    reception_update,
)

__all__ = [
    "ANSWERED",
    "CODE_ALPHABET",
    "LETTER_DEFAULT_RULE",
    "LETTER_RULES",
    "PETITION_RULE",
    "State",
    "channel_create",
    "channel_in_use",
    "channel_update",
    "channels_ensure_builtin",
    "consultation_close",
    "consultation_counts_save",
    "consultation_create",
    "consultation_link_resolution",
    "consultation_open",
    "consultation_update",
    "current_unit",
    "data_request_close",
    "data_request_correct",
    "data_request_erase",
    "data_request_open",
    "data_request_records",
    "letter_create",
    "letter_followup_title",
    "letter_handle",
    "letter_update",
    "meeting_create",
    "meeting_update",
    "merge_direction",
    "opinion_add",
    "opinion_remove",
    "petition_accepts_opinions",
    "petition_adopt_followup",
    "petition_attach",
    "petition_classify",
    "petition_conclude",
    "petition_create",
    "petition_followup",
    "petition_inform",
    "petition_merge",
    "petition_report",
    "petition_review",
    "petition_transfer",
    "petition_update",
    "public_submit",
    "reception_create",
    "reception_update",
]
