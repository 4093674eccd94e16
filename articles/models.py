"""The archive's tables.

Extracted rows (mentions, quotes, statistics, topic links) are replaced when an article is
re-extracted, except rows staff marked `curated`. Article, Person and Organization keep a
`curated_fields` list: a field named there was corrected by staff and an import never writes it.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from articles.ingest.model import ORG_KINDS


class CuratedFieldsMixin(models.Model):
    curated_fields = models.JSONField(
        default=list,
        blank=True,
        help_text="Fields corrected by staff: imports never overwrite them.",
    )

    class Meta:
        abstract = True

    def is_curated(self, field_name: str) -> bool:
        return field_name in self.curated_fields


class ArchiveCountsMixin(models.Model):
    """How many articles mention (and quote) this entity: kept by `refresh_counts` after every
    import and admin change, so the home page and the unfiltered facets read one indexed
    column instead of grouping a million mention rows."""

    mentioned_in = models.PositiveIntegerField(default=0, db_index=True, editable=False)
    quoted_in = models.PositiveIntegerField(default=0, db_index=True, editable=False)

    class Meta:
        abstract = True


class TimestampedMixin(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Organization(CuratedFieldsMixin, ArchiveCountsMixin, TimestampedMixin):
    KIND_CHOICES = [(kind, kind.replace("_", " ").capitalize()) for kind in ORG_KINDS]

    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    acronym = models.CharField(max_length=40, blank=True)
    aliases = models.JSONField(default=list, blank=True)
    kind = models.CharField(max_length=20, choices=KIND_CHOICES, default="other", db_index=True)
    history = HistoricalRecords(excluded_fields=["mentioned_in", "quoted_in"])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:organization-detail", args=[self.slug])


class Person(CuratedFieldsMixin, ArchiveCountsMixin, TimestampedMixin):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    aliases = models.JSONField(default=list, blank=True)
    role = models.CharField(max_length=200, blank=True)
    affiliation = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords(excluded_fields=["mentioned_in", "quoted_in"])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:person-detail", args=[self.slug])


class Topic(ArchiveCountsMixin, TimestampedMixin):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    terms = models.TextField(
        blank=True, help_text="One term a line; an article is tagged on evidence of these terms."
    )
    history = HistoricalRecords(excluded_fields=["mentioned_in", "quoted_in"])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:topic-detail", args=[self.slug])

    @property
    def term_list(self) -> list[str]:
        return [line.strip() for line in self.terms.splitlines() if line.strip()]


class Article(CuratedFieldsMixin, TimestampedMixin):
    # Fields an import writes; staff corrections to any of them are listed in curated_fields.
    IMPORTED_FIELDS = (
        "title",
        "title_derived",
        "published",
        "published_time",
        "date_basis",
        "dateline_place",
        "dateline_date",
        "outlet",
        "section",
        "byline",
        "url",
        "body",
        "needs_review",
        "review_notes",
    )

    title = models.CharField(max_length=500)
    title_derived = models.BooleanField(
        default=False, help_text="The source had no headline; the title was derived from the text."
    )
    slug = models.SlugField(max_length=255, unique=True)
    published = models.DateField(null=True, blank=True, db_index=True)
    published_time = models.TimeField(null=True, blank=True)
    date_basis = models.CharField(
        max_length=200, blank=True, help_text="Where the publication date was read from."
    )
    dateline_place = models.CharField(max_length=120, blank=True)
    dateline_date = models.DateField(null=True, blank=True)
    outlet = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="published_articles",
    )
    section = models.CharField(max_length=120, blank=True)
    byline = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    body = models.TextField()
    raw_text = models.TextField(help_text="The source text exactly as read.")
    source_file = models.CharField(max_length=500, db_index=True)
    content_hash = models.CharField(max_length=64, unique=True)
    needs_review = models.BooleanField(default=False, db_index=True)
    review_notes = models.TextField(blank=True)
    # Filled by a PostgreSQL trigger (migration 0003); SQLite searches an FTS5 table instead.
    search_vector = SearchVectorField(null=True, editable=False)

    persons = models.ManyToManyField(Person, through="PersonMention", related_name="articles")
    organizations = models.ManyToManyField(
        Organization, through="OrganizationMention", related_name="articles"
    )
    topics = models.ManyToManyField(Topic, through="ArticleTopic", related_name="articles")
    # The raw source never changes after import and the search vector is derived: neither is
    # worth a copy per revision.
    history = HistoricalRecords(excluded_fields=["raw_text", "search_vector"])

    class Meta:
        ordering = ["-published", "-published_time", "-id"]
        indexes = [models.Index(fields=["-published", "-id"], name="article_newest_first")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Its quotes and figures keep a copy of the date (DatedByArticle).
        for rows in (self.quotes, self.statistics):
            rows.exclude(published=self.published).update(published=self.published)

    def get_absolute_url(self) -> str:
        return reverse("articles:article-detail", args=[self.slug])

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]


class ExtractedRow(models.Model):
    """A row the importer derives from an article; `curated` rows survive re-extraction."""

    curated = models.BooleanField(
        default=False, help_text="Added or corrected by staff: re-extraction keeps it."
    )

    class Meta:
        abstract = True


class DatedByArticle(models.Model):
    """A quote or figure keeps a copy of its article's date, so lists of them run newest first
    by walking an index: ordering 400,000 rows by a joined column means sorting them all.
    Kept in step by save() here, Article.save and the loader."""

    published = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.published = self.article.published
        super().save(*args, **kwargs)


class PersonMention(ExtractedRow):
    # Neither key needs an index of its own: one_mention_per_person's index leads with the
    # article and mention_person_roles with the person, and every index costs each import.
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="person_mentions", db_index=False
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="mentions", db_index=False
    )
    role = models.CharField(max_length=200, blank=True, help_text="The role as written here.")
    affiliation = models.CharField(max_length=300, blank=True)
    as_written = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "person"], name="one_mention_per_person")
        ]
        # A person's roles over time read from the index alone, not thousands of rows.
        indexes = [
            models.Index(
                fields=["person", "role", "affiliation", "article"], name="mention_person_roles"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.article}"

    @property
    def displayed_role(self) -> str:
        """A staff correction of the person's role wins over the role written here."""
        return self.person.role if self.person.is_curated("role") else self.role

    @property
    def displayed_affiliation(self) -> str:
        if self.person.is_curated("affiliation"):
            return self.person.affiliation
        return self.affiliation


