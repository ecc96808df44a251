"""Categories get a "public" flag: the Open311 list of requests publishes only public categories.

Until now the list published every ticket of kind *report*. On upgrade, the categories whose
usual kind is "report" are made public, so the list keeps publishing what it published; the
others (complaints, information, suggestions, compliments) stay private. Administrators should
review the report categories after upgrading and untick those that concern people rather than
the public domain (a neighbour's noise, a car's plate). New categories are private by default.
"""

from django.db import migrations, models


def publish_report_categories(apps, schema_editor):
    Category = apps.get_model("requests_app", "Category")
    Category.objects.filter(kind="report").update(is_public=True)


class Migration(migrations.Migration):
    dependencies = [
        ("requests_app", "0006_open_assignee_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="category",
            name="is_public",
            field=models.BooleanField(
                default=False,
                help_text="Reports of this category are published in the public list of requests (Open311): category, place, status and dates, never the person. Only for problems on the public domain.",
                verbose_name="public",
            ),
        ),
        migrations.RunPython(publish_report_categories, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="category",
            constraint=models.CheckConstraint(
                condition=models.Q(("is_public", False), ("kind", "report"), _connector="OR"),
                name="category_public_only_for_reports",
                violation_error_message="Only a category of reports can be public.",
            ),
        ),
    ]
