"""`make bench`: import throughput, page times and server throughput at scale.

For each engine (SQLite, and PostgreSQL when reachable) it builds a fresh database, imports
a generated corpus (timing it, and taking the importer's peak memory and the machine's CPU
time), times the public pages in-process with Django's test client (median and p95 of server
time, page cache off), measures gunicorn's requests/s on the list view with a bounded load
generator on loopback, and records the EXPLAIN plans of the slowest queries. Results go to
BENCHMARKS.md.

Every step runs as a child process with its own DATABASE_URL, so nothing here touches the
developer's own database.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
POSTGRES_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
POSTGRES_BENCH_NAME = "ipnews_bench"

# The pages a reader hits, by name; `{person}` and `{article}` are filled from the data.
PAGES = {
    "home": "/",
    "list": "/articles/",
    "list year+person": "/articles/?year=2015&person={person}",
    "list q (search)": "/articles/?q=patent+infringement",
    "list facets (topic)": "/articles/?topic=patents",
    "person": "/people/{person}/",
    "article": "/articles/{article}/",
    "statistics": "/statistics/",
}


@dataclass
class CpuUse:
    """The whole machine's CPU time over an interval, every core: what an import cost in all
    its processes (importer, parsing workers, database server), whatever the wall clock."""

    busy_seconds: float
    total_seconds: float

    @property
    def busy_share(self) -> float:
        return self.busy_seconds / self.total_seconds if self.total_seconds else 0.0


@dataclass
class EngineResult:
    engine: str
    articles: int = 0
    import_seconds: float = 0.0
    import_peak_mb: float = 0.0
    import_cpu: CpuUse | None = None
    small_import_peak_mb: float = 0.0
    pages: dict[str, dict] = field(default_factory=dict)
    facet_index_seconds: float = 0.0
    throughput: dict[str, float] = field(default_factory=dict)  # by LOADS name, requests/s
    load_tool: str = ""
    explains: list[dict] = field(default_factory=list)


def run(n: int, seed: int, out: Path, engines: list[str], requests_per_page: int) -> None:
    corpus = out / f"corpus-{n}-{seed}"
    small_corpus = out / f"corpus-{max(n // 10, 100)}-{seed}"
    for size, folder in ((n, corpus), (max(n // 10, 100), small_corpus)):
        if not folder.exists():
            _log(f"generating {size:,} articles into {folder}")
            _manage(
                ["generate_corpus", "--n", str(size), "--out", str(folder), "--seed", str(seed)],
                _sqlite_url(out / "scratch.sqlite3"),
            )
    # Pages render with the hashed static files' manifest, as in production.
    _manage(["collectstatic", "--noinput", "-v0"], _sqlite_url(out / "scratch.sqlite3"))
    results = []
    for engine in engines:
        url = _database_url(engine, out)
        if url is None:
            _log(f"{engine}: not reachable, skipped")
            continue
        results.append(_bench_engine(engine, url, corpus, small_corpus, requests_per_page))
    _write_report(results, n, seed)


def _bench_engine(engine, url, corpus, small_corpus, requests_per_page) -> EngineResult:
    result = EngineResult(engine)
    _log(f"{engine}: memory at {small_corpus.name}")
    _fresh_database(engine, url)
    _, result.small_import_peak_mb = _timed_import(url, small_corpus)
    _log(f"{engine}: importing {corpus.name}")
    _fresh_database(engine, url)
    cpu_before = _cpu_times()
    result.import_seconds, result.import_peak_mb = _timed_import(url, corpus)
    cpu_after = _cpu_times()
    if cpu_before and cpu_after:
        result.import_cpu = cpu_use(cpu_before, cpu_after)
    output = _manage(
        ["shell", "--no-imports", "-c", _page_timing_script(requests_per_page)], url, capture=True
    )
    measured = json.loads(output.strip().splitlines()[-1])  # the script prints one JSON line
    result.articles = measured["articles"]
    result.pages = measured["pages"]
    result.explains = measured["explains"]
    result.facet_index_seconds = measured["facet_index_seconds"]
    result.throughput, result.load_tool = _throughput(url)
    return result


def _timed_import(url: str, corpus: Path) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    _manage(["import_articles", str(corpus)], url)
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest single child so far; report it in MB.
    return seconds, max(peak_kb, before) / 1024


def parse_proc_stat(line: str) -> tuple[float, float]:
    """(busy, total) jiffies from /proc/stat's first line: busy is user, nice, system, irq
    and softirq; total adds idle, iowait and steal (time the host gave to another guest)."""
    user, nice, system, idle, iowait, irq, softirq, steal = (
        int(value) for value in line.split()[1:9]
    )
    busy = user + nice + system + irq + softirq
    return float(busy), float(busy + idle + iowait + steal)


def cpu_use(before: tuple[float, float], after: tuple[float, float]) -> CpuUse:
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    return CpuUse(
        busy_seconds=(after[0] - before[0]) / ticks,
        total_seconds=(after[1] - before[1]) / ticks,
    )


def _cpu_times() -> tuple[float, float] | None:
    """The machine's CPU jiffies so far (Linux); None where /proc/stat is not there."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            return parse_proc_stat(stat.readline())
    except (OSError, ValueError):
        return None


