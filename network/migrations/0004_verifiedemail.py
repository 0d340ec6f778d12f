"""Verified e-mail addresses (network/identity.py).

No data migration: existing accounts start without a verified address. Their address is not
trusted until its owner confirms it (a link sent to it, or a password reset by e-mail).
"""

import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('network', '0003_organisers_group'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='VerifiedEmail',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254, verbose_name='email')),
                ('verified_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='verified at')),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='verified_address', to=settings.AUTH_USER_MODEL, verbose_name='user account')),
            ],
            options={
                'verbose_name': 'verified e-mail address',
                'verbose_name_plural': 'verified e-mail addresses',
                'constraints': [models.UniqueConstraint(django.db.models.functions.text.Lower('email'), name='verified_email_unique_address')],
            },
        ),
    ]
