"""People, organizations and topics: their own pages."""

from django.views.generic import DetailView

from articles.models import Organization, Person, Topic
from articles.views.archive import article_list_queryset


class PersonDetailView(DetailView):
    model = Person
    template_name = "articles/person_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["mentions"] = (
            self.object.mentions.select_related("article", "article__outlet")
            .defer("article__raw_text", "article__body")
            .order_by("-article__published")
        )
        context["quotes"] = (
            self.object.quotes.select_related("article")
            .defer("article__raw_text", "article__body")
            .order_by("-article__published", "position")
        )
        return context


class OrganizationDetailView(DetailView):
    model = Organization
    template_name = "articles/organization_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["articles"] = (
            article_list_queryset()
            .filter(organization_mentions__organization=self.object)
            .distinct()
        )
        return context


class TopicDetailView(DetailView):
    model = Topic
    template_name = "articles/topic_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["articles"] = article_list_queryset().filter(topic_links__topic=self.object)
        return context
