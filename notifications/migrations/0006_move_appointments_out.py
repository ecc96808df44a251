"""Counters, slots and appointments now belong to the `appointments` app.

State only: their tables are kept with every row; `appointments.0001_initial` takes the models
into its own state and renames the tables, so this runs after it.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0005_webhooks'),
        ('appointments', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='Appointment'),
                migrations.DeleteModel(name='Slot'),
                migrations.DeleteModel(name='Counter'),
            ],
        ),
    ]
