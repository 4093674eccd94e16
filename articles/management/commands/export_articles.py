"""Export the archive as JSON Lines: `python manage.py export_articles [--output FILE]`."""

import json
import sys

from django.core.management.base import BaseCommand

from articles.export import article_record, export_queryset


class Command(BaseCommand):
    help = "Write every article as one JSON object a line (schema in README.md)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, output=None, **options):
        stream = open(output, "w", encoding="utf-8") if output else sys.stdout
        count = 0
        try:
            # chunk_size keeps memory flat while still prefetching related rows per chunk.
            for article in export_queryset().iterator(chunk_size=500):
                stream.write(json.dumps(article_record(article), ensure_ascii=False) + "\n")
                count += 1
        finally:
            if output:
                stream.close()
        if output:
            self.stderr.write(f"Exported {count} articles to {output}")
