"""Names and descriptions of intervision methods in Dutch and Danish (#15, network.localized).

The four methods the network uses were created by a migration (network_sessions 0005); they get
their Dutch and Danish names here, where still blank. Methods editors added are left to them.
"""
from django.db import migrations, models

# A copy, as migrations must not import code that may change (see intervisions.demo_content).
TRANSLATIONS = {
    "Incident method": ("Incidentmethode", "Incidentmetoden",
                        "Een kort, concreet incident; de collega's stellen vragen en geven "
                        "daarna ieder een advies.",
                        "En kort, konkret hændelse; kollegerne stiller spørgsmål, og bagefter "
                        "giver hver især et råd."),
    "Ten-step method": ("Tienstappenmethode", "Titrinsmetoden",
                        "Een gestructureerde ronde in tien stappen, van vraag tot lessen.",
                        "En struktureret runde i ti trin, fra spørgsmål til læring."),
    "Balint method": ("Balintmethode", "Balintmetoden",
                      "Aandacht voor gevoelens en verhoudingen in de casus.",
                      "Opmærksomhed på følelser og relationer i casen."),
    "Gossip method": ("Roddelmethode", "Sladremetoden",
                      "De collega's praten onderling over de casus terwijl de casusinbrenger "
                      "luistert.",
                      "Kollegerne taler indbyrdes om casen, mens caseejeren lytter."),
}


def name_known_methods(apps, schema_editor):
    Method = apps.get_model("intervisions", "IntervisionMethod")
    for method in Method.objects.filter(name__in=TRANSLATIONS):
        values = dict(zip(("name_nl", "name_da", "description_nl", "description_da"),
                          TRANSLATIONS[method.name], strict=True))
        changed = [field for field, value in values.items() if not getattr(method, field)]
        for field in changed:
            setattr(method, field, values[field])
        if changed:
            method.save(update_fields=changed)


class Migration(migrations.Migration):

    dependencies = [
        ('intervisions', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='intervisionmethod',
            name='description_da',
            field=models.TextField(blank=True, db_default='', default='', verbose_name='description (Danish)'),
        ),
        migrations.AddField(
            model_name='intervisionmethod',
            name='description_nl',
            field=models.TextField(blank=True, db_default='', default='', verbose_name='description (Dutch)'),
        ),
        migrations.AddField(
            model_name='intervisionmethod',
            name='name_da',
            field=models.CharField(blank=True, db_default='', default='', max_length=80, verbose_name='name (Danish)'),
        ),
        migrations.AddField(
            model_name='intervisionmethod',
            name='name_nl',
            field=models.CharField(blank=True, db_default='', default='', max_length=80, verbose_name='name (Dutch)'),
        ),
        migrations.RunPython(name_known_methods, migrations.RunPython.noop),
    ]
