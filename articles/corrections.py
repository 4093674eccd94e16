"""Staff corrections as a file: every curated field value and curated row, every extracted
row staff deleted and every person or organization they deleted, keyed by what survives a
rebuild of the archive from its sources (an article's content hash and source file, a
person's or organization's slug). Aliases carry merges: applying them merges again any person
or organization a re-import made under a merged-away name; deleted names delete again any a
re-import made under them.

`export_corrections` writes `corrections_document()`; `apply_corrections` reads it back with
`apply_document()`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from articles import curation
from articles.models import (
    Article,
    ArticleTopic,
    Dismissal,
    Organization,
    OrganizationMention,
    Person,
    PersonMention,
    RejectedName,
    Topic,
)

FORMAT = "ipnews-corrections"
VERSION = 1


class CorrectionsError(ValueError):
    """The file is not a corrections document this version can read."""


# --- export ---------------------------------------------------------------------------------


def corrections_document() -> dict:
    articles = [
        _article_record(article)
        for article in Article.objects.select_related("outlet").order_by("published", "pk")
        if article.curated_fields or _has_curated_rows(article) or article.dismissals.exists()
    ]
    referenced = _referenced_slugs(articles)
    return {
        "format": FORMAT,
        "version": VERSION,
        "organizations": _entity_records(Organization, referenced["organizations"]),
        "people": _entity_records(Person, referenced["people"]),
        "rejected_names": list(
            RejectedName.objects.order_by("kind", "key").values("kind", "key", "name")
        ),
        "articles": articles,
    }


def _has_curated_rows(article: Article) -> bool:
    return any(
        getattr(article, relation).filter(curated=True).exists()
        for relation in curation.ARTICLE_ROW_RELATIONS
    )


def _entity_records(model, referenced: set[str]) -> list[dict]:
    entities = model.objects.filter(
        ~Q(curated_fields=[]) | ~Q(aliases=[]) | Q(slug__in=referenced)
    ).order_by("slug")
    records = []
    for entity in entities:
        record = {"slug": entity.slug, "name": entity.name, "aliases": entity.aliases}
        if model is Organization:
            record["kind"] = entity.kind
        record["curated"] = {name: getattr(entity, name) for name in entity.curated_fields}
        records.append(record)
    return records


def _article_record(article: Article) -> dict:
    curated = {}
    for name in article.curated_fields:
        if name == "outlet":
            curated[name] = article.outlet.slug if article.outlet else None
        else:
            curated[name] = _json_value(getattr(article, name))
    if "outlet" in article.curated_fields and article.outlet:
        curated["outlet_name"] = article.outlet.name
    return {
        "content_hash": article.content_hash,
        "source_file": article.source_file,
        "slug": article.slug,
        "curated": curated,
        "rows": {
            "person_mentions": [
                {
                    "person": row.person.slug,
                    "role": row.role,
                    "affiliation": row.affiliation,
                    "as_written": row.as_written,
                    "position": row.position,
                }
                for row in article.person_mentions.filter(curated=True).select_related("person")
            ],
            "organization_mentions": [
                {
                    "organization": row.organization.slug,
                    "as_written": row.as_written,
                    "position": row.position,
                }
                for row in article.organization_mentions.filter(curated=True).select_related(
                    "organization"
                )
            ],
            "quotes": [
                {
                    "person": row.person.slug if row.person else None,
                    "organization": row.organization.slug if row.organization else None,
                    "text": row.text,
                    "direct": row.direct,
                    "position": row.position,
                }
                for row in article.quotes.filter(curated=True).select_related(
                    "person", "organization"
                )
            ],
            "statistics": [
                {
                    "value": str(row.value),
                    "unit": row.unit,
                    "what": row.what,
                    "qualifier": row.qualifier,
                    "year": row.year,
                    "as_written": row.as_written,
                    "sentence": row.sentence,
                    "position": row.position,
                }
                for row in article.statistics.filter(curated=True)
            ],
            "topics": [
                {"topic": row.topic.slug, "terms": row.terms}
                for row in article.topic_links.filter(curated=True).select_related("topic")
            ],
            "dismissed": [
                {
                    "kind": row.kind,
                    "person": row.person.slug if row.person else None,
                    "organization": row.organization.slug if row.organization else None,
                    "topic": row.topic.slug if row.topic else None,
                    "position": row.position,
                    "text": row.text,
                }
                for row in article.dismissals.select_related("person", "organization", "topic")
            ],
        },
    }


def _json_value(value):
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def _referenced_slugs(articles: list[dict]) -> dict[str, set[str]]:
    people, organizations = set(), set()
    for article in articles:
        rows = article["rows"]
        people.update(row["person"] for row in rows["person_mentions"])
        organizations.update(row["organization"] for row in rows["organization_mentions"])
        for row in [*rows["quotes"], *rows["dismissed"]]:
            people.add(row["person"])
            organizations.add(row["organization"])
        organizations.add(article["curated"].get("outlet"))
    return {"people": people - {None}, "organizations": organizations - {None}}


# --- apply ---------------------------------------------------------------------------------


@transaction.atomic
def apply_document(document: dict) -> Counter:
    """Write every correction in `document`; returns counts, and `missing` for articles the
    archive does not hold (import their sources first)."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CorrectionsError(f"not an {FORMAT} file")
    if document.get("version") != VERSION:
        raise CorrectionsError(f"version {document.get('version')!r}; this reads {VERSION}")
    counts: Counter = Counter()
    for model, key in ((Organization, "organizations"), (Person, "people")):
        entities = [_apply_entity(model, record) for record in document.get(key, [])]
        counts[key] += len(entities)
        for entity in entities:
            counts["merged"] += curation.merge_aliased_duplicates(entity)
    counts["rejected"] += _apply_rejections(document.get("rejected_names", []))
    for record in document.get("articles", []):
        article = _find_article(record)
        if article is None:
            counts["missing"] += 1
            continue
        _apply_article_fields(article, record.get("curated", {}))
        counts["rows"] += _apply_rows(article, record.get("rows", {}))
        counts["dismissed"] += _apply_dismissals(article, record.get("rows", {}))
        counts["articles"] += 1
    return counts


