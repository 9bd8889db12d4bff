"""One vocabulary for whether a quota (a target, T2, T3) is met, everywhere it is shown.

“Not met” is said only once the window has closed (the session is over, the term or the period has
ended); while it is open the quota is “not yet met (still open)”, shown in another colour.
"""

from django.utils.translation import gettext_lazy as _

MET, OPEN, FAILED, NO_DATA = "met", "in_progress", "not_met", "no_data"

LABELS = {
    MET: _("Met"),
    OPEN: _("Not yet met (still open)"),
    FAILED: _("Not met"),
    NO_DATA: _("Nothing to count"),
}


def quota_status(met: bool | None, *, window_open: bool) -> str:
    """MET, OPEN (not met while the window is open), FAILED (not met after it closed) or NO_DATA (None)."""
    if met is None:
        return NO_DATA
    if met:
        return MET
    return OPEN if window_open else FAILED
