"""What archive staff do to the data: mark corrections curated, release them, mark articles
reviewed, re-run extraction, and merge duplicate people or organizations.

Plain functions: the admin's actions and the corrections commands call them. A curated value
is one an import never overwrites (see `articles.loader`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Model, QuerySet
from django.utils.text import slugify

from articles.ingest.model import ParseError
from articles.ingest.pipeline import parse_document
from articles.ingest.sources import SourceDocument, _jsonl_documents, html_document
from articles.loader import ArticleLoader, vocabulary_from_database
from articles.models import (
    Article,
    Dismissal,
    ExtractedRow,
    Organization,
    OrganizationMention,
    Person,
    PersonMention,
    Quote,
    RejectedName,
)

# Fields a staff edit marks curated: those an import writes, plus names and aliases (the keys
# by which a re-import recognizes a person or organization again).
CURATABLE_FIELDS: dict[type[Model], tuple[str, ...]] = {
    Article: Article.IMPORTED_FIELDS,
    Person: ("name", "role", "affiliation", "aliases"),
    Organization: ("name", "acronym", "kind", "aliases"),
}


# --- curated fields and rows --------------------------------------------------------------


def changed_fields(obj: Model) -> list[str]:
    """The curatable fields whose value differs from the stored row (or from the defaults, for
    a new object). Compared with the database, so a revert from history counts too."""
    names = CURATABLE_FIELDS[type(obj)]
    stored = type(obj).objects.filter(pk=obj.pk).first() if obj.pk else None
    reference = stored if stored is not None else type(obj)()
    changed = []
    for name in names:
        attname = obj._meta.get_field(name).attname
        if getattr(obj, attname) != getattr(reference, attname):
            changed.append(name)
    return changed


def add_curated(obj: Model, field_names: Iterable[str]) -> None:
    obj.curated_fields = sorted({*obj.curated_fields, *field_names})


def mark_changes_curated(obj: Model) -> list[str]:
    """Before saving a staff edit: list its changed fields in `curated_fields`."""
    changed = changed_fields(obj)
    add_curated(obj, changed)
    return changed


def row_edited_by_staff(changed_data: Iterable[str]) -> bool:
    """A row form changed in more than its `curated` checkbox is a staff correction (unticking
    `curated` alone is how staff release a row)."""
    return bool(set(changed_data) - {"curated"})


ARTICLE_ROW_RELATIONS = (
    "person_mentions",
    "organization_mentions",
    "quotes",
    "statistics",
    "topic_links",
)


@transaction.atomic
def release_curated(objects: QuerySet, reason: str = "Released curated fields") -> int:
    """Imports may overwrite these objects again; for articles, their extracted rows too."""
    released = 0
    for obj in objects:
        if obj.curated_fields:
            obj.curated_fields = []
            obj._change_reason = reason
            obj.save(update_fields=["curated_fields", "updated_at"])
            released += 1
        if isinstance(obj, Article):
            for relation in ARTICLE_ROW_RELATIONS:
                released += getattr(obj, relation).filter(curated=True).update(curated=False)
            released += obj.dismissals.all().delete()[0]
    return released


def release_rows(rows: QuerySet[ExtractedRow]) -> int:
    return rows.filter(curated=True).update(curated=False)


# --- deleted rows stay deleted ------------------------------------------------------------


_DISMISSAL_KINDS = {model: kind for kind, model in Dismissal.ROW_MODELS.items()}


def dismissal_for(row: ExtractedRow) -> Dismissal | None:
    """What holds back the extraction of a row staff delete, or None for a row staff added
    themselves (no extraction of it to hold back). Unsaved."""
    if row.history.filter(history_type="+").exists():
        return None
    kind = _DISMISSAL_KINDS.get(type(row))
    if kind is None:
        raise TypeError(f"not an extracted row: {row!r}")
    field = row._meta.get_field(Dismissal.HELD_BACK_BY[kind])
    if field.name != "position":
        text = getattr(row, field.name)  # whom or what the row names
    elif isinstance(row, Quote):
        text = row.text  # its str() shortens the text and adds the speaker
    else:
        text = row  # a figure as written
    return Dismissal(
        article_id=row.article_id,
        kind=kind,
        text=str(text)[:500],
        **{field.attname: getattr(row, field.attname)},
    )


@transaction.atomic
def dismiss(rows: Iterable[ExtractedRow]) -> int:
    """Record that staff deleted these rows, so no re-extraction or re-import of their
    articles brings them back; call before deleting them. Returns how many were recorded."""
    dismissals = [d for row in rows if (d := dismissal_for(row)) is not None]
    return sum(dismissal.record() for dismissal in dismissals)


@transaction.atomic
def reject(entities: Iterable[Person | Organization]) -> int:
    """Record that staff deleted these people or organizations as a whole, so no import makes
    them again from their names or aliases; call before deleting them. Returns how many names
    were recorded."""
    rejections = {}
    for entity in entities:
        kind = RejectedName.PERSON if isinstance(entity, Person) else RejectedName.ORGANIZATION
        names = {slugify(name): name for name in [entity.name, *entity.aliases]}
        for key, name in {entity.slug: entity.name, **names}.items():
            if key:
                rejections.setdefault((kind, key[:200]), name)
    existing = set(
        RejectedName.objects.filter(key__in=[key for _, key in rejections]).values_list(
            "kind", "key"
        )
    )
    new = [
        RejectedName(kind=kind, key=key, name=name[:300])
        for (kind, key), name in rejections.items()
        if (kind, key) not in existing
    ]
    RejectedName.objects.bulk_create(new)
    return len(new)


# --- review and re-extraction ---------------------------------------------------------------


@transaction.atomic
def mark_reviewed(articles: QuerySet[Article]) -> int:
    """needs_review off, and kept off: a re-import would otherwise raise the flag again."""
    count = 0
    for article in articles:
        article.needs_review = False
        add_curated(article, ["needs_review"])
        article._change_reason = "Marked reviewed"
        article.save(update_fields=["needs_review", "curated_fields", "updated_at"])
        count += 1
    return count


def source_document(article: Article) -> SourceDocument:
    """The document the importer read, rebuilt from the stored raw source."""
    name, _, record = article.source_file.partition("#")
    suffix = PurePath(name).suffix.lower()
    if suffix == ".jsonl":
        # The stored raw text is the record's JSON line; the source module knows its fields.
        document = next(_jsonl_documents(name, article.raw_text))
        return dataclasses.replace(document, source_name=article.source_file)
    if suffix in (".html", ".htm"):
        return html_document(article.source_file, article.raw_text)
    return SourceDocument(source_name=article.source_file, text=article.raw_text)


@dataclasses.dataclass
class ReextractResult:
    done: list[Article] = dataclasses.field(default_factory=list)
    failed: list[tuple[Article, str]] = dataclasses.field(default_factory=list)


def reextract(articles: Iterable[Article]) -> ReextractResult:
    """Run the pipeline again on each article's stored source; curated values and rows stay."""
    loader = ArticleLoader()
    vocabulary = vocabulary_from_database()
    result = ReextractResult()
    for article in articles:
        try:
            parsed = parse_document(source_document(article), vocabulary)
        except (ParseError, ValueError, StopIteration) as exc:
            result.failed.append((article, str(exc) or type(exc).__name__))
            continue
        article._change_reason = "Re-extracted"
        loader.rewrite(article, parsed)
        result.done.append(article)
    return result


