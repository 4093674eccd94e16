"""The Editors group: view, add, change and delete on the archive's models, view on their
history, nothing on users or groups. Give a staff account this group to let it curate the archive."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"


def grant_editors(apps, schema_editor):
    # Permissions are normally made after all migrations; this one needs them now (a
    # migration's app registry has no models module, which create_permissions checks for).
    articles = apps.get_app_config("articles")
    stand_in = getattr(articles, "models_module", None) is None
    if stand_in:
        articles.models_module = True
    create_permissions(articles, apps=apps, verbosity=0)
    if stand_in:
        articles.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    # History is a record: editors read it (and revert through the model itself), never edit it.
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="articles").exclude(
            content_type__model__startswith="historical", codename__regex=r"^(add|change|delete)_"
        )
    )


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_audit_history"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant_editors, remove_editors)]
