"""The export schema: one JSON object an article, read from the database (so staff
corrections show). Documented in README.md; the JSON API reuses it."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from articles.models import Article, OrganizationMention, PersonMention, Quote, Statistic


def export_queryset() -> QuerySet[Article]:
    return (
        Article.objects.select_related("outlet")
        .prefetch_related(
            # position, then id: several mentions can share a position, and the export must
            # list them in the same order on every database.
            Prefetch(
                "person_mentions",
                PersonMention.objects.select_related("person").order_by("position", "id"),
            ),
            Prefetch(
                "organization_mentions",
                OrganizationMention.objects.select_related("organization").order_by(
                    "position", "id"
                ),
            ),
            Prefetch(
                "quotes",
                Quote.objects.select_related("person", "organization").order_by("position", "id"),
            ),
            Prefetch("statistics", Statistic.objects.order_by("position", "id")),
            "topics",
        )
        .order_by("published", "id")
    )


def _decimal(value):
    return int(value) if value == value.to_integral_value() else float(value)


def article_record(article: Article) -> dict:
    persons = [
        {
            "name": mention.person.name,
            "slug": mention.person.slug,
            "role": _curated_or(mention.person, "role", mention.role),
            "affiliation": _curated_or(mention.person, "affiliation", mention.affiliation),
        }
        for mention in article.person_mentions.all()
    ]
    quotes = [
        {
            "speaker": quote.speaker.name,
            "speaker_kind": "person" if quote.person_id else "organization",
            "text": quote.text,
            "direct": quote.direct,
        }
        for quote in article.quotes.all()
    ]
    speakers = list(dict.fromkeys(q["speaker"] for q in quotes if q["speaker_kind"] == "person"))
    return {
        "slug": article.slug,
        "title": article.title,
        "title_derived": article.title_derived,
        "published": article.published.isoformat() if article.published else None,
        "published_time": article.published_time.isoformat() if article.published_time else None,
        "date_basis": article.date_basis,
        "dateline": {
            "place": article.dateline_place or None,
            "date": article.dateline_date.isoformat() if article.dateline_date else None,
        },
        "outlet": article.outlet.name if article.outlet else None,
        "section": article.section or None,
        "byline": article.byline or None,
        "body": article.body,
        "source_file": article.source_file,
        "content_hash": article.content_hash,
        "persons": persons,
        "speakers": speakers,
        "organizations": [
            {
                "name": mention.organization.name,
                "slug": mention.organization.slug,
                "acronym": mention.organization.acronym or None,
            }
            for mention in article.organization_mentions.all()
        ],
        "quotes": quotes,
        "statistics": [
            {
                "value": _decimal(statistic.value),
                "unit": statistic.unit,
                "what": statistic.what,
                "qualifier": statistic.qualifier or None,
                "year": statistic.year,
                "as_written": statistic.as_written,
            }
            for statistic in article.statistics.all()
        ],
        "topics": [topic.name for topic in article.topics.all()],
    }


def _curated_or(person, field_name: str, mention_value: str) -> str:
    """A staff-corrected person field beats what one article wrote."""
    if person.is_curated(field_name):
        return getattr(person, field_name)
    return mention_value or getattr(person, field_name)
