"""A letter's content names its sender: it leaves the stored search text every letter reader shares and is
searched only by those allowed to read it (council/personal_data.py, Redactor.search_q)."""

from django.db import migrations


def forwards(apps, schema_editor):
    apps.get_model("voters", "Letter").objects.update(search_text="")


class Migration(migrations.Migration):
    dependencies = [("voters", "0006_personal_data_out_of_shared_texts")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
