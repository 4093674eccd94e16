"""The archive as data: `?format=json|csv` on list pages, citations, a person's quotes,
and the small views machines ask for (health check, robots.txt)."""

from __future__ import annotations

import csv
import datetime
import json
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection
from django.db.models import F, Prefetch
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import slugify
from django.views import View
from django.views.generic import DetailView, TemplateView

from articles import citations
from articles.export import article_record
from articles.models import Article, OrganizationMention, Person, PersonMention, Quote

FORMAT_PARAM = "format"
HTML, JSON, CSV = "html", "json", "csv"
CSV_CHUNK_SIZE = 500
# Spreadsheets run a cell starting with these as a formula (CSV injection); such text cells
# get a leading apostrophe. Numbers are left alone.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a generator."""

    def write(self, value: str) -> str:
        return value


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "; ".join(csv_cell(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, int | float | Decimal):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_response(header: list[str], rows, filename: str) -> StreamingHttpResponse:
    """Stream `rows` (an iterable of lists) as CSV: one line in memory at a time."""
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([csv_cell(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_number(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def bad_request(message: str, **details) -> JsonResponse:
    return JsonResponse({"error": message, **details}, status=400)


def filter_errors(filterset) -> dict[str, list[str]]:
    return {field: list(errors) for field, errors in filterset.errors.items()}


class DataFormatsMixin:
    """`?format=json` and `?format=csv` for a list view, with exactly the filters, search and
    sort of its HTML page; `?format=html` (or none) is the page itself; anything else is a 400.

    Adopting it is one line: put it first in the bases of a ListView or a django-filter
    FilterView, e.g. `class PersonIndexView(DataFormatsMixin, FilterView)`.

    - JSON is the page the HTML shows: `count`, `page`, `num_pages`, absolute `next` and
      `previous` links, `results`, and the facet counts when the view puts `facets` in its
      context. Invalid filters give a 400 with `{"error", "errors": {field: [messages]}}`.
    - CSV streams every matching row, not one page: `queryset.iterator()` in chunks, so memory
      stays flat however many rows match, and there is no cap.

    A record is, by default, the model's own fields (a foreign key as the related object's
    slug when the view's queryset loaded it with select_related, else its id), the queryset's
    annotations (e.g. `article_count`) and `url`, the object's absolute page address. Override
    `data_record` (and `csv_header`/`csv_row`) for another shape, `get_csv_queryset` to add
    prefetches, `data_records` to fetch a page's records in a constant number of queries.
    """

    data_formats = (HTML, JSON, CSV)
    data_exclude = (
        "curated",
        "curated_fields",
        "mentioned_in",  # served as article_count
        "quoted_in",
        "raw_text",
        "search_vector",
        "created_at",
        "updated_at",
    )
    csv_chunk_size = CSV_CHUNK_SIZE

    def get(self, request, *args, **kwargs):
        self.data_format = request.GET.get(FORMAT_PARAM) or HTML
        if self.data_format not in self.data_formats:
            self.bind_filterset()  # views that wrap `get` may read it
            return bad_request(
                f"Unknown format {self.data_format[:40]!r}.", formats=list(self.data_formats)
            )
        if self.data_format == CSV:
            return self.render_csv()
        return super().get(request, *args, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        if self.data_format == JSON:
            return self.render_json(context)
        return super().render_to_response(context, **response_kwargs)

    # Records

    def record_columns(self, queryset) -> list[str]:
        model = queryset.model
        named, deferring = queryset.query.deferred_loading

        def loaded(field) -> bool:  # a deferred field would cost a query a row
            if deferring:
                return field.name not in named
            return not named or field.name in named or field.primary_key

        columns = [
            f.name
            for f in model._meta.concrete_fields
            if f.name not in self.data_exclude and loaded(f)
        ]
        columns += [
            name
            for name in queryset.query.annotations
            if not name.startswith("_") and name not in columns
        ]
        if hasattr(model, "get_absolute_url"):
            columns.append("url")
        return columns

    def data_record(self, obj) -> dict:
        if not hasattr(self, "_record_columns"):
            self._record_columns = self.record_columns(self.get_queryset())
        record = {}
        for name in self._record_columns:
            if name == "url":
                record[name] = self.request.build_absolute_uri(obj.get_absolute_url())
                continue
            field = next((f for f in obj._meta.concrete_fields if f.name == name), None)
            if field is not None and field.is_relation:
                related = field.get_cached_value(obj, None) if field.is_cached(obj) else None
                value = getattr(related, "slug", None) if related is not None else None
                record[name] = value if value is not None else getattr(obj, field.attname)
            else:
                record[name] = json_number(getattr(obj, name, None))
        return record

    def data_records(self, objects) -> list[dict]:
        return [self.data_record(obj) for obj in objects]

    # JSON

    def page_url(self, number: int) -> str:
        query = self.request.GET.copy()
        query["page"] = str(number)
        return self.request.build_absolute_uri(f"{self.request.path}?{query.urlencode()}")

    def render_json(self, context) -> JsonResponse:
        filterset = getattr(self, "filterset", None)
        if filterset is not None and filterset.is_bound and not filterset.is_valid():
            return bad_request("Some filters could not be used.", errors=filter_errors(filterset))
        page = context.get("page_obj")
        objects = list(context["object_list"])
        payload = {
            "count": page.paginator.count if page else len(objects),
            "page": page.number if page else 1,
            "num_pages": page.paginator.num_pages if page else 1,
            "next": self.page_url(page.next_page_number()) if page and page.has_next() else None,
            "previous": (
                self.page_url(page.previous_page_number()) if page and page.has_previous() else None
            ),
            "results": self.data_records(objects),
        }
        if "facets" in context:
            payload["facets"] = [
                {
                    "param": facet.param,
                    "title": facet.title,
                    "values": [
                        {
                            "value": value.value,
                            "label": value.label,
                            "count": value.count,
                            "selected": value.selected,
                            "url": self.request.build_absolute_uri(self.request.path + value.url),
                        }
                        for value in facet.values
                    ],
                }
                for facet in context["facets"]
            ]
        return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})

    # CSV

    def bind_filterset(self):
        if hasattr(self, "get_filterset_class"):
            self.filterset = self.get_filterset(self.get_filterset_class())
            return self.filterset
        return None

    def filtered_queryset(self):
        """The view's rows before pagination: through its FilterSet when it has one."""
        filterset = self.bind_filterset()
        return filterset.qs if filterset is not None else self.get_queryset()

    def get_csv_queryset(self, queryset):
        return queryset

    def csv_header(self, queryset) -> list[str]:
        return self.record_columns(queryset)

    def csv_row(self, obj, header: list[str]) -> list:
        record = self.data_record(obj)
        return [record.get(column) for column in header]

    def csv_filename(self, queryset) -> str:
        return f"{slugify(queryset.model._meta.verbose_name_plural)}.csv"

    def render_csv(self):
        queryset = self.filtered_queryset()
        filterset = getattr(self, "filterset", None)
        if filterset is not None and filterset.is_bound and not filterset.is_valid():
            return bad_request("Some filters could not be used.", errors=filter_errors(filterset))
        header = self.csv_header(queryset)
        rows = (
            self.csv_row(obj, header)
            for obj in self.get_csv_queryset(queryset).iterator(chunk_size=self.csv_chunk_size)
        )
        return csv_response(header, rows, self.csv_filename(queryset))


ARTICLE_CSV_HEADER = [
    "slug",
    "title",
    "published",
    "published_time",
    "outlet",
    "section",
    "byline",
    "dateline_place",
    "dateline_date",
    "persons",
    "speakers",
    "organizations",
    "topics",
    "quotes",
    "statistics",
    "url",
]


def article_prefetches(queryset):
    """What `article_record` reads, fetched in one query each however many articles. Mentions
    share position 0 (an outlet and a photo agency), so the id breaks ties: the same order
    on every database and every request."""
    return queryset.prefetch_related(
        Prefetch(
            "person_mentions",
            PersonMention.objects.select_related("person").order_by("position", "id"),
        ),
        Prefetch(
            "organization_mentions",
            OrganizationMention.objects.select_related("organization").order_by("position", "id"),
        ),
        Prefetch(
            "quotes",
            Quote.objects.select_related("person", "organization").order_by("position", "id"),
        ),
        "statistics",
        "topics",
    )


class ArticleDataFormatsMixin(DataFormatsMixin):
    """Articles as data. JSON results are the export schema's record (README) plus `url`;
    CSV is one flat row an article: lists joined with "; ", counts of quotes and figures, no
    body (the JSON and the API have it)."""

    def data_record(self, article) -> dict:
        record = article_record(article)
        record["url"] = self.request.build_absolute_uri(article.get_absolute_url())
        return record

    def data_records(self, objects) -> list[dict]:
        # The page was read without bodies or relations: read its records in one go.
        ids = [article.pk for article in objects]
        full = article_prefetches(Article.objects.select_related("outlet")).in_bulk(ids)
        return [self.data_record(full[pk]) for pk in ids]

    def get_csv_queryset(self, queryset):
        return article_prefetches(queryset.select_related("outlet").defer("body", "raw_text"))

    def csv_header(self, queryset) -> list[str]:
        return ARTICLE_CSV_HEADER

    def csv_row(self, article, header: list[str]) -> list:
        quotes = list(article.quotes.all())
        return [
            article.slug,
            article.title,
            article.published,
            article.published_time,
            article.outlet.name if article.outlet else None,
            article.section,
            article.byline,
            article.dateline_place,
            article.dateline_date,
            [mention.person.name for mention in article.person_mentions.all()],
            list(dict.fromkeys(quote.person.name for quote in quotes if quote.person_id)),
            [mention.organization.name for mention in article.organization_mentions.all()],
            [topic.name for topic in article.topics.all()],
            len(quotes),
            len(article.statistics.all()),
            self.request.build_absolute_uri(article.get_absolute_url()),
        ]

    def csv_filename(self, queryset) -> str:
        return "articles.csv"


class ArticleCitationView(DetailView):
    """/articles/<slug>/cite.ris|bib|json: the article as a reference-manager entry."""

    model = Article
    queryset = Article.objects.select_related("outlet").defer("body", "raw_text")

    def render_to_response(self, context, **response_kwargs):
        style = citations.STYLES.get(self.kwargs["style"])
        if style is None:
            raise Http404("Unknown citation style.")
        citation = citations.Citation.from_article(
            self.object,
            permalink=self.request.build_absolute_uri(self.object.get_absolute_url()),
            accessed=timezone.localdate(),
        )
        response = HttpResponse(style.render(citation), content_type=style.content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="{self.object.slug}.{style.extension}"'
        )
        return response


QUOTE_HEADER = [
    "article_published",
    "article_title",
    "article_url",
    "outlet",
    "text",
    "direct",
]


class PersonQuotesView(View):
    """/people/<slug>/quotes.csv|json: everything a person was quoted as saying."""

    def get(self, request, slug, data_format):
        person = get_object_or_404(Person, slug=slug)
        quotes = (
            person.quotes.select_related("article__outlet")
            .only(
                "text",
                "direct",
                "position",
                "article__slug",
                "article__title",
                "article__published",
                "article__outlet__name",
            )
            .order_by(F("published").desc(nulls_last=True), "-article_id", "position")
        )
        rows = (self.row(quote) for quote in quotes.iterator(chunk_size=CSV_CHUNK_SIZE))
        if data_format == CSV:
            return csv_response(QUOTE_HEADER, rows, f"{person.slug}-quotes.csv")
        results = [dict(zip(QUOTE_HEADER, row, strict=True)) for row in rows]
        return JsonResponse(
            {
                "person": {
                    "name": person.name,
                    "slug": person.slug,
                    "url": request.build_absolute_uri(person.get_absolute_url()),
                },
                "count": len(results),
                "quotes": results,
            },
            encoder=DjangoJSONEncoder,
            json_dumps_params={"ensure_ascii": False},
        )

    def row(self, quote) -> list:
        article = quote.article
        return [
            article.published,
            article.title,
            self.request.build_absolute_uri(article.get_absolute_url()),
            article.outlet.name if article.outlet else None,
            quote.text,
            quote.direct,
        ]


class HealthCheckView(View):
    """/healthz for load balancers: 200 when the database answers, 503 when it does not."""

    def get(self, request):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except DatabaseError:
            return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
        return JsonResponse({"status": "ok", "database": "ok"})


class RobotsTxtView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"
