from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "ipnews archive staff"
admin.site.site_title = "ipnews admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
]
