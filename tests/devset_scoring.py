"""Score importer output against hand-written expectations.

The expectations are `seeds-expected.json` (shared spec) and `tests/fixtures/devset/expected.json`:
{"articles": [{"file", "record"?, "title", "published", "outlet", "persons", "speakers",
"organizations", "statistics", "not_in_body", ...}]}.

Everything here is a pure function of a parsed article (an `articles.ingest.model.ParsedArticle`
or an equivalent dict) and an expected entry; counts are accumulated in a `Scores` object, which
`render_table` turns into a small text table. Nothing here imports the pipeline or Django.

Matching rules, kept deliberately simple and lenient only about notation:
- title: whitespace, case, curly quotes and dashes are normalized; an expected title of null is
  correct when the parsed article is flagged as needing review (any derived title is fine).
- published: equal dates; published_time (only when expected): equal HH:MM[:SS].
- outlet: normalized name equal to the expected outlet or one of its `outlet_aliases`;
  an expected null outlet is correct when the parsed outlet is empty.
- persons / speakers: by normalized name (case, whitespace, periods, curly quotes ignored).
- person roles: by (name, role), case-insensitive.
- organizations (and organization speakers): by name; the expected acronym or an `aliases`
  entry also counts, and so does a parsed acronym equal to the expected name or acronym.
- statistics: value equal as Decimals and unit equal after case folding, naive singular/plural
  normalization and a few notation synonyms (%/per cent -> percent, yuan/RMB -> CNY,
  $/dollars -> USD, HK$ -> HKD); a unit that is the head noun of the other also agrees
  ("holders" ~ "patent holders", "regions" ~ "provincial-level regions"), an empty unit agrees
  with nothing but an empty unit. `statistics_value_only` ignores units.
- furniture removed: fraction of `not_in_body` strings absent from the stored body.
Each list is matched one-to-one, so duplicates in the output count as false positives.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

# Field names, in table order. Accuracy fields first, then precision/recall/F1 fields.
ACCURACY_FIELDS = ("title", "published", "published_time", "outlet", "furniture_removed")
PRF_FIELDS = (
    "persons",
    "person_roles",
    "speakers",
    "organization_speakers",
    "organizations",
    "statistics",
    "statistics_value_only",
)


# --------------------------------------------------------------------------- counters


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += int(ok)

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def value(self) -> float:
        return self.f1


@dataclass
class Scores:
    accuracy: dict[str, Accuracy] = field(
        default_factory=lambda: {name: Accuracy() for name in ACCURACY_FIELDS}
    )
    prf: dict[str, PRF] = field(default_factory=lambda: {name: PRF() for name in PRF_FIELDS})
    articles: int = 0
    details: list[str] = field(default_factory=list)  # one line per mismatch, for debugging

    def value(self, name: str) -> float | None:
        """Accuracy for an accuracy field, F1 for a precision/recall field."""
        if name in self.accuracy:
            return self.accuracy[name].value
        return self.prf[name].f1


# --------------------------------------------------------------------------- normalization

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)


def norm_text(text: str | None) -> str:
    """Whitespace-, case- and quote-insensitive form of a title or a line of text."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", str(text)).translate(_QUOTES)
    return re.sub(r"\s+", " ", text).strip().casefold()


def norm_name(name: str | None) -> str:
    """Key for a person or organization name: also ignores periods and a leading 'the'."""
    text = norm_text(name).replace(".", "")
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"\s+", " ", text).strip(" ,;:")


_UNIT_SYNONYMS = {
    "%": "percent",
    "per cent": "percent",
    "pct": "percent",
    "percentage": "percent",
    "percents": "percent",
    "yuan": "cny",
    "rmb": "cny",
    "renminbi": "cny",
    "yuan renminbi": "cny",
    "chinese yuan": "cny",
    "$": "usd",
    "us$": "usd",
    "us dollar": "usd",
    "us dollars": "usd",
    "dollar": "usd",
    "dollars": "usd",
    "hk$": "hkd",
    "hong kong dollar": "hkd",
    "hong kong dollars": "hkd",
    "euro": "eur",
    "euros": "eur",
    "€": "eur",
    "swiss franc": "chf",
    "swiss francs": "chf",
}


def _singular(word: str) -> str:
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def norm_unit(unit: str | None) -> str:
    text = norm_text(unit).replace(".", "")
    text = _UNIT_SYNONYMS.get(text, text)
    return " ".join(_singular(w) for w in text.split())


def units_agree(a: str | None, b: str | None) -> bool:
    """Same normalized unit, or one is the trailing words (head noun) of the other."""
    ua, ub = norm_unit(a), norm_unit(b)
    if ua == ub:
        return True
    if not ua or not ub:
        return False
    short, long = sorted((ua.split(), ub.split()), key=len)
    return long[-len(short) :] == short


