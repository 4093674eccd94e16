"""ParsedArticle -> rows. The one place the pipeline's output meets the database.

Re-import is keyed by content hash (same text: nothing to do) and then by source name (a
changed file updates the article it made before). Staff corrections win: an article field
listed in `curated_fields`, and any extracted row marked `curated`, is never overwritten, and
an extracted row staff deleted (a `Dismissal`) is not written again.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
from dataclasses import dataclass, field

from django.db import connections, models, router, transaction
from django.utils import timezone
from django.utils.text import slugify

from articles import freshness
from articles.ingest.model import SPEAKER_ORGANIZATION, ParsedArticle
from articles.ingest.topics import TopicDefinition
from articles.models import (
    Article,
    ArticleTopic,
    Dismissal,
    Organization,
    OrganizationMention,
    Person,
    PersonMention,
    Quote,
    RejectedName,
    Statistic,
    Topic,
)

IMPORTED, UPDATED, UNCHANGED = "imported", "updated", "unchanged"


@dataclass
class _Kept:
    """What staff curated or deleted in an article: extraction writes none of these again."""

    people: set[int] = field(default_factory=set)
    organizations: set[int] = field(default_factory=set)
    topics: set[int] = field(default_factory=set)
    quote_places: set[int] = field(default_factory=set)
    figure_places: set[int] = field(default_factory=set)


def _add_dismissals(kept: _Kept, article: Article) -> None:
    """Rows staff deleted are held back like curated ones (curation.dismiss)."""
    held_back = {
        Dismissal.PERSON: kept.people,
        Dismissal.ORGANIZATION: kept.organizations,
        Dismissal.TOPIC: kept.topics,
        Dismissal.QUOTE: kept.quote_places,
        Dismissal.STATISTIC: kept.figure_places,
    }
    for kind, *keys in article.dismissals.values_list(
        "kind", "person_id", "organization_id", "topic_id", "position"
    ):
        held_back[kind].update(key for key in keys if key is not None)


class _Table:
    """One table's new rows, written in one go: tuples in `fields` order.

    Django's bulk_create builds a model instance per row and compiles every value of it
    through the query compiler, which made it the importer's largest cost (about 40 rows an
    article). These rows need none of that: they fire no signals and have no history, and
    only JSON, decimal, date and time values need converting for the database
    (`_db_converter`).
    """

    def __init__(self, model, fields: tuple[str, ...]) -> None:
        self.model = model
        self.fields = [model._meta.get_field(name) for name in fields]
        self.rows: list[tuple] = []

    def add(self, *values) -> None:
        self.rows.append(values)

    def insert(self) -> None:
        if not self.rows:
            return
        connection = connections[router.db_for_write(self.model)]
        params = self._prepared(connection)
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(field.column) for field in self.fields)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # COPY streams the rows: about a tenth of the time of INSERT statements.
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in params:
                        copy.write_row(row)
            else:
                placeholders = ", ".join(["%s"] * len(self.fields))
                sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
                cursor.executemany(sql, params)
        self.rows = []

    def _prepared(self, connection) -> list:
        """The rows with the values the driver can't take as they are converted, as the
        field would for a save."""
        converters = [
            (index, converter)
            for index, field in enumerate(self.fields)
            if (converter := _db_converter(field, connection)) is not None
        ]
        if not converters:
            return self.rows
        params = [list(row) for row in self.rows]
        for row in params:
            for index, convert in converters:
                row[index] = convert(row[index])
        return params


def _db_converter(field, connection):
    """How a value of `field` is made ready for the database driver, or None if it needs
    nothing. JSON is by far the commonest (the as_written lists of every mention): plain
    json.dumps is what Django does on SQLite, and PostgreSQL's COPY parses the text.

    Decimals, dates and times go straight to the backend's adapter, the last step of the
    field's get_db_prep_save: the steps before it turn strings and naive datetimes into
    those types, and the parser and loader hand over Decimals, dates, times and aware
    datetimes already. The full chain took a tenth of the importing process's time."""
    if isinstance(field, models.JSONField):
        return _json_text
    ops = connection.ops
    if isinstance(field, models.DecimalField):
        return functools.partial(
            ops.adapt_decimalfield_value,
            max_digits=field.max_digits,
            decimal_places=field.decimal_places,
        )
    if isinstance(field, models.DateTimeField):  # before DateField, which it subclasses
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.TimeField):
        return ops.adapt_timefield_value
    return None


