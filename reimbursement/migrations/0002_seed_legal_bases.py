from django.db import migrations


def seed(apps, schema_editor):
    from reimbursement.legal_bases import seed_legal_bases

    seed_legal_bases(apps.get_model("reimbursement", "LegalBasis"))


class Migration(migrations.Migration):
    dependencies = [("reimbursement", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
