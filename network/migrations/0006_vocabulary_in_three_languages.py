"""Names and descriptions of themes and member areas in Dutch and Danish (#15, network.localized)."""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("network", "0005_locales"),
    ]

    operations = [
        migrations.AddField(
            model_name="theme",
            name="name_nl",
            field=models.CharField(blank=True, db_default="", default="", max_length=80, verbose_name="name (Dutch)"),
        ),
        migrations.AddField(
            model_name="theme",
            name="name_da",
            field=models.CharField(blank=True, db_default="", default="", max_length=80, verbose_name="name (Danish)"),
        ),
        migrations.AddField(
            model_name="theme",
            name="description_nl",
            field=models.TextField(blank=True, db_default="", default="", verbose_name="short description (Dutch)"),
        ),
        migrations.AddField(
            model_name="theme",
            name="description_da",
            field=models.TextField(blank=True, db_default="", default="", verbose_name="short description (Danish)"),
        ),
        migrations.AddField(
            model_name="memberarea",
            name="name_nl",
            field=models.CharField(blank=True, db_default="", default="", max_length=120, verbose_name="display name (Dutch)"),
        ),
        migrations.AddField(
            model_name="memberarea",
            name="name_da",
            field=models.CharField(blank=True, db_default="", default="", max_length=120, verbose_name="display name (Danish)"),
        ),
        migrations.AddField(
            model_name="memberarea",
            name="profile_nl",
            field=models.TextField(blank=True, db_default="", default="", verbose_name="short profile (Dutch)"),
        ),
        migrations.AddField(
            model_name="memberarea",
            name="profile_da",
            field=models.TextField(blank=True, db_default="", default="", verbose_name="short profile (Danish)"),
        ),
    ]
