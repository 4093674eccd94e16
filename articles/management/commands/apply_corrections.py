"""Apply a corrections file to the archive: `python manage.py apply_corrections FILE.json`.

Run it after importing the sources: it finds articles by content hash, then source file."""

import json

from django.core.management.base import BaseCommand, CommandError

from articles.corrections import CorrectionsError, apply_document


class Command(BaseCommand):
    help = "Apply staff corrections written by export_corrections (curated from then on)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="a file written by export_corrections")

    def handle(self, *args, path, **options):
        try:
            with open(path, encoding="utf-8") as stream:
                document = json.load(stream)
        except OSError as exc:
            raise CommandError(f"{path}: cannot read: {exc.strerror or exc}") from exc
        except json.JSONDecodeError as exc:
            raise CommandError(f"{path}: invalid JSON ({exc.msg}, line {exc.lineno})") from exc
        try:
            counts = apply_document(document)
        except CorrectionsError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        summary = (
            f"Applied corrections to {counts['articles']} articles ({counts['rows']} rows, "
            f"{counts['dismissed']} deleted rows kept out), "
            f"{counts['people']} people, {counts['organizations']} organizations "
            f"({counts['rejected']} deleted again); "
            f"merged {counts['merged']}"
        )
        if counts["missing"]:
            raise CommandError(
                f"{summary}; {counts['missing']} articles not found (import their sources first)"
            )
        self.stdout.write(self.style.SUCCESS(summary))
