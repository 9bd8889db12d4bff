"""Take citizens' personal data out of texts every reader shares (issue 15).

- A letter's follow-up was titled with the letter's content ("Đơn khiếu nại của ông …"), which every
  follow-up reader lists, searches and exports: retitle it neutrally (kind, date, letter number, commune);
  its description keeps the content, now marked personal (council/personal_data.py).
- Follow-ups' and opinions' search texts no longer hold personal values (a letter's content, a voter's
  address): recompute them.
- Online submissions copied the citizen's name and address into the opinion that every voter reader lists;
  they are kept on the petition only.
"""

from django.conf import settings
from django.db import migrations
from django.utils import translation
from django.utils.translation import gettext

from council.text import fold

KINDS = {"complaint": "Complaint", "denunciation": "Denunciation", "feedback": "Petition or feedback"}


def forwards(apps, schema_editor):
    FollowUp = apps.get_model("council", "FollowUp")
    Letter = apps.get_model("voters", "Letter")
    VoterOpinion = apps.get_model("voters", "VoterOpinion")
    Petition = apps.get_model("voters", "Petition")
    with translation.override(settings.LANGUAGE_CODE):
        letters = {
            letter.pk: letter
            for letter in Letter.objects.filter(
                pk__in=FollowUp.objects.filter(source_kind="letter").values("source_id")
            ).select_related("admin_unit")
        }
        for followup in FollowUp.objects.filter(source_kind="letter"):
            letter = letters.get(followup.source_id)
            if letter is not None:
                followup.title = gettext("%(kind)s received %(date)s (letter no. %(number)s)%(where)s") % {
                    "kind": gettext(KINDS.get(letter.kind, letter.kind)),
                    "date": f"{letter.received_on:%d/%m/%Y}",
                    "number": letter.pk,
                    "where": f" — {letter.admin_unit.name}" if letter.admin_unit_id else "",
                }
            followup.search_text = fold(f"{followup.reference} {followup.title}")
            followup.save(update_fields=["title", "search_text"])
    for petition in Petition.objects.exclude(contact_name="").exclude(contact_name__isnull=True):
        VoterOpinion.objects.filter(
            petition=petition, channel="web", voter_name=petition.contact_name
        ).update(voter_name="", voter_address="")
    for opinion in VoterOpinion.objects.only("pk", "text").iterator():
        VoterOpinion.objects.filter(pk=opinion.pk).update(search_text=fold(opinion.text))


class Migration(migrations.Migration):
    dependencies = [
        ("voters", "0005_petition_received_index"),
        ("council", "0009_letter_source"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