def to_decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        return None


def to_iso_date(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()[:10]


def to_hms(value: Any) -> str | None:
    """'17:05' / '17:05:12' / dt.time -> 'HH:MM:SS'."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.time()
    if isinstance(value, dt.time):
        return value.replace(microsecond=0).isoformat()
    parts = str(value).strip().split(":")
    parts += ["00"] * (3 - len(parts))
    try:
        return ":".join(f"{int(p):02d}" for p in parts[:3])
    except ValueError:
        return str(value)


# --------------------------------------------------------------------------- the parsed side


@dataclass
class View:
    """What the scorer reads from a parsed article, whatever its form."""

    title: str = ""
    needs_review: bool = False
    published: str | None = None
    published_time: str | None = None
    outlet: str = ""
    body: str = ""
    persons: list[tuple[str, str]] = field(default_factory=list)  # (name, role)
    speakers: list[str] = field(default_factory=list)
    organization_speakers: list[str] = field(default_factory=list)
    organizations: list[tuple[str, str]] = field(default_factory=list)  # (name, acronym)
    statistics: list[tuple[Decimal | None, str]] = field(default_factory=list)  # (value, unit)


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def view_of(article: Any) -> View:
    """Read a ParsedArticle, or a dict with the same names (flat or with a 'header' dict).

    Dict form: {"title", "title_derived"?, "needs_review"? | "review_notes"?, "published",
    "published_time"?, "outlet", "body", "persons": [{"name", "role"}] | [str],
    "speakers": [str] | "quotes": [{"speaker", "speaker_kind"}], "organization_speakers"?,
    "organizations": [{"name", "acronym"}] | [str], "statistics": [{"value", "unit"}]}.
    """
    if article is None:
        return View()
    header = _get(article, "header") or article

    def pick(name: str, default: Any = None) -> Any:
        value = _get(header, name)
        return value if value is not None else _get(article, name, default)

    review = _get(article, "needs_review")
    if review is None:
        review = bool(_get(article, "review_notes") or [])

    quotes = _get(article, "quotes") or []
    speakers = _get(article, "speakers")
    if speakers is None:
        speakers = [
            _get(q, "speaker") for q in quotes if _get(q, "speaker_kind", "person") == "person"
        ]
    org_speakers = _get(article, "organization_speakers")
    if org_speakers is None:
        org_speakers = [
            _get(q, "speaker") for q in quotes if _get(q, "speaker_kind") == "organization"
        ]

    persons = []
    for p in _get(article, "persons") or []:
        if isinstance(p, str):
            persons.append((p, ""))
        else:
            persons.append((_get(p, "name") or "", _get(p, "role") or ""))
    orgs = []
    for o in _get(article, "organizations") or []:
        if isinstance(o, str):
            orgs.append((o, ""))
        else:
            orgs.append((_get(o, "name") or "", _get(o, "acronym") or ""))
    stats = [
        (to_decimal(_get(s, "value")), _get(s, "unit") or "")
        for s in _get(article, "statistics") or []
    ]
    return View(
        title=pick("title") or "",
        needs_review=bool(review),
        published=to_iso_date(pick("published")),
        published_time=to_hms(pick("published_time")),
        outlet=pick("outlet") or "",
        body=_get(article, "body") or "",
        persons=persons,
        speakers=_unique(speakers),
        organization_speakers=_unique(org_speakers),
        organizations=orgs,
        statistics=stats,
    )


# --------------------------------------------------------------------------- matching


def match_one_to_one(
    expected: Sequence[Any], found: Sequence[Any], same: Callable[[Any, Any], bool]
) -> tuple[int, list[Any], list[Any]]:
    """Greedy one-to-one matching. Returns (tp, unmatched expected, unmatched found)."""
    used = [False] * len(found)
    missed = []
    for e in expected:
        for i, f in enumerate(found):
            if not used[i] and same(e, f):
                used[i] = True
                break
        else:
            missed.append(e)
    extra = [f for i, f in enumerate(found) if not used[i]]
    return len(expected) - len(missed), missed, extra


def _org_keys(org: Mapping[str, Any]) -> set[str]:
    keys = {norm_name(org.get("name")), norm_name(org.get("acronym"))}
    keys.update(norm_name(a) for a in org.get("aliases") or [])
    keys.discard("")
    return keys


def org_matches(expected: Mapping[str, Any], name: str, acronym: str = "") -> bool:
    keys = _org_keys(expected)
    return norm_name(name) in keys or (bool(acronym) and norm_name(acronym) in keys)


def _org_match(
    expected: Sequence[Mapping[str, Any]], found: Sequence[tuple[str, str]]
) -> tuple[int, list[Any], list[Any]]:
    """Exact-name pairs first, so an acronym match cannot steal another org's exact match."""
    exact = [
        (i, j)
        for i, e in enumerate(expected)
        for j, (name, _) in enumerate(found)
        if norm_name(name) == norm_name(e.get("name"))
    ]
    used_e: set[int] = set()
    used_f: set[int] = set()
    for i, j in exact:
        if i not in used_e and j not in used_f:
            used_e.add(i)
            used_f.add(j)
    for i, e in enumerate(expected):
        if i in used_e:
            continue
        for j, (name, acronym) in enumerate(found):
            if j not in used_f and org_matches(e, name, acronym):
                used_e.add(i)
                used_f.add(j)
                break
    missed = [e for i, e in enumerate(expected) if i not in used_e]
    extra = [f for j, f in enumerate(found) if j not in used_f]
    return len(used_e), missed, extra


def _name(item: Any) -> str:
    return item if isinstance(item, str) else str(item.get("name", ""))


# --------------------------------------------------------------------------- scoring


def label(expected: Mapping[str, Any]) -> str:
    rec = expected.get("record")
    return expected["file"] + (f"[{rec}]" if rec is not None else "")


def score_article(article: Any, expected: Mapping[str, Any], scores: Scores) -> list[str]:
    """Add one article's counts to `scores`; return (and record) its mismatches."""
    missing = article is None
    v = article if isinstance(article, View) else view_of(article)
    where = label(expected)
    notes: list[str] = []

    def note(text: str) -> None:
        notes.append(f"{where}: {text}")

    scores.articles += 1
    acc = scores.accuracy

    # title
    want_title = expected.get("title")
    if want_title is None:
        ok = v.needs_review
        if not ok:
            note(f"title: file has no headline, derived {v.title!r} is not flagged for review")
    else:
        ok = norm_text(v.title) == norm_text(want_title)
        if not ok:
            note(f"title: {v.title!r} != {want_title!r}")
    acc["title"].add(ok)

    # dates
    want_date = to_iso_date(expected.get("published"))
    ok = v.published == want_date
    acc["published"].add(ok)
    if not ok:
        note(f"published: {v.published} != {want_date}")
    if expected.get("published_time"):
        want_time = to_hms(expected["published_time"])
        ok = v.published_time == want_time
        acc["published_time"].add(ok)
        if not ok:
            note(f"published_time: {v.published_time} != {want_time}")

    # outlet
    want_outlet = expected.get("outlet")
    if want_outlet is None:
        ok = not v.outlet
    else:
        allowed = {norm_name(want_outlet)} | {
            norm_name(a) for a in expected.get("outlet_aliases") or []
        }
        ok = norm_name(v.outlet) in allowed
    acc["outlet"].add(ok)
    if not ok:
        note(f"outlet: {v.outlet!r} != {want_outlet!r}")

    # furniture
    body = norm_text(v.body)
    for line in expected.get("not_in_body") or []:
        ok = not missing and norm_text(line) not in body
        acc["furniture_removed"].add(ok)
        if not ok:
            note(f"furniture left in body: {line!r}")

    prf = scores.prf

    # persons
    want_persons = expected.get("persons") or []
    tp, missed, extra = match_one_to_one(
        want_persons, v.persons, lambda e, f: norm_name(e["name"]) == norm_name(f[0])
    )
    prf["persons"].add(tp, len(extra), len(missed))
    if missed:
        note(f"persons missed: {[e['name'] for e in missed]}")
    if extra:
        note(f"persons extra: {[f[0] for f in extra]}")

    want_roles = [(e["name"], e.get("role") or "") for e in want_persons if e.get("role")]
    got_roles = [(n, r) for n, r in v.persons if r]
    tp, missed, extra = match_one_to_one(
        want_roles,
        got_roles,
        lambda e, f: norm_name(e[0]) == norm_name(f[0]) and norm_text(e[1]) == norm_text(f[1]),
    )
    prf["person_roles"].add(tp, len(extra), len(missed))
    if missed or extra:
        note(f"roles: missed {missed}, extra {extra}")

    # speakers
    want_speakers = _unique(expected.get("speakers") or [])
    tp, missed, extra = match_one_to_one(
        want_speakers, v.speakers, lambda e, f: norm_name(e) == norm_name(f)
    )
    prf["speakers"].add(tp, len(extra), len(missed))
    if missed or extra:
        note(f"speakers: missed {missed}, extra {extra}")

    # organizations
    want_orgs = expected.get("organizations") or []
    tp, missed, extra = _org_match(want_orgs, v.organizations)
    prf["organizations"].add(tp, len(extra), len(missed))
    if missed:
        note(f"organizations missed: {[_name(e) for e in missed]}")
    if extra:
        note(f"organizations extra: {[f[0] for f in extra]}")

    # organization speakers: only where the expectation states them
    if "organization_speakers" in expected:
        by_name = {norm_name(o.get("name")): o for o in want_orgs}
        want = [
            by_name.get(norm_name(n), {"name": n, "acronym": None})
            for n in _unique(expected["organization_speakers"])
        ]
        tp, missed, extra = _org_match(want, [(n, "") for n in v.organization_speakers])
        prf["organization_speakers"].add(tp, len(extra), len(missed))
        if missed or extra:
            note(
                f"organization speakers: missed {[_name(e) for e in missed]}, "
                f"extra {[f[0] for f in extra]}"
            )

    # statistics
    want_stats = [
        (to_decimal(s.get("value")), s.get("unit") or "", s.get("as_written", ""))
        for s in expected.get("statistics") or []
    ]
    tp, missed, extra = match_one_to_one(
        want_stats,
        v.statistics,
        lambda e, f: e[0] is not None and e[0] == f[0] and units_agree(e[1], f[1]),
    )
    prf["statistics"].add(tp, len(extra), len(missed))
    if missed:
        note(f"statistics missed: {[f'{e[0]} {e[1]} ({e[2]})' for e in missed]}")
    if extra:
        note(f"statistics extra: {[f'{f[0]} {f[1]}' for f in extra]}")
    tp, missed, extra = match_one_to_one(
        want_stats, v.statistics, lambda e, f: e[0] is not None and e[0] == f[0]
    )
    prf["statistics_value_only"].add(tp, len(extra), len(missed))

    scores.details.extend(notes)
    return notes


def score_file(
    parsed: Sequence[Any] | None, expected_entries: Sequence[Mapping[str, Any]], scores: Scores
) -> list[str]:
    """Score what one file parsed into against all the expected entries for that file.

    Entries are paired by their 'record' index (0 when absent). A missing article (fewer
    records than expected, or `parsed` None because parsing failed) scores as all misses.
    """
    parsed = list(parsed or [])
    notes = []
    for entry in expected_entries:
        index = entry.get("record") or 0
        article = parsed[index] if index < len(parsed) else None
        if article is None:
            scores.details.append(f"{label(entry)}: no article parsed for this record")
        notes += score_article(article, entry, scores)
    if len(parsed) > len(expected_entries) and expected_entries:
        msg = f"{expected_entries[0]['file']}: {len(parsed)} articles parsed, expected "
        msg += f"{len(expected_entries)}"
        scores.details.append(msg)
        notes.append(msg)
    return notes


def group_by_file(doc: Mapping[str, Any]) -> dict[str, list[Mapping[str, Any]]]:
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for entry in doc["articles"]:
        groups.setdefault(entry["file"], []).append(entry)
    for entries in groups.values():
        entries.sort(key=lambda e: e.get("record") or 0)
    return groups


def score_corpus(
    parse: Callable[[Path], Sequence[Any]], directory: Path, doc: Mapping[str, Any]
) -> Scores:
    """Parse every file named in `doc` (from `directory`) with `parse` and score it all."""
    scores = Scores()
    for name, entries in group_by_file(doc).items():
        try:
            parsed = parse(directory / name)
        except Exception as exc:  # an unparsable file scores as misses, with the reason
            scores.details.append(f"{name}: parse failed: {type(exc).__name__}: {exc}")
            parsed = None
        score_file(parsed, entries, scores)
    return scores


def load_expected(path: Path) -> dict[str, Any]:
    """Read an expected.json, keeping decimal values exact."""
    return json.loads(Path(path).read_text(encoding="utf-8"), parse_float=Decimal)


# --------------------------------------------------------------------------- report


def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.3f}"