def _json_text(value) -> str | None:
    return None if value is None else json.dumps(value)


def _reserve_ids(model, count: int) -> list[int]:
    """Ids for `count` rows of `model` about to be inserted in this transaction.

    With their ids known beforehand, new articles are written like their rows (COPY or
    executemany) instead of through bulk_create, which compiled every field of every article
    and was the largest cost of writing them. PostgreSQL hands out ids from the table's
    sequence, safe beside other writers. SQLite takes the next ids after both the highest
    id and the highest ever used (AUTOINCREMENT never reuses a deleted article's id); its
    transactions begin IMMEDIATE (settings), so no other connection writes in between.
    """
    connection = connections[router.db_for_write(model)]
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        quoted = connection.ops.quote_name(table)
        cursor.execute(
            f"SELECT max(coalesce((SELECT max(id) FROM {quoted}), 0),"
            " coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
            [table],
        )
        first = cursor.fetchone()[0] + 1
        return list(range(first, first + count))


def _insert_articles(articles: _Table) -> None:
    """New articles' rows, and on SQLite their search index rows in one statement after
    them: half the CPU of the insert trigger's row by row (migration 0012, which makes the
    trigger stand aside while article_fts_bulk_load holds a row). Runs inside the batch's
    transaction, so the marker row is never seen by another connection."""
    connection = connections[router.db_for_write(Article)]
    if connection.vendor != "sqlite":
        articles.insert()
        return
    assert connection.in_atomic_block, "the marker row must not outlive the transaction"
    names = [field.name for field in articles.fields]
    id_at, title_at, body_at = names.index("id"), names.index("title"), names.index("body")
    index_rows = [(row[id_at], row[title_at], row[body_at]) for row in articles.rows]
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO article_fts_bulk_load DEFAULT VALUES")
        articles.insert()
        cursor.executemany(
            "INSERT INTO article_fts(rowid, title, body) VALUES (%s, %s, %s)", index_rows
        )
        cursor.execute("DELETE FROM article_fts_bulk_load")


_NEW_ARTICLE_FIELDS = (
    "id",
    "slug",
    "source_file",
    "raw_text",
    "content_hash",
    "curated_fields",
    "created_at",
    "updated_at",
    *Article.IMPORTED_FIELDS,
)


class _Rows:
    """Extracted rows waiting to be inserted, one table each. New rows are never curated."""

    def __init__(self) -> None:
        self.person_mentions = _Table(
            PersonMention,
            ("article", "person", "role", "affiliation", "as_written", "position", "curated"),
        )
        self.organization_mentions = _Table(
            OrganizationMention, ("article", "organization", "as_written", "position", "curated")
        )
        self.quotes = _Table(
            Quote,
            (
                "article",
                "person",
                "organization",
                "text",
                "direct",
                "position",
                "curated",
                "published",  # the article's date, copied (DatedByArticle)
            ),
        )
        self.statistics = _Table(
            Statistic,
            (
                "article",
                "value",
                "unit",
                "what",
                "qualifier",
                "year",
                "as_written",
                "sentence",
                "position",
                "curated",
                "published",
            ),
        )
        self.topic_links = _Table(ArticleTopic, ("article", "topic", "terms", "curated"))

    def insert(self) -> None:
        for table in (
            self.person_mentions,
            self.organization_mentions,
            self.quotes,
            self.statistics,
            self.topic_links,
        ):
            table.insert()


@functools.lru_cache(maxsize=100_000)
def _name_key(name: str) -> str:
    """A person's or organization's cache key; the same few thousand names recur in every
    article, and slugify (Unicode normalization and two regexes) is costly per mention."""
    return slugify(name)


def _slug_base(title: str) -> str:
    return slugify(title)[:80].strip("-") or "article"


def _save_without_history(instance, **kwargs) -> None:
    """Imports are not staff edits: they stay out of the audit trail (django-simple-history),
    which would otherwise double the rows a large import writes."""
    instance.skip_history_when_saving = True
    instance.save(**kwargs)


def content_hash(raw_text: str) -> str:
    return hashlib.sha256(raw_text.encode("utf-8")).hexdigest()


def vocabulary_from_database() -> list[TopicDefinition]:
    return [
        TopicDefinition(
            name=topic.name, slug=topic.slug, description=topic.description, terms=topic.term_list
        )
        for topic in Topic.objects.all()
    ]


