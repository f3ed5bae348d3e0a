"""Keyed, parallel audit chains (issue 24): entries name their chain and the key of their MAC, and
each chain's sequence is unique within the chain. The entries written before are re-signed with the
audit key by the next migration, after their unkeyed chain is checked."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audit", "0009_alter_auditentry_action_alter_auditentry_purpose")]

    operations = [
        migrations.AlterModelOptions(
            name="auditentry",
            options={"ordering": ["-id"], "verbose_name": "mục nhật ký", "verbose_name_plural": "nhật ký truy cập"},
        ),
        migrations.AddField(
            model_name="auditentry",
            name="chain",
            field=models.PositiveSmallIntegerField(default=1),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="key_id",
            field=models.CharField(default="", max_length=8),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="seq",
            field=models.PositiveBigIntegerField(),
        ),
        migrations.AddConstraint(
            model_name="auditentry",
            constraint=models.UniqueConstraint(fields=("chain", "seq"), name="audit_entry_chain_seq"),
        ),
    ]
