"""The language a registration was made in, for the e-mails about it (#15)."""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("network_sessions", "0012_series_in_three_languages"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="language",
            field=models.CharField(blank=True, editable=False, max_length=8,
                                   verbose_name="language"),
        ),
    ]
