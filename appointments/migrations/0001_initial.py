"""The counters, slots and appointments, moved from `notifications` with their rows.

The tables were created by notifications' 0002. This migration first takes the three models
into this app's state as they are (same tables, same constraint and index names, nothing
written to the database), then renames the tables after this app, which keeps every row,
and relabels their content types so permissions and admin history follow them.
`notifications.0006_move_appointments_out` removes them from notifications' state.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MODELS = ['counter', 'slot', 'appointment']


def _relabel(apps, old: str, new: str) -> None:
    ContentType = apps.get_model('contenttypes', 'ContentType')
    taken = set(ContentType.objects.filter(app_label=new, model__in=MODELS).values_list('model', flat=True))
    ContentType.objects.filter(app_label=old, model__in=[m for m in MODELS if m not in taken]).update(app_label=new)


def relabel_content_types(apps, schema_editor):
    _relabel(apps, 'notifications', 'appointments')


def restore_content_types(apps, schema_editor):
    _relabel(apps, 'appointments', 'notifications')


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('notifications', '0005_webhooks'),
        ('requests_app', '0002_alter_ticketevent_kind'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Counter',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=120, verbose_name='name')),
                        ('location', models.CharField(blank=True, max_length=255, verbose_name='address')),
                        ('is_active', models.BooleanField(default=True, verbose_name='active')),
                        ('service', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='counters', to='requests_app.service', verbose_name='service')),
                    ],
                    options={
                        'db_table': 'notifications_counter',
                        'verbose_name': 'counter',
                        'verbose_name_plural': 'counters',
                        'ordering': ['service__name', 'name'],
                    },
                ),
                migrations.CreateModel(
                    name='Slot',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('starts_at', models.DateTimeField(db_index=True, verbose_name='starts at')),
                        ('ends_at', models.DateTimeField(verbose_name='ends at')),
                        ('capacity', models.PositiveSmallIntegerField(default=1, verbose_name='capacity')),
                        ('counter', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='slots', to='appointments.counter', verbose_name='counter')),
                    ],
                    options={
                        'db_table': 'notifications_slot',
                        'verbose_name': 'opening slot',
                        'verbose_name_plural': 'opening slots',
                        'ordering': ['starts_at', 'counter_id'],
                    },
                ),
                migrations.CreateModel(
                    name='Appointment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('contact_name', models.CharField(blank=True, max_length=150, verbose_name='name')),
                        ('contact_email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                        ('contact_phone', models.CharField(blank=True, max_length=30, verbose_name='phone')),
                        ('status', models.CharField(choices=[('booked', 'Booked'), ('cancelled', 'Cancelled'), ('no_show', 'Did not come'), ('attended', 'Attended')], default='booked', max_length=20, verbose_name='status')),
                        ('reason', models.CharField(max_length=200, verbose_name='purpose')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at')),
                        ('cancelled_at', models.DateTimeField(blank=True, null=True, verbose_name='cancelled at')),
                        ('marked_at', models.DateTimeField(blank=True, null=True, verbose_name='attendance marked at')),
                        ('sequence', models.PositiveIntegerField(default=0, editable=False)),
                        ('booked_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.RESTRICT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='booked by')),
                        ('citizen', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='appointments', to=settings.AUTH_USER_MODEL, verbose_name='citizen')),
                        ('ticket', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='appointments', to='requests_app.ticket', verbose_name='request')),
                        ('slot', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='appointments', to='appointments.slot', verbose_name='slot')),
                    ],
                    options={
                        'db_table': 'notifications_appointment',
                        'verbose_name': 'appointment',
                        'verbose_name_plural': 'appointments',
                        'ordering': ['slot__starts_at', 'id'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='counter',
                    constraint=models.UniqueConstraint(fields=('service', 'name'), name='counter_name_unique_per_service'),
                ),
                migrations.AddConstraint(
                    model_name='slot',
                    constraint=models.UniqueConstraint(fields=('counter', 'starts_at'), name='slot_unique_start_per_counter'),
                ),
                migrations.AddConstraint(
                    model_name='slot',
                    constraint=models.CheckConstraint(condition=models.Q(('ends_at__gt', models.F('starts_at'))), name='slot_ends_after_it_starts'),
                ),
                migrations.AddConstraint(
                    model_name='slot',
                    constraint=models.CheckConstraint(condition=models.Q(('capacity__gte', 1)), name='slot_capacity_positive'),
                ),
                migrations.AddIndex(
                    model_name='appointment',
                    index=models.Index(fields=['slot', 'status'], name='appointment_slot_status_idx'),
                ),
                migrations.AddConstraint(
                    model_name='appointment',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('cancelled_at__isnull', False), ('status', 'cancelled')), models.Q(models.Q(('status', 'cancelled'), _negated=True), ('cancelled_at__isnull', True)), _connector='OR'), name='appointment_cancelled_has_cancelled_at'),
                ),
                migrations.AddConstraint(
                    model_name='appointment',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('marked_at__isnull', False), ('status__in', ['no_show', 'attended'])), models.Q(models.Q(('status__in', ['no_show', 'attended']), _negated=True), ('marked_at__isnull', True)), _connector='OR'), name='appointment_attendance_has_marked_at'),
                ),
                migrations.AddConstraint(
                    model_name='appointment',
                    constraint=models.CheckConstraint(condition=models.Q(('cancelled_at__isnull', True), ('cancelled_at__gte', models.F('created_at')), _connector='OR'), name='appointment_cancelled_after_creation'),
                ),
                migrations.AddConstraint(
                    model_name='appointment',
                    constraint=models.CheckConstraint(condition=models.Q(('citizen__isnull', False), models.Q(('contact_email', ''), _negated=True), models.Q(('contact_phone', ''), _negated=True), models.Q(('contact_name', ''), _negated=True), _connector='OR'), name='appointment_has_someone_to_receive'),
                ),
            ],
        ),
        migrations.AlterModelTable(name='counter', table=None),
        migrations.AlterModelTable(name='slot', table=None),
        migrations.AlterModelTable(name='appointment', table=None),
        migrations.RunPython(relabel_content_types, restore_content_types),
    ]
