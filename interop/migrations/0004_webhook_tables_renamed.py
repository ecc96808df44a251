# The webhook tables take interop's names (interop_webhookendpoint, its services table and
# interop_webhookdelivery), rows, constraints and indexes unchanged: a table rename is a change of
# the catalogue, not a copy.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('interop', '0003_webhooks_moved_in'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='webhookdelivery',
            table=None,
        ),
        migrations.AlterModelTable(
            name='webhookendpoint',
            table=None,
        ),
    ]
