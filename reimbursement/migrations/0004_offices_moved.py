# Authorities, offices, griffie members and invitations move from enrolment to the offices app.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('offices', '0001_initial'),
        ('reimbursement', '0003_reservation_session'),
    ]

    operations = [
        # The tables stay where they are (they keep their enrolment_* names): only Django's
        # picture of which app owns the models changes.
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='claim',
                    name='authority',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='claims', to='offices.authority', verbose_name='overheid'),
                ),
                migrations.AlterField(
                    model_name='claim',
                    name='office',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='claims', to='offices.office', verbose_name='ambt'),
                ),
                migrations.AlterField(
                    model_name='claimexport',
                    name='authority',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='claim_exports', to='offices.authority'),
                ),
                migrations.AlterField(
                    model_name='reservation',
                    name='authority',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reservations', to='offices.authority', verbose_name='overheid'),
                ),
                migrations.AlterField(
                    model_name='reservation',
                    name='office',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='reservations', to='offices.office'),
                ),
                migrations.AlterField(
                    model_name='trainingpolicy',
                    name='authority',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='training_policies', to='offices.authority', verbose_name='overheid'),
                ),
            ],
        ),
    ]
