"""Repeat readers cost little: conditional GET and a page cache keyed on the archive's
last change.

Every write to the archive (an import, an admin save, a merge) bumps one row,
`ArchiveChange`. Public pages carry `Last-Modified` and an `ETag` derived from it, so a
browser or proxy that asks again gets a 304 without the page being rendered; anonymous
responses are also kept in the cache (Redis when `REDIS_URL` is set), under a key that
includes the change stamp — so a change invalidates every cached page at once, with no
per-page bookkeeping, and every gunicorn worker sees it because the stamp is in the database.
"""

from __future__ import annotations

import hashlib
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

from articles.querysets import refresh_counts

# Paths that are never cached here: staff work, the API (it has its own throttling), health.
UNCACHED_PREFIXES = ("/admin/", "/api/", "/healthz", "/static/")
PAGE_CACHE_SECONDS = 600


def last_change():
    from articles.models import ArchiveChange

    return ArchiveChange.current()


_batch_depth = 0


def mark_changed(**kwargs) -> None:
    """Signal receiver (and plain function): the archive changed just now."""
    from articles.models import ArchiveChange

    if _batch_depth == 0:
        ArchiveChange.bump()
        refresh_counts()


@contextmanager
def batch():
    """Many writes, one stamp: an import bumps the archive's change once, at its end."""
    global _batch_depth
    _batch_depth += 1
    try:
        yield
    finally:
        _batch_depth -= 1
        if _batch_depth == 0:
            mark_changed()


def connect_signals() -> None:
    from articles import models

    for model in (
        models.Article,
        models.Person,
        models.Organization,
        models.Topic,
        models.PersonMention,
        models.OrganizationMention,
        models.Quote,
        models.Statistic,
        models.ArticleTopic,
    ):
        post_save.connect(mark_changed, sender=model, dispatch_uid=f"freshness-save-{model}")
        post_delete.connect(mark_changed, sender=model, dispatch_uid=f"freshness-del-{model}")


class ArchiveFreshnessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._applies(request):
            return self.get_response(request)
        changed = last_change()
        request.archive_changed = changed  # views key their own caches (facets) on it
        etag = quote_etag(
            hashlib.sha1(f"{changed.isoformat()}|{request.get_full_path()}".encode()).hexdigest()
        )
        last_modified = int(changed.timestamp())
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return not_modified

        anonymous = not request.user.is_authenticated
        key = f"page:{etag}"
        response = cache.get(key) if anonymous else None
        if response is None:
            response = self.get_response(request)  # template responses arrive rendered
            if anonymous and response.status_code == 200 and not response.streaming:
                cache.set(key, response, PAGE_CACHE_SECONDS)
        if response.status_code == 200:
            response.headers.setdefault("ETag", etag)
            response.headers.setdefault("Last-Modified", http_date(last_modified))
            if anonymous:
                patch_cache_control(response, public=True, max_age=settings.PUBLIC_MAX_AGE)
            else:
                patch_cache_control(response, private=True, no_cache=True)
        return response

    def _applies(self, request) -> bool:
        return request.method in ("GET", "HEAD") and not request.path.startswith(UNCACHED_PREFIXES)
