"""Export the whole network to one archive, and restore it into an empty instance.

The archive (``.tar.gz``) holds three things:

- ``manifest.json``: the archive format, when it was made, and the migrations the database had
  applied: an archive restores only into the same schema (same code version, migrated);
- ``database.json``: every row, written by Django's ``dumpdata`` (natural keys for references
  to content types, permissions, groups and users; every primary key kept, so addresses with
  ids, Wagtail's page tree paths and revisions stay valid). Rows that are rebuilt or worthless
  elsewhere are left out: login sessions, the search index and search logs, Wagtail's
  reference index, image renditions, admin editing sessions, and login-attempt and health-check
  logs of third-party apps. An app can leave out models of its own by naming them on its
  ``AppConfig`` (``backup_skip_models = ["ModelName", …]``);
- the uploaded files every file field refers to, read through each field's storage:
  ``media/<name>`` for the default storage (the layout of ``MEDIA_ROOT``), and
  ``storage/<app.model.field>/<name>`` for a field with a storage of its own. Restricted
  documents (intervision attachments) are included: the archive is confidential.

Restoring empties the database (when asked to replace it), loads the rows in one transaction
(with the content types and permissions of the archive, so ids stored inside revisions stay
right), writes the files back through the same storages, and then rebuilds the search index
and the reference index.
"""
import gzip
import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from datetime import UTC, datetime, time
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers import json as json_serializer
from django.core.serializers import register_serializer
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE = "database.json"
# The serialization format below, registered under this name for dumpdata and loaddata.
SERIALIZATION_FORMAT = "networkbackup"
MEDIA_DIR = "media"
STORAGE_DIR = "storage"

WARNING = (
    "WARNING: {path} contains personal data (names, e-mail addresses, registrations, password "
    "hashes) and confidential intervision records with their attachments. Store it encrypted "
    "(for example `gpg -c` or `age -p`), never in a shared or public folder, and delete copies "
    "you no longer need."
)

# Third-party apps whose rows are logs or throwaway state (by module name: the label of
# django.contrib.sessions is "sessions").
SKIPPED_APPS = ("django.contrib.sessions", "wagtail.search", "axes", "health_check")
# Rows that are rebuilt (reference index, renditions) or only mean something while a user is
# in the admin.
SKIPPED_MODELS = ("wagtailcore.ReferenceIndex", "wagtailimages.Rendition",
                  "wagtailadmin.EditingSession")


# What reading a truncated or corrupted .tar.gz raises.
DAMAGED = (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile)


class BackupError(Exception):
    """An archive that cannot be written or restored; the message says why and what to do."""


# ------------------------------------------------------------------------------------------
# What goes into the archive
# ------------------------------------------------------------------------------------------

def _skipped_app(config):
    return any(config.name == name or config.name.startswith(name + ".") for name in SKIPPED_APPS)


class PreciseJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (Django's rounds them to
    milliseconds, which would reorder a waiting list signed up within one millisecond)."""

    def default(self, o):
        if isinstance(o, (datetime, time)):
            return o.isoformat()
        return super().default(o)


class Serializer(json_serializer.Serializer):
    """Django's JSON serializer with full-precision times, and many-to-many links left to the
    rows of their own table (dumped as such): their ids and order then come back unchanged,
    and loading them sends no ``m2m_changed`` signals."""

    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = PreciseJSONEncoder

    def handle_m2m_field(self, obj, field):
        if not field.remote_field.through._meta.auto_created:
            super().handle_m2m_field(obj, field)


Deserializer = json_serializer.Deserializer


def _register_format():
    register_serializer(SERIALIZATION_FORMAT, __name__)


def skipped_labels():
    """What stays out of the archive: whole apps (labels) and single models (``app.Model``)."""
    labels = []
    for config in apps.get_app_configs():
        if _skipped_app(config):
            labels.append(config.label)
            continue
        labels.extend(f"{config.label}.{name}" for name in getattr(config, "backup_skip_models", ()))
    labels.extend(SKIPPED_MODELS)
    return [label for label in labels if _label_exists(label)]


def _label_exists(label):
    app_label, _dot, model_name = label.partition(".")
    try:
        config = apps.get_app_config(app_label)
        if model_name:
            config.get_model(model_name)
    except LookupError:
        return False
    return True


def backed_up_models():
    """The concrete models whose rows go into the archive."""
    skipped = skipped_labels()
    found = []
    # With the tables of many-to-many fields (auto-created), whose rows are dumped as such.
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        owner = meta.auto_created._meta if meta.auto_created else meta
        if meta.proxy or not meta.managed or {meta.app_label, meta.label, owner.label} & set(skipped):
            continue
        found.append(model)
    return found


def applied_migrations(connection):
    """The applied migrations, as sorted ``app.name`` strings."""
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def _file_fields(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, models.FileField)
            and field.model is model]


def stored_files():
    """Yield (storage, name, archive name) for every file a backed-up row refers to, once each."""
    seen = set()
    for model in backed_up_models():
        for field in _file_fields(model):
            storage = field.storage
            if storage is default_storage:
                prefix = MEDIA_DIR
            else:
                prefix = f"{STORAGE_DIR}/{model._meta.label_lower}.{field.name}"
            names = model._base_manager.exclude(**{field.attname: ""}).exclude(
                **{f"{field.attname}__isnull": True}).values_list(field.attname, flat=True)
            for name in names.order_by(field.attname).distinct():
                archive_name = f"{prefix}/{name}"
                if archive_name not in seen:
                    seen.add(archive_name)
                    yield storage, name, archive_name


# ------------------------------------------------------------------------------------------
# Export
# ------------------------------------------------------------------------------------------

def _private_file(path):
    """Open ``path`` for writing, readable by its owner only (also when it already existed)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    return os.fdopen(descriptor, "wb")


