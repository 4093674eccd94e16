"""Export the archive as JSON Lines: `python manage.py export_articles [--output FILE]`."""

import json

from django.core.management.base import BaseCommand

from articles.export import article_record, export_queryset


class Command(BaseCommand):
    help = "Write every article as one JSON object a line (schema in README.md)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, output=None, **options):
        if output:
            with open(output, "w", encoding="utf-8") as stream:
                count = self._write(stream.write, end="\n")
            self.stderr.write(f"Exported {count} articles to {output}")
        else:
            self._write(self.stdout.write, end="\n")

    def _write(self, write, end: str) -> int:
        count = 0
        # iterator() with a chunk size keeps memory flat and still prefetches each chunk.
        for article in export_queryset().iterator(chunk_size=500):
            write(json.dumps(article_record(article), ensure_ascii=False) + end)
            count += 1
        return count
