"""Write down the built-in outreach channels of every council (their codes are what records already store)."""

from django.db import migrations

BUILTIN = [
    "meeting",
    "reception",
    "letter",
    "hotline",
    "email",
    "post",
    "web",
    "zalo",
    "press",
    "consultation",
]


def forwards(apps, schema_editor):
    Council = apps.get_model("council", "Council")
    OutreachChannel = apps.get_model("voters", "OutreachChannel")
    for council_id in Council.objects.values_list("pk", flat=True):
        have = set(OutreachChannel.objects.filter(council_id=council_id).values_list("code", flat=True))
        OutreachChannel.objects.bulk_create(
            OutreachChannel(
                council_id=council_id, code=code, name="", kind=code, is_active=True, order=n * 10
            )
            for n, code in enumerate(BUILTIN, start=1)
            if code not in have
        )


class Migration(migrations.Migration):
    dependencies = [("voters", "0014_outreach_channels_and_consultations")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
