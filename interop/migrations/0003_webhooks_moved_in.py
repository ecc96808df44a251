# The webhook models, first written in `notifications` (notifications/migrations/0005_webhooks.py),
# belong to `interop` from now on. This migration changes no table and no row: it takes the models
# over in the migration state only, under their old table names (`db_table`); 0004 then renames
# the tables to the app's own names, as appointments/0001 does for the appointments.
#
# Their content types move with them, so the permissions given to groups and users on webhooks
# and the admin's history of them carry on under the new app.

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import interop.models_webhooks
from django.db import migrations, models

MOVED = ('webhookendpoint', 'webhookdelivery')


def _move_content_types(apps, schema_editor, *, source, target):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MOVED:
        # A database migrated from scratch has no content type yet: post_migrate creates it later.
        if not content_types.filter(app_label=target, model=model).exists():
            content_types.filter(app_label=source, model=model).update(app_label=target)


def move_content_types(apps, schema_editor):
    _move_content_types(apps, schema_editor, source='notifications', target='interop')


def move_content_types_back(apps, schema_editor):
    _move_content_types(apps, schema_editor, source='interop', target='notifications')


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('interop', '0002_api_key_technical_user'),
        ('notifications', '0007_move_webhooks_out'),
        ('requests_app', '0003_ticket_attributes_ticket_media_url_categoryfield'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='WebhookEndpoint',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=120, verbose_name='name')),
                        ('url', models.URLField(help_text='Where events are POSTed; https is strongly advised.', max_length=500, validators=[django.core.validators.URLValidator(schemes=['http', 'https'])], verbose_name='address')),
                        ('secret', models.CharField(default=interop.models_webhooks.new_webhook_secret, editable=False, max_length=64, verbose_name='signing secret')),
                        ('is_active', models.BooleanField(default=True, verbose_name='active')),
                        ('event_kinds', models.JSONField(blank=True, default=list, help_text='None ticked: every kind of event.', verbose_name='event kinds')),
                        ('include_internal', models.BooleanField(default=False, help_text='Also send internal notes and the events citizens do not see.', verbose_name='include internal events')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at')),
                        ('services', models.ManyToManyField(blank=True, help_text='None chosen: the requests of every service.', related_name='webhook_endpoints', to='requests_app.service', verbose_name='services')),
                    ],
                    options={
                        'verbose_name': 'webhook endpoint',
                        'verbose_name_plural': 'webhook endpoints',
                        'db_table': 'notifications_webhookendpoint',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='WebhookDelivery',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('payload', models.JSONField(verbose_name='payload')),
                        ('status', models.CharField(choices=[('pending', 'Pending'), ('sending', 'Sending'), ('sent', 'Sent'), ('failed', 'Failed')], default='pending', max_length=10, verbose_name='status')),
                        ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                        ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='next attempt at')),
                        ('claimed_at', models.DateTimeField(blank=True, null=True)),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent at')),
                        ('last_status_code', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='last HTTP status')),
                        ('last_error', models.TextField(blank=True, verbose_name='last error')),
                        ('response_excerpt', models.TextField(blank=True, verbose_name='response excerpt')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at')),
                        ('event', models.ForeignKey(on_delete=django.db.models.deletion.RESTRICT, related_name='webhook_deliveries', to='requests_app.ticketevent', verbose_name='event')),
                        ('endpoint', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='deliveries', to='interop.webhookendpoint', verbose_name='endpoint')),
                    ],
                    options={
                        'verbose_name': 'webhook delivery',
                        'verbose_name_plural': 'webhook deliveries',
                        'db_table': 'notifications_webhookdelivery',
                        'ordering': ['-created_at', '-id'],
                        'indexes': [models.Index(fields=['status', 'next_attempt_at'], name='webhook_delivery_due_idx')],
                        'constraints': [models.UniqueConstraint(fields=('endpoint', 'event'), name='webhook_delivery_once_per_event'), models.CheckConstraint(condition=models.Q(models.Q(('status', 'sent'), _negated=True), ('sent_at__isnull', False), _connector='OR'), name='webhook_delivery_sent_has_sent_at'), models.CheckConstraint(condition=models.Q(models.Q(('status', 'sending'), _negated=True), ('claimed_at__isnull', False), _connector='OR'), name='webhook_delivery_sending_is_claimed')],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back, elidable=True),
    ]