# --- merging duplicates -------------------------------------------------------------------


def _speaker_field(entity: Person | Organization) -> str:
    return "person" if isinstance(entity, Person) else "organization"


def _mention_model(entity: Person | Organization):
    return PersonMention if isinstance(entity, Person) else OrganizationMention


def default_survivor(entities: QuerySet) -> Person | Organization:
    """The one to keep unless staff choose: the most mentioned; on a tie, the oldest."""
    return entities.annotate(mention_count=Count("mentions")).order_by(
        "-mention_count", "created_at", "pk"
    )[0]


@transaction.atomic
def merge(survivor: Person | Organization, duplicates: Iterable[Person | Organization]) -> int:
    """Fold each duplicate into the survivor: mentions, quotes (and, for organizations, the
    articles they published) move over; names and aliases become the survivor's aliases, so
    a re-import finds the survivor by any of them; the duplicates go. Returns how many."""
    duplicates = list(duplicates)
    if any(duplicate.pk == survivor.pk for duplicate in duplicates):
        raise ValidationError(f"{survivor} cannot be merged into itself.")
    if any(type(duplicate) is not type(survivor) for duplicate in duplicates):
        raise ValidationError("Only people with people, or organizations with organizations.")
    field = _speaker_field(survivor)
    mention_model = _mention_model(survivor)
    survivor = type(survivor).objects.select_for_update().get(pk=survivor.pk)
    for duplicate in duplicates:
        for mention in mention_model.objects.filter(**{field: duplicate}):
            kept = mention_model.objects.filter(
                **{field: survivor}, article_id=mention.article_id
            ).first()
            if kept is None:
                setattr(mention, field, survivor)
                mention.save()
            else:
                # Both were named in one article: one mention, holding what both held.
                _fold_mention(kept, mention)
                mention.delete()
        Quote.objects.filter(**{field: duplicate}).update(**{field: survivor})
        Dismissal.objects.filter(**{field: duplicate}).update(**{field: survivor})
        if isinstance(survivor, Organization):
            Article.objects.filter(outlet=duplicate).update(outlet=survivor)
        _take_over_names(survivor, duplicate)
        _fill_blanks(survivor, duplicate)
        duplicate._change_reason = f"Merged into {survivor.slug}"
        duplicate.delete()
    add_curated(survivor, ["aliases"])
    survivor._change_reason = "Merged " + ", ".join(d.slug for d in duplicates)
    survivor.save()
    return len(duplicates)


