# Authorities, offices, griffie members and invitations move from enrolment to the offices app.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('enrolment', '0004_payment_hold'),
        ('offices', '0001_initial'),
        ('reimbursement', '0004_offices_moved'),
    ]

    operations = [
        # The tables stay where they are (they keep their enrolment_* names): only Django's
        # picture of which app owns the models changes.
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='office',
                    name='authority',
                ),
                migrations.RemoveField(
                    model_name='griffiemember',
                    name='authority',
                ),
                migrations.RemoveField(
                    model_name='officeinvitation',
                    name='authority',
                ),
                migrations.RemoveField(
                    model_name='griffiemember',
                    name='granted_by',
                ),
                migrations.RemoveField(
                    model_name='griffiemember',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='office',
                    name='person',
                ),
                migrations.RemoveField(
                    model_name='office',
                    name='verified_by',
                ),
                migrations.RemoveField(
                    model_name='officeinvitation',
                    name='office',
                ),
                migrations.AlterField(
                    model_name='enrolment',
                    name='office',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='enrolments', to='offices.office', verbose_name='ambt'),
                ),
                migrations.RemoveField(
                    model_name='officeinvitation',
                    name='invited_by',
                ),
                migrations.DeleteModel(
                    name='Authority',
                ),
                migrations.DeleteModel(
                    name='GriffieMember',
                ),
                migrations.DeleteModel(
                    name='Office',
                ),
                migrations.DeleteModel(
                    name='OfficeInvitation',
                ),
            ],
        ),
    ]