def render_table(scores: Scores, title: str = "", floors: Mapping[str, float] | None = None) -> str:
    floors = floors or {}
    lines = []
    if title:
        lines.append(f"{title} ({scores.articles} articles)")
    head = f"{'field':<24}{'score':>7}{'floor':>7}  {'n':>5}{'tp':>6}{'fp':>6}{'fn':>6}"
    head += f"{'P':>8}{'R':>7}"
    lines += [head, "-" * len(head)]
    for name in ACCURACY_FIELDS:
        a = scores.accuracy[name]
        floor = f"{floors[name]:7.2f}" if name in floors else " " * 7
        mark = " <" if name in floors and (a.value or 0) < floors[name] else ""
        lines.append(
            f"{name:<24}{_fmt(a.value):>7}{floor}  {a.total:>5}{'':>6}{'':>6}{'':>6}{mark}"
        )
    for name in PRF_FIELDS:
        p = scores.prf[name]
        floor = f"{floors[name]:7.2f}" if name in floors else " " * 7
        mark = " <" if name in floors and p.f1 < floors[name] else ""
        n = p.tp + p.fn
        row = f"{name:<24}{_fmt(p.f1):>7}{floor}  {n:>5}{p.tp:>6}{p.fp:>6}{p.fn:>6}"
        lines.append(row + f"{p.precision:>8.3f}{p.recall:>7.3f}{mark}")
    lines.append("score = accuracy for the first block, F1 for the second; n = expected items")
    return "\n".join(lines)


