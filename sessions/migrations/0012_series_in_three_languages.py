"""Names and descriptions of session series in Dutch and Danish (#15, network.localized)."""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("network_sessions", "0011_signup_holds_and_link_reset"),
    ]

    operations = [
        migrations.AddField(
            model_name="sessionseries",
            name="name_nl",
            field=models.CharField(blank=True, db_default="", default="", max_length=160, verbose_name="name (Dutch)"),
        ),
        migrations.AddField(
            model_name="sessionseries",
            name="name_da",
            field=models.CharField(blank=True, db_default="", default="", max_length=160, verbose_name="name (Danish)"),
        ),
        migrations.AddField(
            model_name="sessionseries",
            name="description_nl",
            field=models.TextField(blank=True, db_default="", default="", verbose_name="description (Dutch)"),
        ),
        migrations.AddField(
            model_name="sessionseries",
            name="description_da",
            field=models.TextField(blank=True, db_default="", default="", verbose_name="description (Danish)"),
        ),
    ]