def _apply_rejections(records: list[dict]) -> int:
    """Staff deleted these people and organizations: record it, and delete again what a
    rebuild of the archive made under their names. Returns how many were deleted again."""
    deleted = 0
    for record in records:
        kind, key = record.get("kind"), record.get("key")
        if kind not in (RejectedName.PERSON, RejectedName.ORGANIZATION):
            raise CorrectionsError(f"a deleted name of an unknown kind: {kind!r}")
        if not isinstance(key, str) or not key:
            raise CorrectionsError(f"a deleted {kind} without its key")
        RejectedName.objects.get_or_create(
            kind=kind, key=key, defaults={"name": record.get("name") or key}
        )
        model = Person if kind == RejectedName.PERSON else Organization
        deleted += model.objects.filter(slug=key).delete()[1].get(model._meta.label, 0)
    return deleted


def _apply_entity(model, record: dict):
    entity = model.objects.filter(slug=record["slug"]).first()
    if entity is None:
        entity = model(slug=record["slug"], name=record["name"])
        if model is Organization:
            entity.kind = record.get("kind", "other")
    entity.aliases = list(dict.fromkeys([*entity.aliases, *record.get("aliases", [])]))
    for name, value in record.get("curated", {}).items():
        if name in curation.CURATABLE_FIELDS[model]:
            setattr(entity, name, value)
            curation.add_curated(entity, [name])
    entity._change_reason = "Applied corrections"
    entity.save()
    return entity


def _find_article(record: dict) -> Article | None:
    return (
        Article.objects.filter(content_hash=record.get("content_hash")).first()
        or Article.objects.filter(source_file=record.get("source_file")).order_by("-pk").first()
    )


def _apply_article_fields(article: Article, curated: dict) -> None:
    for name, value in curated.items():
        if name not in curation.CURATABLE_FIELDS[Article]:
            continue
        if name == "outlet":
            article.outlet = _outlet(value, curated.get("outlet_name"))
        else:
            setattr(article, name, Article._meta.get_field(name).to_python(value))
        curation.add_curated(article, [name])
    if curated:
        article._change_reason = "Applied corrections"
        article.save()


def _outlet(slug: str | None, name: str | None) -> Organization | None:
    if slug is None:
        return None
    outlet, _ = Organization.objects.get_or_create(
        slug=slug, defaults={"name": name or slug, "kind": "media"}
    )
    return outlet


def _apply_rows(article: Article, rows: dict) -> int:
    written = 0
    for row in rows.get("person_mentions", []):
        PersonMention.objects.update_or_create(
            article=article,
            person=Person.objects.get(slug=row["person"]),
            defaults={
                "role": row["role"],
                "affiliation": row["affiliation"],
                "as_written": row["as_written"],
                "position": row["position"],
                "curated": True,
            },
        )
        written += 1
    for row in rows.get("organization_mentions", []):
        OrganizationMention.objects.update_or_create(
            article=article,
            organization=Organization.objects.get(slug=row["organization"]),
            defaults={
                "as_written": row["as_written"],
                "position": row["position"],
                "curated": True,
            },
        )
        written += 1
    for row in rows.get("topics", []):
        ArticleTopic.objects.update_or_create(
            article=article,
            topic=Topic.objects.get(slug=row["topic"]),
            defaults={"terms": row["terms"], "curated": True},
        )
        written += 1
    for row in rows.get("quotes", []):
        values = {
            "person": Person.objects.get(slug=row["person"]) if row["person"] else None,
            "organization": (
                Organization.objects.get(slug=row["organization"]) if row["organization"] else None
            ),
            "text": row["text"],
            "direct": row["direct"],
            "position": row["position"],
        }
        written += _replace_at_position(article.quotes, values)
    for row in rows.get("statistics", []):
        written += _replace_at_position(article.statistics, {**row, "value": Decimal(row["value"])})
    return written


def _replace_at_position(manager, values: dict) -> int:
    """A curated quote or figure takes the place of the extracted one at its position (as the
    loader does on re-extraction); applying the same file twice writes it once."""
    if manager.filter(curated=True, **values).exists():
        return 0
    manager.filter(curated=False, position=values["position"]).delete()
    manager.create(curated=True, **values)
    return 1


def _apply_dismissals(article: Article, rows: dict) -> int:
    """Delete again the extracted rows staff deleted, and keep them out of later imports.
    A dismissal naming someone the archive no longer holds has nothing left to hold back."""
    recorded = 0
    for row in rows.get("dismissed", []):
        kind = row.get("kind")
        field = Dismissal.HELD_BACK_BY.get(kind)
        value = row.get(field) if field else None
        if field and field != "position":  # a slug: the entity it names, if the archive has it
            entities = Dismissal._meta.get_field(field).related_model.objects
            value = entities.filter(slug=value).first()
            if value is None:
                continue
        elif not isinstance(value, int):
            raise CorrectionsError(f"unknown dismissed row: {row!r}")
        dismissal = Dismissal(article=article, kind=kind, text=row.get("text", ""))
        setattr(dismissal, field, value)
        rows_of_kind = Dismissal.ROW_MODELS[kind].objects.filter(article=article, curated=False)
        rows_of_kind.filter(**dismissal.held_back()).delete()
        recorded += dismissal.record()
    return recorded
