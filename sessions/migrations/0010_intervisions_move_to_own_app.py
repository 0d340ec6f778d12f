"""The intervision models moved to their own app, ``intervisions``.

State only: the tables stay where they are; ``intervisions`` 0001 takes them over (and their
content types, so permissions, revisions and log entries keep pointing at the same rows).
"""
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("network_sessions", "0009_feed_history")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                # Models that point at IntervisionRecord first.
                migrations.DeleteModel(name="ConsentRecord"),
                migrations.DeleteModel(name="FollowUpAction"),
                migrations.DeleteModel(name="IntervisionAttachment"),
                migrations.DeleteModel(name="IntervisionAttendance"),
                migrations.DeleteModel(name="IntervisionRecord"),
                migrations.DeleteModel(name="IntervisionMethod"),
            ],
            database_operations=[],
        ),
    ]