class OrganizationMention(ExtractedRow):
    # one_mention_per_organization's index leads with the article.
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="organization_mentions", db_index=False
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="mentions"
    )
    as_written = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "organization"], name="one_mention_per_organization"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} in {self.article}"


class Quote(ExtractedRow, DatedByArticle):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    # Each speaker key is the first column of its newest-first index (0009), so it needs
    # no index of its own.
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="quotes",
        db_index=False,
    )
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="quotes",
        db_index=False,
    )
    text = models.TextField()
    direct = models.BooleanField(default=True, help_text="In quotation marks, not reported.")
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(person__isnull=False, organization__isnull=True)
                    | Q(person__isnull=True, organization__isnull=False)
                ),
                name="quote_has_one_speaker",
            )
        ]
        # quote_person_newest, quote_organization_newest and quote_newest (speaker, then
        # published DESC NULLS LAST, article DESC, position) are made per engine by 0009.

    def __str__(self) -> str:
        return f"{self.speaker}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        """The quote where it stands, marked in its article's text."""
        return f"{self.article.get_absolute_url()}#quote-{self.pk}"

    @property
    def speaker(self) -> Person | Organization | None:
        return self.person or self.organization


class Statistic(ExtractedRow, DatedByArticle):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="statistics")
    value = models.DecimalField(max_digits=30, decimal_places=6)
    unit = models.CharField(max_length=80, db_index=True)
    what = models.CharField(max_length=300, blank=True, help_text="What the figure counts.")
    qualifier = models.CharField(max_length=40, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    as_written = models.CharField(max_length=300)
    sentence = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "position"]
        # The index statistic_newest_first (published DESC NULLS LAST, article DESC,
        # position) is made per engine by migration 0008: SQLite can't write NULLS LAST in an
        # index (its DESC order puts NULLs last anyway), PostgreSQL needs it written.

    def __str__(self) -> str:
        return self.as_written