def import_lines(result: EngineResult) -> list[str]:
    """The report's import lines: the rate, and what it cost the machine to reach it."""
    rate = result.articles / result.import_seconds if result.import_seconds else 0
    lines = [f"- import: {result.import_seconds:,.0f} s, **{rate:,.0f} articles/s**"]
    cpu = result.import_cpu
    if cpu and result.articles:
        per_article_ms = cpu.busy_seconds / result.articles * 1000
        lines.append(
            f"- import CPU, every process (importer, parsing workers, database server): "
            f"{per_article_ms:.2f} ms per article; the cores were {cpu.busy_share:.0%} busy"
        )
    return lines


def _page_timing_script(requests_per_page: int) -> str:
    """Runs inside `manage.py shell` against the bench database; prints JSON."""
    pages = json.dumps(PAGES)
    return f"""
import json, statistics, time
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.conf import settings
from articles.models import Article, Person
from django.db.models import Count
settings.ALLOWED_HOSTS = ["*"]
person = Person.objects.annotate(n=Count("mentions")).order_by("-n").first()
article = Article.objects.order_by("-published").first()
pages = {{name: path.format(person=person.slug, article=article.slug)
         for name, path in json.loads({pages!r}).items()}}
client = Client()
out = {{"articles": Article.objects.count(), "pages": {{}}, "explains": []}}
from articles import facet_index
started = time.perf_counter()
facet_index.build(None)  # what the first request after an admin edit waits for
out["facet_index_seconds"] = round(time.perf_counter() - started, 2)
slow = []
for name, path in pages.items():
    times = []
    for i in range({requests_per_page}):
        cache.clear()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    setup = ""
    for query in queries.captured_queries:
        if query["sql"].startswith("SET LOCAL"):
            # How the next query ran (search.py's GIN-only search): its plan needs it too.
            setup = query["sql"]
            continue
        slow.append((float(query["time"]), name, query["sql"], setup))
        setup = ""
    times.sort()
    out["pages"][name] = {{
        "path": path,
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        "queries": len(queries.captured_queries),
    }}
slow.sort(reverse=True)
seen = set()
for seconds, name, sql, setup in slow:
    if len(out["explains"]) >= 3 or sql in seen:
        continue
    seen.add(sql)
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    with transaction.atomic(), connection.cursor() as cursor:
        if setup:
            cursor.execute(setup)
        cursor.execute(prefix + sql)
        # A plan line can quote a 2,000-id array: cut it, the shape is what matters.
        plan = "\\n".join(" ".join(str(c) for c in row)[:400] for row in cursor.fetchall())
    shown = f"{{setup}};\\n{{sql}}" if setup else sql
    out["explains"].append({{"page": name, "ms": round(seconds * 1000, 1),
                             "sql": shown[:1500], "plan": plan}})
print(json.dumps(out))
"""


# gunicorn under load, by name: (path, whether every request is a first visit). The brief's
# bar for this kind of machine: a one-line Django view about 6,000 requests/s; Datasette on
# the same 100,000 articles about 50/s for a year-filtered page with facets and about 18/s
# for a full-text search with facets. Those have no page cache, so the last two are loaded
# with a different query string on every request: each one misses the page cache and is
# rendered, facets and all.
LOADS = {
    "`/healthz` (one query: the machine's reference)": ("/healthz", False),
    "list, repeat visits (page cache)": ("/articles/", False),
    "list by year, with facets, every request a first visit": ("/articles/?year=2015", True),
    "search, with facets, every request a first visit": (
        "/articles/?q=patent+infringement",
        True,
    ),
}
LOAD_SECONDS = 10

# wrk: each request gets its own `bench=` parameter (thread id and counter), so no two share
# a cache key.
_WRK_FIRST_VISITS = """
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
local counter = 0
local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
function request()
  counter = counter + 1
  return wrk.format("GET", wrk.path .. separator .. "bench=" .. id .. "-" .. counter)
end
"""


