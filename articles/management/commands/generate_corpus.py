"""Write a deterministic synthetic corpus: `python manage.py generate_corpus --n N --out DIR`.

A thin wrapper around `articles.corpus.generate`; see that module for what is written.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.corpus import CorpusError, generate


class Command(BaseCommand):
    help = (
        "Write N synthetic raw articles (txt/html/jsonl, several outlets and encodings) into "
        "numbered folders of at most 1,000 files. Same --seed and --n: byte-identical files."
    )

    def add_arguments(self, parser):
        parser.add_argument("--n", type=int, required=True, help="number of articles")
        parser.add_argument("--out", required=True, help="output folder (must be empty)")
        parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
        parser.add_argument(
            "--force", action="store_true", help="write into a non-empty folder (overwrites)"
        )
        parser.add_argument(
            "--manifest",
            nargs="?",
            const=True,
            default=False,
            metavar="PATH",
            help="also write each article's intended title, date, outlet, people as JSON "
            "Lines: to OUT/manifest.jsonl, or to PATH if given (keep it outside OUT when "
            "OUT will be imported: import_articles would read a .jsonl inside it)",
        )

    def handle(self, *args, n, out, seed, force, manifest, **options):
        manifest_arg = Path(manifest) if isinstance(manifest, str) else manifest
        try:
            summary = generate(
                Path(out),
                n,
                seed=seed,
                force=force,
                manifest=manifest_arg,
                forbidden=(Path(settings.BASE_DIR) / "seeds",),
            )
        except CorpusError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(summary.report())
