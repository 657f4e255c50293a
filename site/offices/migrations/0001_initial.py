# Authorities, offices, griffie members and invitations move from enrolment to the offices app.

import django.db.models.deletion
import django.utils.timezone
import glashelder.offices.models
from django.conf import settings
from django.db import migrations, models



def move_content_types(apps, schema_editor):
    """Permissions and admin history follow the models to their new app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("authority", "griffiemember", "office", "officeinvitation"):
        if not ContentType.objects.filter(app_label="offices", model=model).exists():
            ContentType.objects.filter(app_label="enrolment", model=model).update(app_label="offices")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('enrolment', '0004_payment_hold'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The tables stay where they are (they keep their enrolment_* names): only Django's
        # picture of which app owns the models changes.
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Authority',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('gemeente', 'Gemeente'), ('provincie', 'Provincie')], max_length=16, verbose_name='soort')),
                        ('cbs_code', models.CharField(max_length=6, unique=True, verbose_name='CBS-code')),
                        ('name', models.CharField(max_length=120, verbose_name='naam')),
                        ('province', models.ForeignKey(blank=True, limit_choices_to={'kind': 'provincie'}, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='gemeenten', to='offices.authority', verbose_name='provincie')),
                    ],
                    options={
                        'verbose_name': 'overheid',
                        'verbose_name_plural': 'overheden',
                        'db_table': 'enrolment_authority',
                        'ordering': ['kind', 'name'],
                    },
                ),
                migrations.CreateModel(
                    name='Office',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('raadslid', 'Raadslid'), ('commissielid', 'Commissielid (burgerlid)'), ('statenlid', 'Statenlid'), ('wethouder', 'Wethouder'), ('gedeputeerde', 'Gedeputeerde'), ('burgemeester', 'Burgemeester'), ('cdk', 'Commissaris van de Koning')], max_length=16, verbose_name='ambt')),
                        ('start_date', models.DateField(verbose_name='ingangsdatum')),
                        ('end_date', models.DateField(blank=True, null=True, verbose_name='einddatum')),
                        ('status', models.CharField(choices=[('requested', 'Aangevraagd'), ('verified', 'Bevestigd door de griffie'), ('declined', 'Afgewezen door de griffie')], default='requested', max_length=16, verbose_name='status')),
                        ('requested_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='aangevraagd op')),
                        ('verified_at', models.DateTimeField(blank=True, null=True, verbose_name='bevestigd op')),
                        ('decline_reason', models.TextField(blank=True, verbose_name='reden van afwijzing')),
                        ('authority', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='offices', to='offices.authority', verbose_name='overheid')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='offices', to=settings.AUTH_USER_MODEL, verbose_name='ambtsdrager')),
                        ('verified_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='bevestigd door')),
                    ],
                    options={
                        'verbose_name': 'ambt',
                        'verbose_name_plural': 'ambten',
                        'db_table': 'enrolment_office',
                        'ordering': ['-start_date'],
                    },
                ),
                migrations.CreateModel(
                    name='OfficeInvitation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='naam')),
                        ('email', models.EmailField(max_length=254, verbose_name='e-mailadres')),
                        ('role', models.CharField(choices=[('raadslid', 'Raadslid'), ('commissielid', 'Commissielid (burgerlid)'), ('statenlid', 'Statenlid'), ('wethouder', 'Wethouder'), ('gedeputeerde', 'Gedeputeerde'), ('burgemeester', 'Burgemeester'), ('cdk', 'Commissaris van de Koning')], max_length=16, verbose_name='ambt')),
                        ('start_date', models.DateField(verbose_name='ingangsdatum')),
                        ('token', models.CharField(default=glashelder.offices.models.new_token, editable=False, max_length=64, unique=True)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='verstuurd op')),
                        ('accepted_at', models.DateTimeField(blank=True, null=True, verbose_name='geaccepteerd op')),
                        ('authority', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='offices.authority', verbose_name='overheid')),
                        ('invited_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uitgenodigd door')),
                        ('office', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='invitation', to='offices.office')),
                    ],
                    options={
                        'verbose_name': 'uitnodiging',
                        'verbose_name_plural': 'uitnodigingen',
                        'db_table': 'enrolment_officeinvitation',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='GriffieMember',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('granted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='toegekend op')),
                        ('authority', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='griffie_members', to='offices.authority', verbose_name='overheid')),
                        ('granted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='toegekend door')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='griffie_memberships', to=settings.AUTH_USER_MODEL, verbose_name='gebruiker')),
                    ],
                    options={
                        'verbose_name': 'griffiemedewerker',
                        'verbose_name_plural': 'griffiemedewerkers',
                        'db_table': 'enrolment_griffiemember',
                        'constraints': [models.UniqueConstraint(fields=('user', 'authority'), name='unique_griffie_member')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='office',
                    constraint=models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('end_date__gte', models.F('start_date')), _connector='OR'), name='office_end_after_start'),
                ),
            ],
        ),
        migrations.RunPython(move_content_types, migrations.RunPython.noop),
    ]
