"""`python manage.py benchmark`: the figures of BENCHMARKS.md (see articles/benchmark.py)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from articles.benchmark import run


class Command(BaseCommand):
    help = "Import and serve a generated corpus on SQLite and PostgreSQL; write BENCHMARKS.md."

    def add_arguments(self, parser):
        parser.add_argument("--n", type=int, default=100_000, help="articles in the corpus")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--out", default=str(Path(settings.BASE_DIR) / "var" / "bench"))
        parser.add_argument(
            "--engines", default="sqlite,postgresql", help="comma-separated: sqlite,postgresql"
        )
        parser.add_argument("--requests", type=int, default=20, help="timed requests per page")

    def handle(self, *args, n, seed, out, engines, requests, **options):
        out_dir = Path(out)
        out_dir.mkdir(parents=True, exist_ok=True)
        run(n, seed, out_dir, [e.strip() for e in engines.split(",") if e.strip()], requests)
