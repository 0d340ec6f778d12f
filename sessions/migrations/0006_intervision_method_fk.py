"""Replace the free-text method column with the foreign key filled in by 0005."""
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("network_sessions", "0005_intervision_methods_data")]

    operations = [
        migrations.RemoveField(model_name="intervisionrecord", name="method"),
        migrations.RenameField(model_name="intervisionrecord", old_name="method_ref", new_name="method"),
        migrations.AlterField(
            model_name="intervisionrecord",
            name="method",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="records",
                                    to="network_sessions.intervisionmethod", verbose_name="method"),
        ),
    ]