def _add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = int(datetime.now(UTC).timestamp())
    tar.addfile(info, io.BytesIO(data))


def export_network(path, *, using=DEFAULT_DB_ALIAS):
    """Write the whole network (database and uploaded files) to the archive at ``path``.

    The archive is written beside ``path`` first and renamed at the end, so a failed export
    leaves no half archive; it is readable by its owner only (mode 0600). Returns a summary:
    ``{"objects": …, "files": …, "missing": [names of files the database refers to but the
    storage does not have]}``.
    """
    path = Path(path)
    connection = connections[using]
    partial = path.with_name(path.name + ".partial")
    summary = {"objects": 0, "files": 0, "missing": []}
    with tempfile.TemporaryDirectory(prefix="network-export-") as workdir:
        dump = Path(workdir) / DATABASE
        # One read transaction: the rows agree with each other and with the list of files.
        # The files themselves are copied after it (uploads are not changed in place), so
        # that SQLite's write lock is held only while the rows are read.
        outermost = not connection.in_atomic_block
        with transaction.atomic(using=using):
            if outermost:
                _consistent_snapshot(connection)
            _register_format()
            call_command("dumpdata", *[model._meta.label for model in backed_up_models()],
                         format=SERIALIZATION_FORMAT, natural_foreign=True, use_base_manager=True,
                         output=str(dump), verbosity=0, database=using)
            migrations = applied_migrations(connection)
            files = list(stored_files())
        summary["objects"] = _count_objects(dump)
        manifest = {
            "format": FORMAT,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "database_vendor": connection.vendor,
            "migrations": migrations,
            "objects": summary["objects"],
        }
        try:
            with _private_file(partial) as output, tarfile.open(fileobj=output, mode="w:gz") as tar:
                tar.add(dump, arcname=DATABASE, filter=_owner_only)
                for storage, name, archive_name in files:
                    if not storage.exists(name):
                        summary["missing"].append(name)
                        continue
                    info = tarfile.TarInfo(archive_name)
                    info.size = storage.size(name)
                    info.mode = 0o600
                    info.mtime = int(datetime.now(UTC).timestamp())
                    with storage.open(name, "rb") as content:
                        tar.addfile(info, content)
                    summary["files"] += 1
                manifest["files"] = summary["files"]
                _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2).encode())
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    os.replace(partial, path)
    return summary


def _consistent_snapshot(connection):
    """On PostgreSQL, make the transaction just begun read one snapshot: by default each query
    sees the latest commits, and a registration added between reading participants and
    registrations would point at a participant missing from the archive. (SQLite's transaction
    reads one snapshot anyway.) Only possible as the first statement of the transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def _owner_only(info):
    info.mode = 0o600
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def _count_objects(dump):
    with open(dump, encoding="utf-8") as stream:
        return len(json.load(stream))


# ------------------------------------------------------------------------------------------
# Import
# ------------------------------------------------------------------------------------------

def holds_content(using=DEFAULT_DB_ALIAS):
    """Whether the database holds anything migrations do not create by themselves: user
    accounts, pages below the home page, images or documents."""
    return (get_user_model()._base_manager.using(using).exists()
            or Page.objects.using(using).filter(depth__gt=2).exists()
            or get_document_model().objects.using(using).exists()
            or get_image_model().objects.using(using).exists())


def read_manifest(tar):
    """The archive's manifest, or a BackupError when it is not one of our archives."""
    try:
        member = tar.getmember(MANIFEST)
        manifest = json.load(tar.extractfile(member))
    except (KeyError, ValueError, AttributeError, *DAMAGED) as error:
        raise BackupError("This is not a network archive (no readable manifest.json).") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"This archive has format {manifest.get('format')!r}; this version of the site "
                          f"reads format {FORMAT} only.")
    return manifest