def _fold_mention(kept, other) -> None:
    kept.as_written = list(dict.fromkeys([*kept.as_written, *other.as_written]))
    kept.position = min(kept.position, other.position)
    if isinstance(kept, PersonMention):
        prefer_other = other.curated and not kept.curated
        for name in ("role", "affiliation"):
            if prefer_other or not getattr(kept, name):
                setattr(kept, name, getattr(other, name) or getattr(kept, name))
    kept.curated = kept.curated or other.curated
    kept.save()


def _take_over_names(survivor, duplicate) -> None:
    names = [duplicate.name, *duplicate.aliases]
    if isinstance(duplicate, Organization) and duplicate.acronym:
        names.append(duplicate.acronym)
    known = {slugify(survivor.name), *(slugify(alias) for alias in survivor.aliases)}
    if isinstance(survivor, Organization) and survivor.acronym:
        known.add(slugify(survivor.acronym))
    for name in names:
        if slugify(name) not in known:
            survivor.aliases = [*survivor.aliases, name]
            known.add(slugify(name))


def _fill_blanks(survivor, duplicate) -> None:
    blank_when = {"role": "", "affiliation": "", "acronym": "", "kind": "other"}
    for name in CURATABLE_FIELDS[type(survivor)]:
        if (
            name in blank_when
            and getattr(survivor, name) == blank_when[name]
            and not survivor.is_curated(name)
        ):
            setattr(survivor, name, getattr(duplicate, name))


def merge_aliased_duplicates(entity: Person | Organization) -> int:
    """Merge into `entity` every other person (organization) whose slug is one of its aliases:
    how a merge made in admin is made again after the archive is rebuilt from its sources."""
    alias_slugs = {slugify(alias) for alias in entity.aliases} - {entity.slug, ""}
    duplicates = type(entity).objects.filter(slug__in=alias_slugs).exclude(pk=entity.pk)
    return merge(entity, duplicates) if duplicates else 0


def record_imported_state(instance) -> None:
    """Give a staff edit its "before": imports write no history (it would double the rows of
    a large import), so the state as imported is recorded just before the first edit."""
    if instance.pk is None or instance.history.exists():
        return
    original = type(instance).objects.get(pk=instance.pk)
    original._change_reason = "As imported, before the first staff edit"
    original.save()
