import os

import pgvector.django.indexes
from django.conf import settings
from django.db import migrations

OLD = pgvector.django.indexes.HnswIndex(
    ef_construction=128, fields=["embedding"], m=16, name="customer_embedding_hnsw", opclasses=["vector_cosine_ops"]
)
NEW = pgvector.django.indexes.HnswIndex(
    ef_construction=256, fields=["embedding"], m=16, name="customer_embedding_hnsw", opclasses=["vector_cosine_ops"]
)


def _build(schema_editor, model, drop, add):
    # As build_customer_indexes does: room for the graph in memory and parallel workers; on a
    # million customers this is about 9 minutes on 2 cores, searches reading meanwhile.
    schema_editor.execute(
        "SELECT set_config('maintenance_work_mem', %s, true), "
        "set_config('max_parallel_maintenance_workers', %s, true)",
        [settings.INDEX_BUILD_MEMORY, str(max(1, (os.cpu_count() or 2) - 1))],
    )
    schema_editor.remove_index(model, drop)
    schema_editor.add_index(model, add)


def forwards(apps, schema_editor):
    _build(schema_editor, apps.get_model("customers", "Customer"), OLD, NEW)


def backwards(apps, schema_editor):
    _build(schema_editor, apps.get_model("customers", "Customer"), NEW, OLD)


class Migration(migrations.Migration):
    """A denser HNSW graph: ef_construction 256 instead of 128 (see customers/models.py)."""

    dependencies = [("customers", "0005_keep_rows_inline")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(forwards, backwards)],
            state_operations=[
                migrations.RemoveIndex(model_name="customer", name="customer_embedding_hnsw"),
                migrations.AddIndex(model_name="customer", index=NEW),
            ],
        )
    ]
