from django.urls import path, re_path

from articles import feeds
from articles.views import archive, data, entities, quotes, statistics

app_name = "articles"

urlpatterns = [
    path("quotes/", quotes.QuoteListView.as_view(), name="quote-list"),
    path("", archive.HomeView.as_view(), name="home"),
    path("articles/", archive.ArticleListView.as_view(), name="article-list"),
    path("articles/<slug:slug>/", archive.ArticleDetailView.as_view(), name="article-detail"),
    path("people/", entities.PersonIndexView.as_view(), name="person-list"),
    path("people/<slug:slug>/", entities.PersonDetailView.as_view(), name="person-detail"),
    path("organizations/", entities.OrganizationIndexView.as_view(), name="organization-list"),
    path(
        "organizations/<slug:slug>/",
        entities.OrganizationDetailView.as_view(),
        name="organization-detail",
    ),
    path("topics/", entities.TopicIndexView.as_view(), name="topic-list"),
    path("topics/<slug:slug>/", entities.TopicDetailView.as_view(), name="topic-detail"),
    path("statistics/", statistics.StatisticListView.as_view(), name="statistic-list"),
]

# Open data: Atom feeds, citations, a person's quotes as a file.
urlpatterns += [
    path("feeds/articles/", feeds.ArticleFeed(), name="article-feed"),
    path("people/<slug:slug>/feed/", feeds.PersonFeed(), name="person-feed"),
    path("organizations/<slug:slug>/feed/", feeds.OrganizationFeed(), name="organization-feed"),
    path("topics/<slug:slug>/feed/", feeds.TopicFeed(), name="topic-feed"),
    re_path(
        r"^articles/(?P<slug>[-a-zA-Z0-9_]+)/cite\.(?P<style>ris|bib|json)$",
        data.ArticleCitationView.as_view(),
        name="article-cite",
    ),
    re_path(
        r"^people/(?P<slug>[-a-zA-Z0-9_]+)/quotes\.(?P<data_format>csv|json)$",
        data.PersonQuotesView.as_view(),
        name="person-quotes",
    ),
]
