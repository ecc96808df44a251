# Webhooks moved to the `interop` app (interop/migrations/0003_webhooks_moved_in.py takes them
# over). Only the migration state changes here: the tables and their rows stay where they are.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0006_move_appointments_out'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='WebhookDelivery'),
                migrations.DeleteModel(name='WebhookEndpoint'),
            ],
            database_operations=[],
        ),
    ]
