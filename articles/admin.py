"""Archive staff work here. Every edit is recorded (django-simple-history) and marked curated,
so no import overwrites it; actions merge duplicates, mark articles reviewed, re-run
extraction and release curated values. The work itself lives in `articles.curation`."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import ValidationError
from django.db.models import (
    Count,
    JSONField,
    QuerySet,
    TextField,
    URLField,
)
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import Truncator, capfirst
from simple_history.admin import SimpleHistoryAdmin

from articles import curation
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
from articles.querysets import count_of

# --- forms ------------------------------------------------------------------------------------


def curated_fields_field(model) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        choices=[
            (name, capfirst(model._meta.get_field(name).verbose_name))
            for name in curation.CURATABLE_FIELDS[model]
        ],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Curated fields",
        help_text="Corrected by staff: imports never overwrite these. Untick to release one.",
    )


class AliasesFormMixin:
    def clean_aliases(self):
        aliases = self.cleaned_data["aliases"]
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise ValidationError('Enter a list of names, e.g. ["Tang Daren", "D. Tang"].')
        return [alias.strip() for alias in aliases if alias.strip()]


class ArticleForm(forms.ModelForm):
    curated_fields = curated_fields_field(Article)

    class Meta:
        model = Article
        # The admin's fieldsets decide which fields show; these are the ones this form checks.
        fields = ["published", "dateline_date", "curated_fields"]

    def clean_published(self):
        return _not_in_future(self.cleaned_data["published"])

    def clean_dateline_date(self):
        return _not_in_future(self.cleaned_data["dateline_date"])


def _not_in_future(value):
    if value and value > timezone.localdate():
        raise ValidationError("A publication date cannot be in the future.")
    return value


class PersonForm(AliasesFormMixin, forms.ModelForm):
    curated_fields = curated_fields_field(Person)

    class Meta:
        model = Person
        fields = ["aliases", "curated_fields"]


class OrganizationForm(AliasesFormMixin, forms.ModelForm):
    curated_fields = curated_fields_field(Organization)

    class Meta:
        model = Organization
        fields = ["aliases", "curated_fields"]


class MergeForm(forms.Form):
    survivor = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        widget=forms.RadioSelect,
        label="Keep",
        help_text="The others are merged into this one and deleted.",
    )

    def __init__(self, candidates: QuerySet, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates.annotate(merge_mentions=Count("mentions"))
        field = self.fields["survivor"]
        field.queryset = self.candidates
        field.label_from_instance = lambda obj: (
            f"{obj} — {obj.slug}, mentioned in {obj.merge_mentions} "
            f"article{pluralize(obj.merge_mentions)}"
        )

    def clean(self):
        if self.candidates.count() < 2:
            raise ValidationError("Select at least two to merge: one cannot be merged into itself.")
        return super().clean()


# --- shared admin behaviour -------------------------------------------------------------------


class CuratedFieldsAdmin(SimpleHistoryAdmin):
    """For Article, Person, Organization: a staff edit lists its changed fields in
    `curated_fields` (shown as checkboxes, untick to release)."""

    slug_source = "name"

    def save_model(self, request, obj, form, change):
        curation.record_imported_state(obj)
        changed = curation.mark_changes_curated(obj)
        if changed:
            obj._change_reason = "Curated: " + ", ".join(changed)
        super().save_model(request, obj, form, change)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        # A slug is a public URL and the key of exported corrections: fixed once made.
        return [*readonly, "slug"] if obj is not None else readonly

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug": [self.slug_source]} if obj is None else {}

    @admin.display(description="curated")
    def curated_summary(self, obj):
        return ", ".join(obj.curated_fields) or "—"

    @admin.action(description="Release curated fields (imports may overwrite them again)")
    def release_curated_fields(self, request, queryset):
        count = curation.release_curated(queryset)
        self.message_user(request, f"Released corrections on {count} objects or rows.")


class CuratedRowAdmin(SimpleHistoryAdmin):
    """For rows the importer extracts: a row added or changed here becomes curated, and a
    row deleted here stays deleted (curation.dismiss)."""

    actions = ["release_rows"]

    def save_model(self, request, obj, form, change):
        curation.record_imported_state(obj)
        if curation.row_edited_by_staff(form.changed_data):
            obj.curated = True
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        curation.dismiss([obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        curation.dismiss(queryset)
        super().delete_queryset(request, queryset)

    @admin.action(description="Release selected rows (re-extraction may replace them)")
    def release_rows(self, request, queryset):
        count = curation.release_rows(queryset)
        self.message_user(request, f"Released {count} rows.")


class MergeAdmin(CuratedFieldsAdmin):
    """People and organizations: merge selected duplicates into one, chosen on a
    confirmation page (by default the most mentioned, on a tie the oldest). One deleted here
    stays deleted: imports no longer make it from its name (curation.reject)."""

    actions = ["merge_selected", "release_curated_fields"]
    delete_confirmation_template = "admin/articles/delete_entity.html"
    delete_selected_confirmation_template = "admin/articles/delete_entities.html"

    def delete_model(self, request, obj):
        curation.reject([obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        curation.reject(queryset)
        super().delete_queryset(request, queryset)

    @admin.action(description="Merge selected %(verbose_name_plural)s into one")
    def merge_selected(self, request, queryset):
        confirmed = "confirm_merge" in request.POST
        if confirmed:
            form = MergeForm(queryset, request.POST)
        else:
            default = curation.default_survivor(queryset) if queryset.exists() else None
            form = MergeForm(queryset, {"survivor": default.pk if default else ""})
        if confirmed and form.is_valid():
            survivor = form.cleaned_data["survivor"]
            duplicates = list(queryset.exclude(pk=survivor.pk))
            try:
                curation.merge(survivor, duplicates)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                names = ", ".join(str(d) for d in duplicates)
                self.log_change(request, survivor, f"Merged {names} into it.")
                self.message_user(request, f"Merged {names} into {survivor}.", messages.SUCCESS)
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge {self.model._meta.verbose_name_plural}",
            "opts": self.model._meta,
            "form": form,
            "candidates": form.candidates,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "select_across": request.POST.get("select_across", "0"),
            "index": request.POST.get("index", "0"),
        }
        return TemplateResponse(request, "admin/articles/merge_confirmation.html", context)


# --- inlines ---------------------------------------------------------------------------------


class CompactInline(admin.TabularInline):
    extra = 0
    formfield_overrides = {
        TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 70})},
        JSONField: {"widget": forms.Textarea(attrs={"rows": 1, "cols": 40})},
    }


class PersonMentionInline(CompactInline):
    model = PersonMention
    autocomplete_fields = ["person"]
    fields = ["person", "role", "affiliation", "curated"]


class OrganizationMentionInline(CompactInline):
    model = OrganizationMention
    autocomplete_fields = ["organization"]
    fields = ["organization", "curated"]


class QuoteInline(CompactInline):
    model = Quote
    autocomplete_fields = ["person", "organization"]
    fields = ["person", "organization", "text", "direct", "curated"]


class StatisticInline(CompactInline):
    model = Statistic
    fields = ["value", "unit", "what", "qualifier", "year", "as_written", "curated"]


class ArticleTopicInline(CompactInline):
    model = ArticleTopic
    autocomplete_fields = ["topic"]
    fields = ["topic", "terms", "curated"]


class DismissalInline(CompactInline):
    """Rows staff deleted, which imports leave out; deleting one here lets the next
    re-extraction bring its row back."""

    model = Dismissal
    fields = ["kind", "deleted_row", "created_at"]
    readonly_fields = fields
    verbose_name = "deleted row kept out of imports"
    verbose_name_plural = "deleted rows kept out of imports (delete one to let it back)"

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="deleted row")
    def deleted_row(self, dismissal):
        if dismissal.position is None:
            return dismissal.text
        return f"{dismissal.text} (at character {dismissal.position:,} of the text)"


# --- articles --------------------------------------------------------------------------------


class PublishedYearFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Article.objects.dates("published", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit() or not 1 <= int(value) <= 9999:
            raise IncorrectLookupParameters(f"Not a year: {value}")
        return queryset.filter(published__year=int(value))


@admin.register(Article)
class ArticleAdmin(CuratedFieldsAdmin):
    form = ArticleForm
    slug_source = "title"
    list_display = [
        "title",
        "published",
        "outlet",
        "needs_review",
        "people_count",
        "quote_count",
        "statistic_count",
        "curated_summary",
    ]
    list_filter = [
        PublishedYearFilter,
        ("outlet", admin.RelatedOnlyFieldListFilter),
        "topics",
        "needs_review",
    ]
    search_fields = ["title", "body"]
    date_hierarchy = "published"
    list_select_related = ["outlet"]
    autocomplete_fields = ["outlet"]
    formfield_overrides = {URLField: {"assume_scheme": "https"}}
    readonly_fields = ["content_hash", "raw_text", "source_file", "created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "title_derived",
                    "slug",
                    ("published", "published_time"),
                    "date_basis",
                    ("dateline_place", "dateline_date"),
                    "outlet",
                    ("section", "byline"),
                    "url",
                    "body",
                ]
            },
        ),
        ("Review", {"fields": ["needs_review", "review_notes", "curated_fields"]}),
        (
            "Source",
            {
                "classes": ["collapse"],
                "fields": ["source_file", "content_hash", "created_at", "updated_at", "raw_text"],
            },
        ),
    ]
    inlines = [
        PersonMentionInline,
        OrganizationMentionInline,
        QuoteInline,
        StatisticInline,
        ArticleTopicInline,
        DismissalInline,
    ]
    actions = ["mark_reviewed", "reextract", "release_curated_fields"]
    history_list_display = ["title", "published", "needs_review"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                people_count=count_of(PersonMention.objects.all(), "article"),
                quote_count=count_of(Quote.objects.all(), "article"),
                statistic_count=count_of(Statistic.objects.all(), "article"),
            )
        )

    def has_add_permission(self, request):
        # Articles come from their sources (import_articles); staff correct them here.
        return False

    @admin.display(description="people", ordering="people_count")
    def people_count(self, article):
        return article.people_count

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, article):
        return article.quote_count

    @admin.display(description="figures", ordering="statistic_count")
    def statistic_count(self, article):
        return article.statistic_count

    def save_formset(self, request, form, formset, change):
        if formset.model is not Dismissal:
            deleted = [row_form.instance for row_form in formset.deleted_forms]
            curation.dismiss(row for row in deleted if row.pk is not None)
        for row_form in formset.forms:
            if row_form in formset.deleted_forms or not row_form.has_changed():
                continue
            curation.record_imported_state(row_form.instance)
            if curation.row_edited_by_staff(row_form.changed_data):
                row_form.instance.curated = True
        super().save_formset(request, form, formset, change)

    @admin.action(description="Mark selected articles reviewed")
    def mark_reviewed(self, request, queryset):
        count = curation.mark_reviewed(queryset)
        self.message_user(request, f"Marked {count} articles reviewed.", messages.SUCCESS)

    @admin.action(description="Re-run extraction (keeps curated values and rows)")
    def reextract(self, request, queryset):
        result = curation.reextract(queryset.order_by("pk"))
        if result.done:
            self.message_user(request, f"Re-extracted {len(result.done)} articles.")
        for article, reason in result.failed:
            self.message_user(request, f"{article}: not re-extracted: {reason}", messages.ERROR)


# --- people, organizations, topics -------------------------------------------------------------


@admin.register(Person)
class PersonAdmin(MergeAdmin):
    form = PersonForm
    list_display = [
        "name",
        "role",
        "affiliation",
        "article_count",
        "quote_count",
        "curated_summary",
    ]
    search_fields = ["name", "aliases"]
    readonly_fields = ["created_at", "updated_at"]
    fields = [
        "name",
        "slug",
        "aliases",
        "role",
        "affiliation",
        "curated_fields",
        "created_at",
        "updated_at",
    ]
    history_list_display = ["name", "role", "affiliation"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                article_count=count_of(PersonMention.objects.all(), "person"),
                quote_count=count_of(Quote.objects.all(), "person"),
            )
        )

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, person):
        return person.article_count

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, person):
        return person.quote_count


@admin.register(Organization)
class OrganizationAdmin(MergeAdmin):
    form = OrganizationForm
    list_display = ["name", "acronym", "kind", "article_count", "quote_count", "curated_summary"]
    search_fields = ["name", "acronym", "aliases"]
    list_filter = ["kind"]
    readonly_fields = ["created_at", "updated_at"]
    fields = [
        "name",
        "slug",
        "acronym",
        "kind",
        "aliases",
        "curated_fields",
        "created_at",
        "updated_at",
    ]
    history_list_display = ["name", "acronym", "kind"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                article_count=count_of(OrganizationMention.objects.all(), "organization"),
                quote_count=count_of(Quote.objects.all(), "organization"),
            )
        )

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, organization):
        return organization.article_count

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, organization):
        return organization.quote_count


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name", "description", "terms"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(article_count=count_of(ArticleTopic.objects.all(), "topic"))
        )

    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj is not None else []

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug": ["name"]} if obj is None else {}

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, topic):
        return topic.article_count


# --- extracted rows ------------------------------------------------------------------------------


@admin.register(Quote)
class QuoteAdmin(CuratedRowAdmin):
    list_display = ["__str__", "person", "organization", "direct", "curated", "article"]
    list_filter = ["direct", "curated"]
    search_fields = ["text", "person__name", "organization__name", "article__title"]
    autocomplete_fields = ["article", "person", "organization"]
    list_select_related = ["person", "organization", "article"]
    exclude = ["position"]


@admin.register(Statistic)
class StatisticAdmin(CuratedRowAdmin):
    list_display = ["as_written", "value", "unit", "qualifier", "year", "curated", "article"]
    list_filter = ["unit", "year", "curated"]
    search_fields = ["as_written", "what", "article__title"]
    autocomplete_fields = ["article"]
    list_select_related = ["article"]
    exclude = ["position"]


@admin.register(PersonMention)
class PersonMentionAdmin(CuratedRowAdmin):
    list_display = ["person", "role", "curated", "article"]
    list_filter = ["curated"]
    search_fields = ["person__name", "role", "article__title"]
    autocomplete_fields = ["article", "person"]
    list_select_related = ["person", "article"]


@admin.register(OrganizationMention)
class OrganizationMentionAdmin(CuratedRowAdmin):
    list_display = ["organization", "curated", "article"]
    list_filter = ["curated", "organization__kind"]
    search_fields = ["organization__name", "article__title"]
    autocomplete_fields = ["article", "organization"]
    list_select_related = ["organization", "article"]


@admin.register(ArticleTopic)
class ArticleTopicAdmin(CuratedRowAdmin):
    list_display = ["topic", "curated", "article"]
    list_filter = ["topic", "curated"]
    search_fields = ["topic__name", "article__title"]
    autocomplete_fields = ["article", "topic"]
    list_select_related = ["topic", "article"]


@admin.register(Dismissal)
class DismissalAdmin(admin.ModelAdmin):
    """Every extracted row staff deleted, across the archive; deleting a dismissal lets the
    next re-extraction of its article bring the row back."""

    list_display = ["deleted_row", "kind", "article", "created_at"]
    list_filter = ["kind"]
    search_fields = ["text", "article__title"]
    list_select_related = ["article"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="deleted row", ordering="text")
    def deleted_row(self, dismissal):
        # A whole quote would make its line a column of words beside the article's title.
        return Truncator(dismissal.text).chars(80)


@admin.register(RejectedName)
class RejectedNameAdmin(admin.ModelAdmin):
    """Every person or organization staff deleted; deleting a row here lets the next import
    make it again from that name."""

    list_display = ["name", "kind", "key", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "key"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
