"""ParsedArticle -> rows. The one place the pipeline's output meets the database.

Re-import is keyed by content hash (same text: nothing to do) and then by source name (a
changed file updates the article it made before). Staff corrections win: an article field
listed in `curated_fields`, and any extracted row marked `curated`, is never overwritten.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from articles.ingest.model import SPEAKER_ORGANIZATION, ParsedArticle
from articles.ingest.topics import TopicDefinition
from articles.models import (
    Article,
    ArticleTopic,
    Organization,
    OrganizationMention,
    Person,
    PersonMention,
    Quote,
    Statistic,
    Topic,
)

IMPORTED, UPDATED, UNCHANGED = "imported", "updated", "unchanged"


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

    # --- articles -----------------------------------------------------------------------

    def load(self, parsed: ParsedArticle) -> LoadResult:
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
        with transaction.atomic():
            self._write_article(article, parsed, content_hash(parsed.raw_text))
            self._write_rows(article, parsed)

    def _write_article(self, article: Article, parsed: ParsedArticle, digest: str) -> None:
        header = parsed.header
        values = {
            "title": header.title[:500],
            "title_derived": header.title_derived,
            "published": header.published,
            "published_time": header.published_time,
            "date_basis": header.date_basis[:200],
            "dateline_place": header.dateline_place[:120],
            "dateline_date": header.dateline_date,
            "outlet": self.organization(header.outlet, kind="media") if header.outlet else None,
            "section": header.section[:120],
            "byline": header.byline[:300],
            "url": header.url[:1000],
            "body": parsed.body,
            "needs_review": parsed.needs_review,
            "review_notes": "\n".join(parsed.review_notes),
        }
        for field_name, value in values.items():
            if not article.is_curated(field_name):
                setattr(article, field_name, value)
        article.raw_text = parsed.raw_text
        article.content_hash = digest
        if not article.slug:
            article.slug = self._unique_article_slug(article.title, digest)
        _save_without_history(article)

    def _unique_article_slug(self, title: str, digest: str) -> str:
        base = slugify(title)[:80].strip("-") or "article"
        if not Article.objects.filter(slug=base).exists():
            return base
        return f"{base}-{digest[:8]}"

    # --- extracted rows -------------------------------------------------------------------

    def _write_rows(self, article: Article, parsed: ParsedArticle, fresh: bool = False) -> None:
        """Replace the article's extracted rows, keeping curated ones. A `fresh` article has
        no rows yet, which saves eight queries per new article on a large import."""
        curated_people: set[int] = set()
        curated_orgs: set[int] = set()
        curated_topics: set[int] = set()
        if not fresh:
            for manager in (
                article.person_mentions,
                article.organization_mentions,
                article.quotes,
                article.statistics,
                article.topic_links,
            ):
                manager.filter(curated=False).delete()
            curated_people = set(article.person_mentions.values_list("person_id", flat=True))
            curated_orgs = set(
                article.organization_mentions.values_list("organization_id", flat=True)
            )
            curated_topics = set(article.topic_links.values_list("topic_id", flat=True))
        # A curated quote or figure stands in for the extracted one at its place in the text.
        curated_quote_places = set(article.quotes.values_list("position", flat=True))
        curated_figure_places = set(article.statistics.values_list("position", flat=True))

        people_by_name: dict[str, Person] = {}
        mentions = []
        for found in parsed.persons:
            person = self.person(found.name, found.role, found.affiliation)
            people_by_name[found.name] = person
            if person.pk in curated_people:
                continue
            curated_people.add(person.pk)
            mentions.append(
                PersonMention(
                    article=article,
                    person=person,
                    role=found.role[:200],
                    affiliation=found.affiliation[:300],
                    as_written=found.as_written,
                    position=found.position,
                )
            )
        PersonMention.objects.bulk_create(mentions)

        orgs_by_name: dict[str, Organization] = {}
        org_mentions = []
        for found in parsed.organizations:
            organization = self.organization(found.name, found.acronym, found.kind)
            orgs_by_name[found.name] = organization
            if organization.pk in curated_orgs:
                continue
            curated_orgs.add(organization.pk)
            org_mentions.append(
                OrganizationMention(
                    article=article,
                    organization=organization,
                    as_written=found.as_written,
                    position=found.position,
                )
            )
        OrganizationMention.objects.bulk_create(org_mentions)

        quotes = []
        for found in parsed.quotes:
            if found.speaker_kind == SPEAKER_ORGANIZATION:
                speaker = {"organization": orgs_by_name.get(found.speaker)}
            else:
                speaker = {"person": people_by_name.get(found.speaker)}
            if not any(speaker.values()) or found.position in curated_quote_places:
                continue
            quotes.append(
                Quote(
                    article=article,
                    text=found.text,
                    direct=found.direct,
                    position=found.position,
                    **speaker,
                )
            )
        Quote.objects.bulk_create(quotes)

        Statistic.objects.bulk_create(
            Statistic(
                article=article,
                value=found.value,
                unit=found.unit[:80],
                what=found.what[:300],
                qualifier=found.qualifier[:40],
                year=found.year,
                as_written=found.as_written[:300],
                sentence=found.sentence,
                position=found.position,
            )
            for found in parsed.statistics
            if found.position not in curated_figure_places
        )

        links = []
        for found in parsed.topics:
            topic = self._topics.get(found.name)
            if topic is None or topic.pk in curated_topics:
                continue
            links.append(ArticleTopic(article=article, topic=topic, terms=found.terms))
        ArticleTopic.objects.bulk_create(links)

    # --- people and organizations -----------------------------------------------------------

    def person(self, name: str, role: str = "", affiliation: str = "") -> Person:
        """The one Person of this full name (or alias), created on first sight."""
        key = slugify(name)
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
        key = slugify(name)
        organization = self._organizations.get(key) or (
            self._organizations.get(slugify(acronym)) if acronym else None
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

    def _remember_person(self, person: Person) -> None:
        self._people[person.slug] = person
        for alias in person.aliases:
            self._people.setdefault(slugify(alias), person)

    def _remember_organization(self, organization: Organization) -> None:
        self._organizations[organization.slug] = organization
        for alias in [*organization.aliases, organization.acronym]:
            if alias:
                self._organizations.setdefault(slugify(alias), organization)
