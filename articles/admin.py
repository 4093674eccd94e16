"""Archive staff work here: every model, searchable and filterable."""

from django.contrib import admin

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


class PersonMentionInline(admin.TabularInline):
    model = PersonMention
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "role", "affiliation", "curated"]


class OrganizationMentionInline(admin.TabularInline):
    model = OrganizationMention
    extra = 0
    autocomplete_fields = ["organization"]
    fields = ["organization", "curated"]


class QuoteInline(admin.StackedInline):
    model = Quote
    extra = 0
    autocomplete_fields = ["person", "organization"]
    fields = ["person", "organization", "text", "direct", "curated"]


class StatisticInline(admin.TabularInline):
    model = Statistic
    extra = 0
    fields = ["value", "unit", "what", "qualifier", "year", "as_written", "curated"]


class ArticleTopicInline(admin.TabularInline):
    model = ArticleTopic
    extra = 0
    autocomplete_fields = ["topic"]
    fields = ["topic", "terms", "curated"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "published", "outlet", "needs_review", "source_file"]
    list_filter = ["needs_review", "title_derived", "outlet", "topics"]
    search_fields = ["title", "body", "source_file"]
    date_hierarchy = "published"
    list_select_related = ["outlet"]
    autocomplete_fields = ["outlet"]
    readonly_fields = ["content_hash", "raw_text", "source_file", "created_at", "updated_at"]
    inlines = [
        PersonMentionInline,
        OrganizationMentionInline,
        QuoteInline,
        StatisticInline,
        ArticleTopicInline,
    ]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "affiliation"]
    search_fields = ["name", "aliases", "role", "affiliation"]
    list_filter = ["role"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind"]
    search_fields = ["name", "acronym", "aliases"]
    list_filter = ["kind"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description", "terms"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "person", "organization", "direct", "article"]
    list_filter = ["direct", "curated"]
    search_fields = ["text", "person__name", "organization__name", "article__title"]
    autocomplete_fields = ["article", "person", "organization"]
    list_select_related = ["person", "organization", "article"]


@admin.register(Statistic)
class StatisticAdmin(admin.ModelAdmin):
    list_display = ["as_written", "value", "unit", "qualifier", "year", "article"]
    list_filter = ["unit", "year", "curated"]
    search_fields = ["as_written", "what", "article__title"]
    autocomplete_fields = ["article"]
    list_select_related = ["article"]


@admin.register(PersonMention)
class PersonMentionAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "article"]
    list_filter = ["curated"]
    search_fields = ["person__name", "role", "article__title"]
    autocomplete_fields = ["article", "person"]
    list_select_related = ["person", "article"]


@admin.register(OrganizationMention)
class OrganizationMentionAdmin(admin.ModelAdmin):
    list_display = ["organization", "article"]
    list_filter = ["curated", "organization__kind"]
    search_fields = ["organization__name", "article__title"]
    autocomplete_fields = ["article", "organization"]
    list_select_related = ["organization", "article"]


@admin.register(ArticleTopic)
class ArticleTopicAdmin(admin.ModelAdmin):
    list_display = ["topic", "article"]
    list_filter = ["topic", "curated"]
    search_fields = ["topic__name", "article__title"]
    autocomplete_fields = ["article", "topic"]
    list_select_related = ["topic", "article"]
