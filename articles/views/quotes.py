"""Every quote in the archive: who said what, where and when, filterable."""

from django_filters.views import FilterView

from articles.api.filters import QuoteFilter
from articles.models import Quote
from articles.views.data import DataFormatsMixin
from articles.views.mixins import InvalidFilterIs400Mixin, LastPageMixin

QUOTES_PAGE_SIZE = 30


class QuoteListView(DataFormatsMixin, InvalidFilterIs400Mixin, LastPageMixin, FilterView):
    """The same QuoteFilter as the API's `/api/quotes/`, so both list the same rows."""

    filterset_class = QuoteFilter
    template_name = "articles/quote_list.html"
    paginate_by = QUOTES_PAGE_SIZE

    def get_queryset(self):
        return Quote.objects.select_related("person", "organization", "article").defer(
            "article__raw_text", "article__body", "article__search_vector"
        )
