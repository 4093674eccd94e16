"""Behaviour the archive's list pages share."""


class LastPageMixin:
    """An out-of-range page shows the last page instead of a 404 page of nothing."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        return context


class KnownCountMixin:
    """A list whose length is already known (the facet index keeps it) gives it to the
    Paginator, which would otherwise COUNT every matching row for the page links."""

    def known_count(self) -> int | None:
        return None

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        count = self.known_count()
        if count is not None:
            paginator.count = count  # Paginator.count is a cached_property: set, not counted
        return paginator


class InvalidFilterIs400Mixin:
    """A FilterView whose filters do not validate answers 400, with the errors on the page."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.filterset.is_bound and not self.filterset.is_valid():
            response.status_code = 400
        return response

    @property
    def filters_valid(self) -> bool:
        return not self.filterset.is_bound or self.filterset.is_valid()
