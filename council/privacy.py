"""The council's notice on the processing of citizens' personal data: reading the version in force, and the
text a council starts from before its Office writes its own (council/services/privacy.py publishes)."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Council, ProcessingNotice

LAWS = "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15, Nghị định 13/2023/NĐ-CP"


def retention_years() -> int:
    return max(1, round(settings.PERSONAL_DATA_RETENTION_DAYS / 365))


def default_texts() -> dict[str, str]:
    """The notice a council starts from, in the site's language (it is stored, so not the reader's)."""
    years = retention_years()
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "summary": _(
                "The Office of the People's Council uses your name, phone, e-mail and address only to handle "
                "your petition and answer you. They are seen by the Office, the Standing Committee and the "
                "delegates who handle the matter, never published, and erased %(years)s years after your "
                "petition is closed. You may ask to see, correct or erase them, or withdraw your consent "
                "(%(laws)s)."
            )
            % {"years": years, "laws": LAWS},
            "purposes": _(
                "To receive, classify, transfer and follow up your petition until it is answered, and to "
                "contact you about it. Your data are not used for any other purpose and are not sold or "
                "shared for advertising."
            ),
            "categories": _(
                "Basic personal data: full name, phone number, e-mail address, address, and what you write "
                "in your petition. Please do not write sensitive personal data (health, religion, "
                "political opinions) unless the matter requires it."
            ),
            "recipients": _(
                "Staff of the Office of the People's Council, members of the Standing Committee and the "
                "delegates who handle the matter. The agency that must answer receives the content of the "
                "petition, not your contact details. Published answers never name you."
            ),
            "retention": _(
                "Your name, phone, e-mail and address are erased %(years)s years after your petition is "
                "closed; the content of the petition and the figures are kept without them."
            )
            % {"years": years},
            "rights": _(
                "Under %(laws)s you have the right to be informed, to consent or withdraw consent, to see "
                "and obtain a copy of your data, to have them corrected or erased, to restrict or object to "
                "their processing, and to complain. Contact the Office of the People's Council with your "
                "tracking code; it answers within the legal time limit. Data that a law requires to be kept "
                "as a record (for example a complaint or denunciation file) cannot be erased before its "
                "time."
            )
            % {"laws": LAWS},
        }


def notice_current(council: Council) -> ProcessingNotice | None:
    """The version in force (the latest published), or None while the council has published none."""
    return ProcessingNotice.objects.filter(council=council).order_by("-version").first()


def notice_shown(council: Council) -> ProcessingNotice:
    """What the public sees: the version in force, or the default text as the (not yet stored) version 1."""
    current = notice_current(council)
    if current is not None:
        return current
    return ProcessingNotice(council=council, version=1, **default_texts())
