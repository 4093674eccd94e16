"""Write staff corrections to a file: `python manage.py export_corrections --output FILE.json`."""

import json

from django.core.management.base import BaseCommand

from articles.corrections import corrections_document


class Command(BaseCommand):
    help = "Write every curated field value, curated row and alias (merges) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, output=None, **options):
        document = corrections_document()
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        if output:
            with open(output, "w", encoding="utf-8") as stream:
                stream.write(text)
            self.stderr.write(
                f"Exported corrections of {len(document['articles'])} articles, "
                f"{len(document['people'])} people and "
                f"{len(document['organizations'])} organizations to {output}"
            )
        else:
            self.stdout.write(text, ending="")
