from django.db import migrations

CODES = [
    "multichannel", "traceability", "digital_ux", "effort", "suitable_answer",
    "clarity", "proactivity", "pedagogy", "personalisation", "co_creation",
    "loyalty", "surprise", "experience", "responsibility", "autonomy",
]


def create_questions(apps, schema_editor):
    """Every Podium criterion gets its row, none asked: administrators choose."""
    BarometerQuestion = apps.get_model("satisfaction", "BarometerQuestion")
    for order, code in enumerate(CODES, start=1):
        BarometerQuestion.objects.get_or_create(code=code, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("satisfaction", "0001_surveys_and_daily_facts")]

    operations = [migrations.RunPython(create_questions, migrations.RunPython.noop)]
