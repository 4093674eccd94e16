from django.urls import path

from articles.views import archive, entities

app_name = "articles"

urlpatterns = [
    path("", archive.HomeView.as_view(), name="home"),
    path("articles/", archive.ArticleListView.as_view(), name="article-list"),
    path("articles/<slug:slug>/", archive.ArticleDetailView.as_view(), name="article-detail"),
    path("people/<slug:slug>/", entities.PersonDetailView.as_view(), name="person-detail"),
    path(
        "organizations/<slug:slug>/",
        entities.OrganizationDetailView.as_view(),
        name="organization-detail",
    ),
    path("topics/<slug:slug>/", entities.TopicDetailView.as_view(), name="topic-detail"),
]