@dataclass
class LoadResult:
    status: str
    article: Article


class ArticleLoader:
    """Writes parsed articles; caches people, organizations and topics across one import."""

    def __init__(self) -> None:
        self._load_caches()

    def _load_caches(self) -> None:
        self._people: dict[str, Person] = {}
        self._organizations: dict[str, Organization] = {}
        self._topics = {topic.name: topic for topic in Topic.objects.all()}
        for person in Person.objects.all():
            self._remember_person(person)
        for organization in Organization.objects.all():
            self._remember_organization(organization)
        self._rejected_names: dict[str, set[str]] = {
            RejectedName.PERSON: set(),
            RejectedName.ORGANIZATION: set(),
        }
        for kind, key in RejectedName.objects.values_list("kind", "key"):
            self._rejected_names[kind].add(key)

    # --- articles -----------------------------------------------------------------------

    def load(self, parsed: ParsedArticle) -> LoadResult:
        # One change stamp (and one recount) once the rows are written, not at the article's
        # own save, before them; inside an import's batch this is a no-op.
        with freshness.batch():
            return self._load(parsed)

    def _load(self, parsed: ParsedArticle) -> LoadResult:
        digest = content_hash(parsed.raw_text)
        existing = Article.objects.filter(content_hash=digest).first()
        if existing is not None:
            return LoadResult(UNCHANGED, existing)
        try:
            return self._load_new_text(parsed, digest)
        except Exception:
            # The rollback may have undone people or organizations this loader cached.
            self._load_caches()
            raise

    def load_batch(self, batch: list[ParsedArticle]) -> list[str | Exception]:
        """Load many articles; a status (or the error) for each, in order.

        New articles go in together: one transaction and one insert per table for the whole
        batch, which is what makes a 100,000-article import fast. Changed articles, and every
        article of a batch the database refuses, go one at a time, each in its own
        transaction, so one bad article never takes the others down with it and nothing is
        ever half-written.
        """
        with freshness.batch():
            return self._load_batch(batch)

    def _load_batch(self, batch: list[ParsedArticle]) -> list[str | Exception]:
        digests = [content_hash(parsed.raw_text) for parsed in batch]
        known = set(
            Article.objects.filter(content_hash__in=digests).values_list("content_hash", flat=True)
        )
        sources = [parsed.source_file for parsed in batch if parsed.source_file]
        known_sources = set(
            Article.objects.filter(source_file__in=sources).values_list("source_file", flat=True)
        )
        statuses: list[str | Exception | None] = [None] * len(batch)
        fresh: list[int] = []
        seen_digests: set[str] = set()
        seen_sources: set[str] = set()
        for index, (parsed, digest) in enumerate(zip(batch, digests, strict=True)):
            if digest in known or digest in seen_digests:
                statuses[index] = UNCHANGED
            elif parsed.source_file in known_sources or parsed.source_file in seen_sources:
                statuses[index] = self._load_one(parsed)
            else:
                fresh.append(index)
                seen_digests.add(digest)
                if parsed.source_file:
                    seen_sources.add(parsed.source_file)
        if fresh:
            try:
                with transaction.atomic():
                    self._insert_fresh([batch[i] for i in fresh], [digests[i] for i in fresh])
                for index in fresh:
                    statuses[index] = IMPORTED
            except Exception:
                self._load_caches()  # the rollback undid people and organizations made here
                for index in fresh:
                    statuses[index] = self._load_one(batch[index])
        return statuses

    def _load_one(self, parsed: ParsedArticle) -> str | Exception:
        try:
            return self.load(parsed).status
        except Exception as exc:  # reported by the caller, with the file it came from
            return exc

    def _insert_fresh(self, batch: list[ParsedArticle], digests: list[str]) -> None:
        bases = [_slug_base(parsed.header.title) for parsed in batch]
        taken = set(Article.objects.filter(slug__in=bases).values_list("slug", flat=True))
        now = timezone.now()
        articles = _Table(Article, _NEW_ARTICLE_FIELDS)
        article_ids = _reserve_ids(Article, len(batch))
        for article_id, parsed, digest, base in zip(
            article_ids, batch, digests, bases, strict=True
        ):
            slug = f"{base}-{digest[:8]}" if base in taken else base
            taken.add(slug)
            values = self._imported_values(parsed)
            values["outlet"] = values["outlet"].pk if values["outlet"] else None
            articles.add(
                article_id,
                slug,
                parsed.source_file,
                parsed.raw_text,
                digest,
                [],  # curated_fields: nothing is curated yet
                now,
                now,
                *(values[name] for name in Article.IMPORTED_FIELDS),
            )
        # The batch's outlets are all made before its mentions, as they are when articles
        # are loaded one at a time: an organization's kind is set by where it is first seen.
        rows = _Rows()
        for article_id, parsed in zip(article_ids, batch, strict=True):
            self._collect_rows(rows, article_id, parsed.header.published, parsed, _Kept())
        _insert_articles(articles)
        rows.insert()

    def _load_new_text(self, parsed: ParsedArticle, digest: str) -> LoadResult:
        with transaction.atomic():
            article = (
                Article.objects.select_for_update()
                .filter(source_file=parsed.source_file)
                .order_by("-updated_at")
                .first()
                if parsed.source_file
                else None
            )
            status = UPDATED if article else IMPORTED
            article = article or Article(source_file=parsed.source_file)
            self._write_article(article, parsed, digest)
            self._write_rows(article, parsed, fresh=status == IMPORTED)
        return LoadResult(status, article)

    def rewrite(self, article: Article, parsed: ParsedArticle) -> None:
        """Write a fresh extraction of an article's own text over it (staff re-extraction)."""
        with freshness.batch(), transaction.atomic():
            self._write_article(article, parsed, content_hash(parsed.raw_text))
            self._write_rows(article, parsed)

    def _imported_values(self, parsed: ParsedArticle) -> dict:
        header = parsed.header
        return {
            "title": header.title[:500],
            "title_derived": header.title_derived,
            "published": header.published,
            "published_time": header.published_time,
            "date_basis": header.date_basis[:200],
            "dateline_place": header.dateline_place[:120],
            "dateline_date": header.dateline_date,
            "outlet": (
                self.organization(header.outlet, kind="media")
                if header.outlet and not self._rejected(RejectedName.ORGANIZATION, header.outlet)
                else None
            ),
            "section": header.section[:120],
            "byline": header.byline[:300],
            "url": header.url[:1000],
            "body": parsed.body,
            "needs_review": parsed.needs_review,
            "review_notes": "\n".join(parsed.review_notes),
        }

    def _write_article(self, article: Article, parsed: ParsedArticle, digest: str) -> None:
        for field_name, value in self._imported_values(parsed).items():
            if not article.is_curated(field_name):
                setattr(article, field_name, value)
        article.raw_text = parsed.raw_text
        article.content_hash = digest
        if not article.slug:
            article.slug = self._unique_article_slug(article.title, digest)
        _save_without_history(article)

    def _unique_article_slug(self, title: str, digest: str) -> str:
        base = _slug_base(title)
        if not Article.objects.filter(slug=base).exists():
            return base
        return f"{base}-{digest[:8]}"

    # --- extracted rows -------------------------------------------------------------------

    def _write_rows(self, article: Article, parsed: ParsedArticle, fresh: bool = False) -> None:
        """Replace the article's extracted rows, keeping curated ones. A `fresh` article has
        no rows yet, which saves ten queries per new article."""
        kept = _Kept()
        if not fresh:
            for manager in (
                article.person_mentions,
                article.organization_mentions,
                article.quotes,
                article.statistics,
                article.topic_links,
            ):
                manager.filter(curated=False).delete()
            kept = _Kept(
                people=set(article.person_mentions.values_list("person_id", flat=True)),
                organizations=set(
                    article.organization_mentions.values_list("organization_id", flat=True)
                ),
                topics=set(article.topic_links.values_list("topic_id", flat=True)),
                quote_places=set(article.quotes.values_list("position", flat=True)),
                figure_places=set(article.statistics.values_list("position", flat=True)),
            )
            _add_dismissals(kept, article)
        rows = _Rows()
        self._collect_rows(rows, article.pk, article.published, parsed, kept)
        rows.insert()

    def _collect_rows(
        self,
        rows: _Rows,
        article_id: int,
        published: datetime.date | None,
        parsed: ParsedArticle,
        kept: _Kept,
    ):
        """The rows of one article, leaving out what a curated row already stands for."""
        people_by_name: dict[str, int] = {}
        kept_people = set(kept.people)
        for found in parsed.persons:
            if self._rejected(RejectedName.PERSON, found.name):
                continue  # and so are the quotes it would have spoken
            person_id = self.person(found.name, found.role, found.affiliation).pk
            people_by_name[found.name] = person_id
            if person_id in kept_people:
                continue
            kept_people.add(person_id)
            rows.person_mentions.add(
                article_id,
                person_id,
                found.role[:200],
                found.affiliation[:300],
                found.as_written,
                found.position,
                False,
            )

        orgs_by_name: dict[str, int] = {}
        kept_organizations = set(kept.organizations)
        for found in parsed.organizations:
            if self._rejected(RejectedName.ORGANIZATION, found.name):
                continue
            organization_id = self.organization(found.name, found.acronym, found.kind).pk
            orgs_by_name[found.name] = organization_id
            if organization_id in kept_organizations:
                continue
            kept_organizations.add(organization_id)
            rows.organization_mentions.add(
                article_id, organization_id, found.as_written, found.position, False
            )

        for found in parsed.quotes:
            person_id = organization_id = None
            if found.speaker_kind == SPEAKER_ORGANIZATION:
                organization_id = orgs_by_name.get(found.speaker)
            else:
                person_id = people_by_name.get(found.speaker)
            # A curated quote or figure stands in for the extracted one at its place.
            if (person_id or organization_id) is None or found.position in kept.quote_places:
                continue
            rows.quotes.add(
                article_id,
                person_id,
                organization_id,
                found.text,
                found.direct,
                found.position,
                False,
                published,
            )

        for found in parsed.statistics:
            if found.position in kept.figure_places:
                continue
            rows.statistics.add(
                article_id,
                found.value,
                found.unit[:80],
                found.what[:300],
                found.qualifier[:40],
                found.year,
                found.as_written[:300],
                found.sentence,
                found.position,
                False,
                published,
            )

        for found in parsed.topics:
            topic = self._topics.get(found.name)
            if topic is None or topic.pk in kept.topics:
                continue
            rows.topic_links.add(article_id, topic.pk, found.terms, False)

    # --- people and organizations -----------------------------------------------------------

    def person(self, name: str, role: str = "", affiliation: str = "") -> Person:
        """The one Person of this full name (or alias), created on first sight."""
        key = _name_key(name)
        person = self._people.get(key)
        if person is None:
            person = Person(
                name=name[:200],
                slug=key[:200] or "person",
                role=role[:200],
                affiliation=affiliation[:300],
            )
            _save_without_history(person)
            self._remember_person(person)
            return person
        changed = [
            field_name
            for field_name, value in (("role", role), ("affiliation", affiliation))
            if value and not getattr(person, field_name) and not person.is_curated(field_name)
        ]
        for field_name in changed:
            setattr(person, field_name, role if field_name == "role" else affiliation)
        if changed:
            _save_without_history(person, update_fields=[*changed, "updated_at"])
        return person

    def organization(self, name: str, acronym: str = "", kind: str = "other") -> Organization:
        key = _name_key(name)
        organization = self._organizations.get(key) or (
            self._organizations.get(_name_key(acronym)) if acronym else None
        )
        if organization is None:
            organization = Organization(
                name=name[:300], slug=key[:200] or "organization", acronym=acronym[:40], kind=kind
            )
            _save_without_history(organization)
            self._remember_organization(organization)
            return organization
        changed = []
        if acronym and not organization.acronym and not organization.is_curated("acronym"):
            organization.acronym = acronym[:40]
            changed.append("acronym")
        if kind != "other" and organization.kind == "other" and not organization.is_curated("kind"):
            organization.kind = kind
            changed.append("kind")
        if changed:
            _save_without_history(organization, update_fields=[*changed, "updated_at"])
        return organization

    def _rejected(self, kind: str, name: str) -> bool:
        """Staff deleted the person or organization of this name; one they have since made
        (or given this name as an alias) stands."""
        rejected = self._rejected_names[kind]
        if not rejected:
            return False
        key = _name_key(name)
        known = self._people if kind == RejectedName.PERSON else self._organizations
        return key in rejected and key not in known

    def _remember_person(self, person: Person) -> None:
        self._people[person.slug] = person
        for alias in person.aliases:
            self._people.setdefault(_name_key(alias), person)

    def _remember_organization(self, organization: Organization) -> None:
        self._organizations[organization.slug] = organization
        for alias in [*organization.aliases, organization.acronym]:
            if alias:
                self._organizations.setdefault(_name_key(alias), organization)
