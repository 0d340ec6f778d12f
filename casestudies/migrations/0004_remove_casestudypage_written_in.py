# The language a case study is written in is now its page's locale (#15, docs/languages.md):
# a case written in Dutch is a page in the Dutch tree, not a page in the English tree marked
# "written in Dutch". The demo loader moves its Dutch and Danish cases to their trees.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('casestudies', '0003_drafts_may_be_incomplete'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='casestudypage',
            name='written_in',
        ),
    ]
