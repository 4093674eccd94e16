"""Load the controlled topic vocabulary (articles/ingest/data/topics.json) as Topic rows.

Staff edit topics in admin afterwards; this only adds topics that are missing.
"""

import json
from pathlib import Path

from django.db import migrations

VOCABULARY = Path(__file__).resolve().parents[1] / "ingest" / "data" / "topics.json"


def load_vocabulary(apps, schema_editor):
    Topic = apps.get_model("articles", "Topic")
    for entry in json.loads(VOCABULARY.read_text(encoding="utf-8")):
        Topic.objects.get_or_create(
            slug=entry["slug"],
            defaults={
                "name": entry["name"],
                "description": entry.get("description", ""),
                "terms": "\n".join(entry.get("terms", [])),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]
    operations = [migrations.RunPython(load_vocabulary, migrations.RunPython.noop)]
