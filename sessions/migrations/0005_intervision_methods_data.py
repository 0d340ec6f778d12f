"""Turn the free-text method of each record into a row of IntervisionMethod.

The four methods the network uses are created with their phases; any other text a record
held becomes a method of its own (matched case-insensitively, so "incident method" and
"Incident method" end up as one row).
"""
from django.db import migrations

METHODS = [
    ("Incident method", "A short, concrete incident; peers ask questions, then each advises.",
     ["The case owner tells the incident", "Questions to clarify the facts",
      "The case owner chooses the key question", "Each peer gives advice",
      "The case owner says what they take from it", "Looking back on the process"]),
    ("Ten-step method", "A structured round in ten steps from question to lessons.",
     ["Choosing the case", "Telling the case", "Questions of fact", "Formulating the question",
      "Analysis by the peers", "The case owner responds", "Advice", "Choosing what to try",
      "Lessons for everyone", "Evaluation"]),
    ("Balint method", "Attention to feelings and relationships in the case.",
     ["The case owner tells the case", "Questions of fact",
      "Peers share associations and feelings while the case owner listens",
      "The case owner responds", "What the group learnt"]),
    ("Gossip method", "Peers talk about the case among themselves while the case owner listens.",
     ["The case owner tells the case", "Questions to clarify",
      "Peers discuss the case while the case owner listens without reacting",
      "The case owner says what struck them", "Closing round"]),
]


def forward(apps, schema_editor):
    Method = apps.get_model("network_sessions", "IntervisionMethod")
    Record = apps.get_model("network_sessions", "IntervisionRecord")
    by_name = {}
    for name, description, phases in METHODS:
        method, _ = Method.objects.get_or_create(
            name=name, defaults={"description": description, "phases": "\n".join(phases)})
        by_name[name.lower()] = method
    for record in Record.objects.all():
        text = (record.method or "").strip() or "Other"
        method = by_name.get(text.lower())
        if method is None:
            method, _ = Method.objects.get_or_create(name=text[:80])
            by_name[text.lower()] = method
        record.method_ref = method
        record.save(update_fields=["method_ref"])


def backward(apps, schema_editor):
    Record = apps.get_model("network_sessions", "IntervisionRecord")
    for record in Record.objects.select_related("method_ref"):
        record.method = record.method_ref.name if record.method_ref_id else ""
        record.save(update_fields=["method"])


class Migration(migrations.Migration):
    dependencies = [("network_sessions", "0004_intervision_fields")]

    operations = [migrations.RunPython(forward, backward)]
