"""What the API returns. An article is the export schema's record (`articles/export.py`,
documented in README.md) plus its page's address; the fields declared below describe that
record for the OpenAPI schema."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.export import article_record
from articles.models import Organization, Person, Quote, Statistic, Topic
from articles.views.data import json_number


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The absolute address of the object's HTML page."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, obj):
        request = self.context.get("request")
        url = obj.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class ArticlePersonSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()
    role = serializers.CharField(help_text="The role as written in this article.")
    affiliation = serializers.CharField()


class DatelineSerializer(serializers.Serializer):
    place = serializers.CharField(allow_null=True)
    date = serializers.DateField(allow_null=True)


class ArticleOrganizationSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()
    acronym = serializers.CharField(allow_null=True)


class ArticleQuoteSerializer(serializers.Serializer):
    speaker = serializers.CharField()
    speaker_kind = serializers.ChoiceField(choices=["person", "organization"])
    text = serializers.CharField()
    direct = serializers.BooleanField(help_text="False for reported speech.")


class ArticleStatisticSerializer(serializers.Serializer):
    value = serializers.FloatField(help_text="Normalized, e.g. 2443000000000 for 2.443 trillion.")
    unit = serializers.CharField()
    what = serializers.CharField()
    qualifier = serializers.CharField(allow_null=True)
    year = serializers.IntegerField(allow_null=True)
    as_written = serializers.CharField()


class ArticleSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    title_derived = serializers.BooleanField()
    published = serializers.DateField(allow_null=True)
    published_time = serializers.CharField(allow_null=True, help_text="HH:MM:SS")
    date_basis = serializers.CharField()
    dateline = DatelineSerializer()
    outlet = serializers.CharField(allow_null=True)
    section = serializers.CharField(allow_null=True)
    byline = serializers.CharField(allow_null=True)
    body = serializers.CharField(help_text="Paragraphs separated by a blank line.")
    source_file = serializers.CharField()
    content_hash = serializers.CharField()
    persons = ArticlePersonSerializer(many=True)
    speakers = serializers.ListField(child=serializers.CharField())
    organizations = ArticleOrganizationSerializer(many=True)
    quotes = ArticleQuoteSerializer(many=True)
    statistics = ArticleStatisticSerializer(many=True)
    topics = serializers.ListField(child=serializers.CharField())
    url = PageUrlField()

    def to_representation(self, article):
        record = article_record(article)
        record["url"] = self.fields["url"].to_representation(article)
        return record


class ArticleReferenceSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    published = serializers.DateField(allow_null=True)
    url = PageUrlField()


class EntityReferenceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["person", "organization"])
    name = serializers.CharField()
    slug = serializers.CharField()


class PersonSerializer(serializers.ModelSerializer):
    aliases = serializers.ListField(child=serializers.CharField())
    article_count = serializers.IntegerField(help_text="Articles that mention the person.")
    quote_count = serializers.IntegerField(help_text="Quotes attributed to the person.")
    url = PageUrlField()

    class Meta:
        model = Person
        fields = ["slug", "name", "role", "affiliation", "aliases"]
        fields += ["article_count", "quote_count", "url"]


class OrganizationSerializer(serializers.ModelSerializer):
    aliases = serializers.ListField(child=serializers.CharField())
    article_count = serializers.IntegerField(help_text="Articles that mention it.")
    quote_count = serializers.IntegerField(help_text="Quotes attributed to it.")
    url = PageUrlField()

    class Meta:
        model = Organization
        fields = ["slug", "name", "acronym", "kind", "aliases"]
        fields += ["article_count", "quote_count", "url"]


class TopicSerializer(serializers.ModelSerializer):
    article_count = serializers.IntegerField(help_text="Articles tagged with it.")
    url = PageUrlField()

    class Meta:
        model = Topic
        fields = ["slug", "name", "description", "article_count", "url"]


class QuoteSerializer(serializers.ModelSerializer):
    speaker = serializers.SerializerMethodField()
    article = ArticleReferenceSerializer()

    class Meta:
        model = Quote
        fields = ["id", "text", "direct", "speaker", "article"]

    @extend_schema_field(EntityReferenceSerializer)
    def get_speaker(self, quote):
        speaker = quote.speaker
        return {
            "kind": "person" if quote.person_id else "organization",
            "name": speaker.name,
            "slug": speaker.slug,
        }


class StatisticSerializer(serializers.ModelSerializer):
    value = serializers.SerializerMethodField()
    qualifier = serializers.CharField(help_text="e.g. 'more than'; empty when none.")
    article = ArticleReferenceSerializer()

    class Meta:
        model = Statistic
        fields = ["id", "value", "unit", "what", "qualifier", "year", "as_written", "sentence"]
        fields += ["article"]

    @extend_schema_field(OpenApiTypes.NUMBER)
    def get_value(self, statistic):
        return json_number(statistic.value)