def render_details(scores: Scores, limit: int | None = None) -> str:
    details = scores.details if limit is None else scores.details[:limit]
    more = len(scores.details) - len(details)
    text = "\n".join(details)
    return text + (f"\n... and {more} more" if more > 0 else "")


# --------------------------------------------------------------------------- shared by the sets

# The targets, asserted on the dev set and reported on the held-out sets.
TARGETS = {
    "title": 0.95,
    "published": 0.95,
    "persons": 0.9,
    "speakers": 0.9,
    "organizations": 0.9,
    "statistics": 0.8,
}
RESULTS_DIR = Path(__file__).resolve().parents[1] / "test-results"


def measure(name: str, directory: Path, doc: Mapping[str, Any], parse, floors=TARGETS) -> None:
    """Score a set, write test-results/<name>-scores.txt, print it, assert the floors."""
    scores = score_corpus(parse, directory, doc)
    table = render_table(scores, title=f"{name}: {directory}", floors=floors)
    report = f"{table}\n\nMismatches:\n{render_details(scores) or '(none)'}\n"
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / f"{name}-scores.txt").write_text(report, encoding="utf-8")
    print(f"\n{report}")
    below = {
        field: round(scores.value(field) or 0.0, 3)
        for field, floor in floors.items()
        if (scores.value(field) or 0.0) < floor
    }
    assert not below, f"below floor: {below}\n{table}\n{render_details(scores, limit=40)}"


