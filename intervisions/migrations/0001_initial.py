"""The intervision models, moved here from the sessions app (``network_sessions``) without
copying a row.

1. State only: the models are created on the sessions app's existing tables (its migration
   0010 removed them from that app's state; no table is created or dropped).
2. Their content types are relabelled from ``network_sessions`` to ``intervisions``. Groups'
   permissions, Wagtail revisions, log entries, workflow and reference-index rows point at
   content types by id, so they all follow. This runs inside the migration, before Django's
   ``post_migrate`` handlers (create_contenttypes, create_permissions), which would otherwise
   create new, empty content types and permissions for this app beside the old ones.
3. The tables are renamed to this app's names (``intervisions_…``), the many-to-many tables
   with them, so that the database reads like the code.
"""
import django.db.models.deletion
import django.utils.timezone
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models

OLD_LABEL = "network_sessions"
NEW_LABEL = "intervisions"
MODELS = ["intervisionmethod", "intervisionrecord", "intervisionattendance",
          "intervisionattachment", "followupaction", "consentrecord"]


def relabel_content_types(apps, schema_editor, old=OLD_LABEL, new=NEW_LABEL):
    """Move the models' content types from app ``old`` to app ``new``, keeping their ids."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        moving = ContentType.objects.using(db).filter(app_label=old, model=model).first()
        if moving is None:
            continue  # a database that never had the model's content type: Django creates it
        # A content type under the new label can only be an empty one created by
        # create_contenttypes (e.g. after a partial migrate): the old one carries the grants,
        # revisions and log entries, so it wins.
        ContentType.objects.using(db).filter(app_label=new, model=model).delete()
        moving.app_label = new
        moving.save(update_fields=["app_label"])
    ContentType.objects.clear_cache()


def relabel_content_types_back(apps, schema_editor):
    relabel_content_types(apps, schema_editor, old=NEW_LABEL, new=OLD_LABEL)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('casestudies', '0003_drafts_may_be_incomplete'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('network', '0003_organisers_group'),
        ('network_sessions', '0010_intervisions_move_to_own_app'),
        ('wagtaildocs', '0014_alter_document_file_size'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='IntervisionMethod',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=80, unique=True, verbose_name='name')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('phases', models.TextField(blank=True, help_text='One phase per line, in the order they are run.', verbose_name='phases')),
                    ],
                    options={
                        'db_table': 'network_sessions_intervisionmethod',
                        'verbose_name': 'intervision method',
                        'verbose_name_plural': 'intervision methods',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='IntervisionRecord',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('date', models.DateField(verbose_name='date')),
                        ('confidentiality_agreement', models.TextField(blank=True, verbose_name="the group's confidentiality agreement")),
                        ('case_question', models.TextField(verbose_name='case question')),
                        ('case_as_told', models.TextField(blank=True, verbose_name='the case as told')),
                        ('questions_asked', models.TextField(blank=True, verbose_name='questions asked')),
                        ('advice', models.TextField(blank=True, verbose_name='advice and insights')),
                        ('follow_up_report', models.TextField(blank=True, help_text='Added later by the case owner: what we did with the advice.', verbose_name='follow-up report')),
                        ('previous_actions_check', models.TextField(blank=True, verbose_name='check of the previous actions')),
                        ('confidentiality', models.CharField(choices=[('participants', 'Participants only'), ('members', 'All members'), ('public_summary', 'Public anonymised summary')], default='participants', max_length=20, verbose_name='confidentiality')),
                        ('public_summary', models.TextField(blank=True, help_text='No names of people or areas.', verbose_name='public anonymised summary')),
                        ('public_summary_approved', models.BooleanField(default=False, verbose_name='summary approved by the case owner')),
                        ('area', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='intervisions', to='network.memberarea', verbose_name='area that brought the case')),
                        ('case_owner', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='owned_intervisions', to='network.person', verbose_name='case owner')),
                        ('facilitator', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='facilitated_intervisions', to='network.person', verbose_name='facilitator')),
                        ('method', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='records', to='intervisions.intervisionmethod', verbose_name='method')),
                        ('minute_taker', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='minuted_intervisions', to='network.person', verbose_name='minute-taker')),
                        ('participants', modelcluster.fields.ParentalManyToManyField(blank=True, help_text='Everyone in the group: they may read the record. Record who was present below.', related_name='intervisions', to='network.person', verbose_name='participants')),
                        ('previous_record', models.ForeignKey(blank=True, help_text='Its follow-up actions are checked at this intervision.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='next_records', to='intervisions.intervisionrecord', verbose_name="the group's previous intervision")),
                        ('related_case_studies', modelcluster.fields.ParentalManyToManyField(blank=True, related_name='intervisions', to='casestudies.casestudypage', verbose_name='related case studies')),
                        ('related_sessions', modelcluster.fields.ParentalManyToManyField(blank=True, related_name='related_intervisions', to='network_sessions.sessionpage', verbose_name='related sessions')),
                        ('session', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='intervisions', to='network_sessions.sessionpage', verbose_name='session')),
                        ('themes', modelcluster.fields.ParentalManyToManyField(blank=True, related_name='intervisions', to='network.theme', verbose_name='themes')),
                    ],
                    options={
                        'db_table': 'network_sessions_intervisionrecord',
                        'verbose_name': 'intervision record',
                        'verbose_name_plural': 'intervision records',
                        'ordering': ['-date'],
                    },
                ),
                migrations.CreateModel(
                    name='IntervisionAttendance',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('present', models.BooleanField(default=True, verbose_name='present')),
                        ('area', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='network.memberarea', verbose_name='area')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='network.person', verbose_name='person')),
                        ('record', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='attendance', to='intervisions.intervisionrecord')),
                    ],
                    options={
                        'db_table': 'network_sessions_intervisionattendance',
                        'verbose_name': 'attendance',
                        'verbose_name_plural': 'attendance',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='IntervisionAttachment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('title', models.CharField(blank=True, max_length=255, verbose_name='title')),
                        ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtaildocs.document', verbose_name='document')),
                        ('record', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='intervisions.intervisionrecord')),
                    ],
                    options={
                        'db_table': 'network_sessions_intervisionattachment',
                        'verbose_name': 'attachment',
                        'verbose_name_plural': 'attachments',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='FollowUpAction',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('description', models.CharField(max_length=255, verbose_name='action')),
                        ('due_date', models.DateField(blank=True, null=True, verbose_name='due date')),
                        ('status', models.CharField(choices=[('open', 'Open'), ('in_progress', 'In progress'), ('done', 'Done'), ('dropped', 'Dropped')], default='open', max_length=12, verbose_name='status')),
                        ('owner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='network.person', verbose_name='owner')),
                        ('record', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='intervisions.intervisionrecord')),
                    ],
                    options={
                        'db_table': 'network_sessions_followupaction',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='ConsentRecord',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('from_level', models.CharField(choices=[('participants', 'Participants only'), ('members', 'All members'), ('public_summary', 'Public anonymised summary')], max_length=20, verbose_name='from')),
                        ('to_level', models.CharField(choices=[('participants', 'Participants only'), ('members', 'All members'), ('public_summary', 'Public anonymised summary')], max_length=20, verbose_name='to')),
                        ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='recorded at')),
                        ('consented_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='network.person', verbose_name='consent given by')),
                        ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                        ('record', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='consents', to='intervisions.intervisionrecord')),
                    ],
                    options={
                        'db_table': 'network_sessions_consentrecord',
                        'verbose_name': 'consent to widening',
                        'verbose_name_plural': 'consents to widening',
                        'ordering': ['recorded_at', 'pk'],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_types, relabel_content_types_back),
        migrations.AlterModelTable(name='intervisionmethod', table=None),
        migrations.AlterModelTable(name='intervisionrecord', table=None),
        migrations.AlterModelTable(name='intervisionattendance', table=None),
        migrations.AlterModelTable(name='intervisionattachment', table=None),
        migrations.AlterModelTable(name='followupaction', table=None),
        migrations.AlterModelTable(name='consentrecord', table=None),
    ]