class ArticleTopic(ExtractedRow):
    # one_link_per_topic's index leads with the article.
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="topic_links", db_index=False
    )
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="article_links")
    terms = models.JSONField(default=list, blank=True, help_text="The matching terms found.")
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "topic"], name="one_link_per_topic")
        ]

    def __str__(self) -> str:
        return f"{self.topic} — {self.article}"


class Dismissal(models.Model):
    """An extracted row staff deleted from an article: re-extraction and re-import of the
    article leave it out, as they leave a curated row in place. A mention or topic link is
    held back by what it names; a quote or figure, by its place in the text (as a curated
    one stands in for the extracted one at its place)."""

    PERSON, ORGANIZATION, TOPIC, QUOTE, STATISTIC = (
        "person",
        "organization",
        "topic",
        "quote",
        "statistic",
    )
    KIND_CHOICES = [
        (PERSON, "Person mention"),
        (ORGANIZATION, "Organization mention"),
        (TOPIC, "Topic link"),
        (QUOTE, "Quote"),
        (STATISTIC, "Figure"),
    ]
    # Each kind's rows, and the field of theirs (and of a dismissal) that holds them back.
    ROW_MODELS = {
        PERSON: PersonMention,
        ORGANIZATION: OrganizationMention,
        TOPIC: ArticleTopic,
        QUOTE: Quote,
        STATISTIC: Statistic,
    }
    HELD_BACK_BY = {
        PERSON: "person",
        ORGANIZATION: "organization",
        TOPIC: "topic",
        QUOTE: "position",
        STATISTIC: "position",
    }

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="dismissals")
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="dismissals"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="dismissals"
    )
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.CASCADE, related_name="dismissals"
    )
    position = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField("deleted row", blank=True, help_text="What it said, for staff.")
    created_at = models.DateTimeField("deleted at", auto_now_add=True)

    class Meta:
        verbose_name = "dismissed row"
        ordering = ["article", "kind", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="person", person__isnull=False)
                    | Q(kind="organization", organization__isnull=False)
                    | Q(kind="topic", topic__isnull=False)
                    | Q(kind__in=["quote", "statistic"], position__isnull=False)
                ),
                name="dismissal_names_what_it_holds_back",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} dismissed: {self.text}"

    def held_back(self) -> dict:
        """The lookup, on this kind's rows or on dismissals, of what this one holds back."""
        attname = self._meta.get_field(self.HELD_BACK_BY[self.kind]).attname
        return {attname: getattr(self, attname)}

    def record(self) -> bool:
        """Save unless the article already holds this back; whether it was saved."""
        if Dismissal.objects.filter(
            article_id=self.article_id, kind=self.kind, **self.held_back()
        ).exists():
            return False
        self.save()
        return True


class RejectedName(models.Model):
    """A person or organization staff deleted as a whole: no import makes it again from this
    name. Deleting this row lets the next import find the name again.

    A merge deletes its duplicates too, but keeps their names as the survivor's aliases and
    leaves no rejection."""

    PERSON, ORGANIZATION = "person", "organization"
    KIND_CHOICES = [(PERSON, "Person"), (ORGANIZATION, "Organization")]

    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    key = models.CharField(max_length=200, help_text="The name as imports match it (its slug).")
    name = models.CharField(max_length=300, help_text="As it was written, for staff.")
    created_at = models.DateTimeField("deleted at", auto_now_add=True)

    class Meta:
        verbose_name = "deleted name kept out of imports"
        verbose_name_plural = "deleted names kept out of imports"
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="one_rejection_per_name")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"


class ArchiveChange(models.Model):
    """One row: when the archive last changed. Pages derive ETags and cache keys from it
    (articles/freshness.py), so every process agrees on what is fresh."""

    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "archive change stamp"

    def __str__(self) -> str:
        return self.changed_at.isoformat()

    @classmethod
    def current(cls):
        row = cls.objects.filter(pk=1).values_list("changed_at", flat=True).first()
        return row or cls.bump()

    @classmethod
    def bump(cls):
        now = timezone.now()
        cls.objects.update_or_create(pk=1, defaults={"changed_at": now})
        return now