_ENCODINGS = {
    "utf-16": "utf-16",
    "gb18030": "gb18030",
    "windows-1252": "cp1252",
    "utf-8 with bom": "utf-8-sig",
}


def fixture_text(directory: Path, entry: Mapping[str, Any]) -> str:
    """A fixture's text as a reader sees it (decoded, tags stripped), normalized."""
    import html
    import json
    import re

    path = directory / entry["file"]
    encoding = next(
        (codec for k, codec in _ENCODINGS.items() if entry["encoding"].lower().startswith(k)),
        "utf-8",
    )
    text = path.read_bytes().decode(encoding)
    if path.suffix == ".jsonl":
        records = [json.loads(line) for line in text.splitlines() if line.strip()]
        text = "\n".join(str(value) for value in records[entry["record"]].values())
    if path.suffix == ".html":
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return norm_text(text)


def check_fixtures(directory: Path, articles: list[Mapping[str, Any]]) -> None:
    """Each expected value is really in its file, and the lists agree with each other."""
    import datetime as dt

    for entry in articles:
        where = label(entry)
        raw = fixture_text(directory, entry)
        dt.date.fromisoformat(entry["published"])
        words = len(raw.split())
        assert 150 <= words <= 700, f"{where}: {words} words"
        if entry["title"]:
            assert norm_text(entry["title"]) in raw, where
        names = {p["name"] for p in entry["persons"]}
        assert set(entry["speakers"]) <= names, where
        org_names = {o["name"] for o in entry["organizations"]}
        assert set(entry.get("organization_speakers", [])) <= org_names, where
        for line in entry["not_in_body"]:
            assert norm_text(line) in raw, f"{where}: furniture {line!r} not in the file"
        for stat in entry["statistics"]:
            assert isinstance(stat["value"], (int, Decimal)), where
            assert norm_text(stat["as_written"]) in raw, f"{where}: {stat['as_written']!r}"
        for person in entry["persons"]:
            assert norm_text(person["name"]) in raw, f"{where}: {person['name']}"
        if entry["outlet"]:  # the outlet is one of the organizations
            assert any(org_matches(o, entry["outlet"]) for o in entry["organizations"]), where
    assert any(e["file"].endswith(".html") for e in articles)
    assert sum(e["file"].endswith(".jsonl") for e in articles) == 2
