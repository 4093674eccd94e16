"""Every cited figure in one sortable, filterable table, with a chart when the figures compare.

Figures compare only when they share a unit, so the chart appears once the rows are narrowed
to one unit (`?unit=applications`): value by the year the figure refers to, or the article's
year when the figure names none.
"""

from django.db.models import Count
from django.utils.functional import cached_property
from django_filters.views import FilterView

from articles import facet_index
from articles.charts import Dot, dot_chart
from articles.facets import toggle_url, with_param
from articles.filters import NO_UNIT, STATISTIC_SORT_DEFAULT, StatisticFilter
from articles.models import Statistic
from articles.templatetags.figures import unit_label, unit_param
from articles.views.data import DataFormatsMixin
from articles.views.mixins import InvalidFilterIs400Mixin, KnownCountMixin, LastPageMixin

STATISTIC_PAGE_SIZE = 50
UNIT_FACET_SIZE = 20
SERIES_MIN_FIGURES = 3
MAX_CHART_DOTS = 400
FILTER_TITLES = {
    "q": "Text",
    "unit": "Unit",
    "year": "Year",
    "topic": "Topic",
    "person": "Person",
    "article": "Article",
}
SORTABLE_COLUMNS = {"value": "-value", "year": "-year", "date": "-date"}  # first click


def _chip_value(param: str, value: str) -> str:
    return unit_label("") if param == "unit" and value == NO_UNIT else value


class StatisticListView(
    DataFormatsMixin, InvalidFilterIs400Mixin, KnownCountMixin, LastPageMixin, FilterView
):
    filterset_class = StatisticFilter
    template_name = "articles/statistic_list.html"
    paginate_by = STATISTIC_PAGE_SIZE

    def get_queryset(self):
        return Statistic.objects.select_related("article").defer(
            "sentence", "article__body", "article__raw_text"
        )

    @cached_property
    def filtered(self) -> bool:
        query = self.request.GET
        return self.filters_valid and any(query.get(name, "").strip() for name in FILTER_TITLES)

    @cached_property
    def figure_units(self) -> list[tuple[str, int]]:
        """Figures per unit over the whole archive, kept by the facet index."""
        return facet_index.for_request(self.request).figure_units

    def known_count(self) -> int | None:
        if self.filters_valid and not self.filtered:
            return sum(n for _, n in self.figure_units)
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET
        every_unit = [{"unit": unit, "n": n} for unit, n in self.figure_units]
        if self.filtered:
            units = list(
                self.object_list.order_by()
                .values("unit")
                .annotate(n=Count("pk"))
                .order_by("-n", "unit")[:UNIT_FACET_SIZE]
            )
        else:  # every figure: the counts the index keeps
            units = [dict(row) for row in every_unit[:UNIT_FACET_SIZE]]
        for row in units:
            row["url"] = toggle_url(query, "unit", unit_param(row["unit"]))
            row["selected"] = query.get("unit") == unit_param(row["unit"])
        context["units"] = units
        context["series"] = [row for row in every_unit if row["n"] >= SERIES_MIN_FIGURES]
        context["chart"] = self.chart(units[0]["unit"]) if len(units) == 1 else None
        context["chips"] = [
            (f"{title}: {_chip_value(param, query[param])}", toggle_url(query, param, query[param]))
            for param, title in FILTER_TITLES.items()
            if query.get(param, "").strip()
        ]
        context["sort_headers"] = self.sort_headers()
        return context

    def chart(self, unit: str):
        rows = self.object_list.order_by().values_list(
            "value", "year", "article__published", "as_written", "what"
        )[:MAX_CHART_DOTS]
        dots = [
            Dot(year or published.year, value, f"{as_written} ({what})" if what else as_written)
            for value, year, published, as_written, what in rows
            if year or published
        ]
        label = unit_label(unit)
        return dot_chart(dots, title=f"Figures in {label}, by year", value_label=label)

    def sort_headers(self) -> dict[str, dict]:
        """For each sortable column: the link that sorts by it, and its aria-sort state."""
        query = self.request.GET
        current = (query.get("sort") if self.filters_valid else "") or STATISTIC_SORT_DEFAULT
        headers = {}
        for column, first_click in SORTABLE_COLUMNS.items():
            state = "none"
            target = first_click
            if current.lstrip("-") == column:
                state = "descending" if current.startswith("-") else "ascending"
                target = column if current.startswith("-") else f"-{column}"
            headers[column] = {"url": with_param(query, "sort", target), "state": state}
        return headers
