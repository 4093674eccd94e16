"""An article's body as HTML paragraphs, with its quotes and figures marked where they stand.

Quotes become `<q>` (direct) or a marked span (reported speech) followed by a link to the
speaker; figures become `<span id="statistic-N">` anchors that the statistics page links to.
Text is escaped piece by piece, so nothing from the source can inject markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


@dataclass
class _Span:
    start: int
    end: int
    opening: str
    closing: str


def marked_paragraphs(article, quotes, statistics) -> list[SafeString]:
    """Body paragraphs with quote and figure marks; `quotes` and `statistics` are the
    article's rows (already fetched, so this costs no query)."""
    paragraphs = article.paragraphs
    spans_by_paragraph: list[list[_Span]] = [[] for _ in paragraphs]
    for quote in quotes:
        _place(paragraphs, spans_by_paragraph, quote.text, _quote_span(quote))
    for statistic in statistics:
        _place(paragraphs, spans_by_paragraph, statistic.as_written, _statistic_span(statistic))
    return [
        _render(paragraph, spans)
        for paragraph, spans in zip(paragraphs, spans_by_paragraph, strict=False)
    ]


def _place(paragraphs, spans_by_paragraph, needle: str, make_span) -> None:
    """Mark the first occurrence of `needle` not already marked by the same kind."""
    if not needle or len(needle) < 2:
        return
    for index, paragraph in enumerate(paragraphs):
        start = paragraph.find(needle)
        if start >= 0:
            spans_by_paragraph[index].append(make_span(start, start + len(needle)))
            return


def _quote_span(quote):
    speaker = quote.person or quote.organization
    if quote.person:
        url = reverse("articles:person-detail", args=[quote.person.slug])
    else:
        url = reverse("articles:organization-detail", args=[quote.organization.slug])
    tag = format_html(
        '<a class="speaker-tag" href="{}" title="Quote of {}">{}</a>', url, speaker, speaker
    )
    css = "quote-mark" if quote.direct else "quote-mark reported"

    def make(start: int, end: int) -> _Span:
        return _Span(
            start,
            end,
            format_html('<span class="{}" id="quote-{}">', css, quote.pk),
            mark_safe(f"</span>{tag}"),
        )

    return make


def _statistic_span(statistic):
    def make(start: int, end: int) -> _Span:
        return _Span(
            start,
            end,
            format_html(
                '<span class="stat-mark" id="statistic-{}" title="{} {}">',
                statistic.pk,
                statistic.value.normalize(),
                statistic.unit,
            ),
            mark_safe("</span>"),
        )

    return make


def _render(paragraph: str, spans: list[_Span]) -> SafeString:
    """Nest spans that contain each other; a span that only partly overlaps is dropped."""
    spans = sorted(spans, key=lambda span: (span.start, -span.end))
    kept: list[_Span] = []
    open_stack: list[_Span] = []
    for span in spans:
        while open_stack and open_stack[-1].end <= span.start:
            open_stack.pop()
        if open_stack and span.end > open_stack[-1].end:
            continue
        kept.append(span)
        open_stack.append(span)
    events = []
    for order, span in enumerate(kept):
        events.append((span.start, 1, order, span.opening))
        events.append((span.end, 0, -order, span.closing))
    events.sort()
    html, cursor = [], 0
    for position, _, _, markup in events:
        html.append(escape(paragraph[cursor:position]))
        html.append(markup)
        cursor = position
    html.append(escape(paragraph[cursor:]))
    return mark_safe("".join(html))
