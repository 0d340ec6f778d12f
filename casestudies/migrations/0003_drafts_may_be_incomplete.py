# Drafts may be incomplete: period_start nullable; no empty steps/figures by default.

import wagtail.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('casestudies', '0002_stakeholders'),
    ]

    operations = [
        migrations.AlterField(
            model_name='casestudypage',
            name='body',
            field=wagtail.fields.StreamField([('context', 1), ('approach', 6), ('result', 11), ('lessons', 1), ('transferability', 16), ('quote', 20), ('image', 25), ('document', 29), ('video', 31)], block_lookup={0: ('wagtail.blocks.RichTextBlock', (), {'features': ['h2', 'h3', 'bold', 'italic', 'ol', 'ul', 'link', 'document-link'], 'label': 'Text'}), 1: ('wagtail.blocks.StructBlock', [[('text', 0)]], {}), 2: ('wagtail.blocks.CharBlock', (), {'label': 'Step'}), 3: ('wagtail.blocks.TextBlock', (), {'label': 'What was done', 'required': False}), 4: ('wagtail.blocks.StructBlock', [[('title', 2), ('description', 3)]], {}), 5: ('wagtail.blocks.ListBlock', (4,), {'default': [], 'label': 'Steps', 'min_num': 0}), 6: ('wagtail.blocks.StructBlock', [[('text', 0), ('steps', 5)]], {}), 7: ('wagtail.blocks.CharBlock', (), {'help_text': "e.g. '-38%' or '14 units'", 'label': 'Figure'}), 8: ('wagtail.blocks.CharBlock', (), {'label': 'What it measures'}), 9: ('wagtail.blocks.StructBlock', [[('value', 7), ('label', 8)]], {}), 10: ('wagtail.blocks.ListBlock', (9,), {'default': [], 'label': 'Key figures', 'min_num': 0}), 11: ('wagtail.blocks.StructBlock', [[('text', 0), ('figures', 10)]], {}), 12: ('wagtail.blocks.RichTextBlock', (), {'features': ['h2', 'h3', 'bold', 'italic', 'ol', 'ul', 'link', 'document-link'], 'label': 'Conditions'}), 13: ('wagtail.blocks.CharBlock', (), {'label': 'Cost', 'required': False}), 14: ('wagtail.blocks.CharBlock', (), {'label': 'Time needed', 'required': False}), 15: ('wagtail.blocks.RichTextBlock', (), {'features': ['h2', 'h3', 'bold', 'italic', 'ol', 'ul', 'link', 'document-link'], 'label': 'Pitfalls', 'required': False}), 16: ('wagtail.blocks.StructBlock', [[('conditions', 12), ('cost', 13), ('time', 14), ('pitfalls', 15)]], {}), 17: ('wagtail.blocks.TextBlock', (), {'label': 'Quote'}), 18: ('wagtail.blocks.CharBlock', (), {'label': 'Who said it', 'required': False}), 19: ('wagtail.blocks.CharBlock', (), {'label': 'Role or organisation', 'required': False}), 20: ('wagtail.blocks.StructBlock', [[('quote', 17), ('attribution', 18), ('role', 19)]], {}), 21: ('wagtail.images.blocks.ImageChooserBlock', (), {'label': 'Image'}), 22: ('wagtail.blocks.CharBlock', (), {'help_text': 'Describe the picture for people who cannot see it. Leave empty if decorative.', 'label': 'Alternative text', 'required': False}), 23: ('wagtail.blocks.CharBlock', (), {'label': 'Caption', 'required': False}), 24: ('wagtail.blocks.CharBlock', (), {'label': 'Credit', 'required': False}), 25: ('wagtail.blocks.StructBlock', [[('image', 21), ('alt_text', 22), ('caption', 23), ('credit', 24)]], {}), 26: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'label': 'Document'}), 27: ('wagtail.blocks.CharBlock', (), {'label': 'Link text', 'required': False}), 28: ('wagtail.blocks.CharBlock', (), {'label': 'Description', 'required': False}), 29: ('wagtail.blocks.StructBlock', [[('document', 26), ('title', 27), ('description', 28)]], {}), 30: ('wagtail.embeds.blocks.EmbedBlock', (), {'label': 'Video URL'}), 31: ('wagtail.blocks.StructBlock', [[('video', 30), ('caption', 23)]], {})}, verbose_name='body'),
        ),
        migrations.AlterField(
            model_name='casestudypage',
            name='period_start',
            field=models.DateField(null=True, verbose_name='started'),
        ),
    ]