def check_schema(manifest, connection):
    """Refuse an archive made with other migrations than this database has applied."""
    archived = set(manifest.get("migrations", ()))
    here = set(applied_migrations(connection))
    if archived == here:
        return
    only_archive, only_here = sorted(archived - here), sorted(here - archived)
    details = []
    if only_archive:
        details.append(f"{len(only_archive)} migration(s) in the archive that this database has not "
                       f"applied (first: {', '.join(only_archive[:3])})")
    if only_here:
        details.append(f"{len(only_here)} migration(s) applied here that the archive does not have "
                       f"(first: {', '.join(only_here[:3])})")
    raise BackupError(
        "This archive comes from another version of the site: " + "; ".join(details) + ". "
        "Restore it with the code version that made it (run `manage.py migrate` first), then "
        "upgrade.")


def empty_database(connection):
    """Delete every row of every table Django manages (the migration history stays)."""
    # PostgreSQL refuses TRUNCATE while deferred foreign-key checks of this transaction are
    # pending (rows written earlier in it): run those checks now.
    connection.check_constraints()
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=False)
    connection.ops.execute_sql_flush(statements)


def _restore_files(tar):
    """Write back every file the restored rows refer to; returns how many were written."""
    written = 0
    missing = []
    for storage, name, archive_name in stored_files():
        try:
            member = tar.getmember(archive_name)
        except KeyError:
            missing.append(name)
            continue
        if not member.isfile():
            raise BackupError(f"{archive_name} in the archive is not a file.")
        if storage.exists(name):
            storage.delete(name)
        with tar.extractfile(member) as content:
            saved = storage.save(name, File(content, name=os.path.basename(name)))
        if saved != name:
            raise BackupError(f"The storage saved {name} as {saved}: restore into an empty media folder.")
        written += 1
    return written, missing


def import_network(path, *, replace=False, using=DEFAULT_DB_ALIAS):
    """Restore the archive at ``path`` into this instance (migrated with the same code).

    Refuses (BackupError) when the database holds content already, unless ``replace``: then
    everything in it is deleted first. The database part is one transaction (with the files,
    which are written inside it): a failed import leaves the database as it was. The search
    index and the reference index are rebuilt afterwards. Returns a summary.
    """
    connection = connections[using]
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist.")
    try:
        tar = tarfile.open(path, "r:gz")
    except (*DAMAGED, OSError) as error:
        raise BackupError(f"{path} is not a readable .tar.gz archive ({error}).") from error
    with tar, tempfile.TemporaryDirectory(prefix="network-import-") as workdir:
        manifest = read_manifest(tar)
        check_schema(manifest, connection)
        if not replace and holds_content(using):
            raise BackupError(
                "This database already holds content (user accounts, pages, images or documents). "
                "Restore into an empty instance (a new database, after `manage.py migrate`), or give "
                "--replace to delete everything in this one first.")
        try:
            dump = tar.extractfile(tar.getmember(DATABASE))
        except KeyError as error:
            raise BackupError(f"The archive has no {DATABASE}.") from error
        # loaddata tells the format by the extension.
        fixture = Path(workdir) / f"database.{SERIALIZATION_FORMAT}"
        try:
            with dump, open(fixture, "wb") as output:
                shutil.copyfileobj(dump, output)
        except DAMAGED as error:
            raise BackupError(f"The archive is damaged ({error}).") from error
        try:
            with transaction.atomic(using=using):
                empty_database(connection)
                # Content types come back with the archive's ids: forget the ones cached before.
                ContentType.objects.clear_cache()
                _register_format()
                call_command("loaddata", str(fixture), verbosity=0, database=using)
                ContentType.objects.clear_cache()
                files, missing = _restore_files(tar)
        except BackupError:
            ContentType.objects.clear_cache()
            raise
        except Exception as error:
            # Rolled back: the content types cached during the attempt are gone again.
            ContentType.objects.clear_cache()
            raise BackupError(f"The archive could not be restored, nothing was changed: {error}") from error
    Site.clear_site_root_paths_cache()
    call_command("update_index", verbosity=0)
    call_command("rebuild_references_index", verbosity=0)
    return {"objects": manifest.get("objects"), "files": files, "missing": missing,
            "created": manifest.get("created")}