def _throughput(url: str) -> tuple[dict[str, float], str]:
    """gunicorn on a free loopback port, each of LOADS for a bounded 10 s: requests per
    second by name, and how they were made."""
    workers = os.cpu_count() or 2
    if shutil.which("wrk"):
        load, tool = _wrk_load, "wrk -t2 -c16"
    else:
        load, tool = _python_load, "python urllib, 8 threads"
    port = _free_port()
    env = _env(url)
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "ipnews.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=REPO,
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(base + "/articles/")
        results = {}
        for name, (path, first_visits) in LOADS.items():
            _wait_for(base + path)  # warm: the facet index and this page's caches
            results[name] = load(base + path, first_visits)
        return results, f"{workers} workers; {tool}, {LOAD_SECONDS} s each"
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def _wrk_load(target: str, first_visits: bool) -> float:
    command = ["wrk", "-t2", "-c16", f"-d{LOAD_SECONDS}s", target]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if first_visits:
            script.write(_WRK_FIRST_VISITS)
            script.flush()
            command[1:1] = ["-s", script.name]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    errors = [line for line in output.splitlines() if "Non-2xx" in line or "Socket errors" in line]
    if errors:
        raise RuntimeError(f"{target}: {'; '.join(errors)}")
    line = next(line for line in output.splitlines() if "Requests/sec" in line)
    return float(line.split()[-1])


def _python_load(target: str, first_visits: bool, threads: int = 8) -> float:
    from concurrent.futures import ThreadPoolExecutor

    deadline = time.perf_counter() + LOAD_SECONDS
    separator = "&" if "?" in target else "?"

    def worker(thread: int) -> int:
        done = 0
        while time.perf_counter() < deadline:
            address = f"{target}{separator}bench={thread}-{done}" if first_visits else target
            with urllib.request.urlopen(address, timeout=10) as response:
                response.read()
            done += 1
        return done

    with ThreadPoolExecutor(threads) as pool:
        total = sum(pool.map(worker, range(threads)))
    return total / LOAD_SECONDS


def _wait_for(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server at {url} did not answer")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url(engine: str, out: Path) -> str | None:
    if engine == "sqlite":
        return _sqlite_url(out / "bench.sqlite3")
    try:
        subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return f"postgres://postgres@127.0.0.1:5432/{POSTGRES_BENCH_NAME}"


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _fresh_database(engine: str, url: str) -> None:
    if engine == "sqlite":
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        for statement in (
            f"DROP DATABASE IF EXISTS {POSTGRES_BENCH_NAME}",
            f"CREATE DATABASE {POSTGRES_BENCH_NAME}",
        ):
            subprocess.run(
                ["psql", POSTGRES_ADMIN_URL, "-q", "-c", statement], check=True, cwd=REPO
            )
    _manage(["migrate", "--noinput", "-v0"], url)


def _env(url: str) -> dict:
    # DEBUG off: with it on, Django would keep every query of a long import in memory.
    return os.environ | {
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-only-secret",
        "REDIS_URL": "",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    }


def _manage(args: list[str], url: str, capture: bool = False) -> str:
    completed = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=REPO,
        env=_env(url),
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return completed.stdout or ""


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _machine() -> str:
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    cpu = platform.processor() or platform.machine()
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory_gb:.0f} GiB RAM, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )


def _write_report(results: list[EngineResult], n: int, seed: int) -> None:
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        f"Machine: {_machine()}.",
        f"Corpus: `generate_corpus --n {n} --seed {seed}`.",
        "",
        "Page times are server time in-process (Django test client), page cache cleared",
        "before every request, so they are the cost of a first visit; repeat visits are",
        "answered from the cache or with a 304. The facet index is built once per change of",
        "the archive (by the import here), not per request; its build time is given apart.",
        "",
    ]
    for result in results:
        lines += [
            f"## {result.engine}",
            "",
            f"- articles: {result.articles:,}",
            *import_lines(result),
            f"- importer peak memory: {result.import_peak_mb:,.0f} MB at {n:,} files "
            f"({result.small_import_peak_mb:,.0f} MB at a tenth of that)",
            f"- facet index build (an import's end, or the first request after an admin edit): "
            f"{result.facet_index_seconds:.2f} s",
            "",
            f"gunicorn under load ({result.load_tool}):",
            "",
            "| load | requests/s |",
            "| --- | ---: |",
            *(f"| {name} | **{rate:,.0f}** |" for name, rate in result.throughput.items()),
            "",
            "| page | path | median ms | p95 ms | queries |",
            "| --- | --- | ---: | ---: | ---: |",
        ]
        for name, page in result.pages.items():
            lines.append(
                f"| {name} | `{page['path']}` | {page['median_ms']} | {page['p95_ms']} "
                f"| {page['queries']} |"
            )
        lines += ["", "Slowest queries and their plans:", ""]
        for explain in result.explains:
            lines += [
                f"- {explain['page']}, {explain['ms']} ms:",
                "",
                "```sql",
                explain["sql"],
                "```",
                "",
                "```",
                explain["plan"],
                "```",
                "",
            ]
    (REPO / "BENCHMARKS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _log("wrote BENCHMARKS.md")
    print("\n".join(lines))
