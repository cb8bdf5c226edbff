"""``embed_customers --all --bulk`` on a small real book: the task path's vectors and search
results, through a staging table, resumable."""

import time
from datetime import timedelta

import numpy as np
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from customers import services
from customers.bulk_embedding import (
    HNSW_INDEX,
    STAGING_TABLE,
    BulkEmbeddingInterrupted,
    bulk_embed_customers,
    bulk_encoder,
    staged_count,
)
from customers.bulk_encoding import TokenizerWorkerDied
from customers.generator import generate_customers
from customers.models import Customer
from search.selectors import search_customers

pytestmark = pytest.mark.django_db(transaction=True)

QUESTIONS = ["saving for a child's college", "retired, wants steady income", "small business owner"]


@pytest.fixture
def book(user):
    rows = [{**row, "relationship_manager": user} for row in generate_customers(30, seed=11)]
    rows[0] = {**rows[1], "external_id": "TWIN-1", "first_name": "Other"}  # the same profile text
    ids, _ = services.customers_bulk_upsert(rows=rows, embed=False)
    return ids


def vectors(ids) -> dict[int, np.ndarray]:
    return {pk: np.asarray(v) for pk, v in Customer.objects.filter(pk__in=ids).values_list("pk", "embedding")}


def results(user) -> list[list[int]]:
    return [[r.customer.pk for r in search_customers(user=user, query=q).results] for q in QUESTIONS]


def hnsw_exists() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [HNSW_INDEX.name])
        return cursor.fetchone()[0]


def test_bulk_vectors_and_search_results_equal_the_task_paths(book, user, capsys):
    services.embed_customers(customer_ids=book)
    by_task, found_by_task = vectors(book), results(user)

    call_command("embed_customers", "--all", "--bulk", "--workers", "1")

    out = capsys.readouterr().out
    assert "Embedded 30 customers from 29 distinct texts" in out and "HNSW index built" in out
    by_bulk = vectors(book)
    assert min(float(by_bulk[pk] @ by_task[pk]) for pk in book) >= 0.9999
    assert set(Customer.objects.filter(pk__in=book).values_list("embedding_status", flat=True)) == {"ready"}
    assert hnsw_exists() and staged_count() == 0
    assert results(user) == found_by_task


def test_an_interrupted_run_resumes_without_encoding_again(book):
    encoder = bulk_encoder(workers=0)
    real_encode, calls = encoder.encode, []

    def dies_on_the_second_chunk(texts, **kwargs):
        calls.append(len(texts))
        if len(calls) == 2:
            raise TokenizerWorkerDied("A tokenizer worker process died")
        return real_encode(texts, **kwargs)

    encoder.encode = dies_on_the_second_chunk
    with pytest.raises(BulkEmbeddingInterrupted, match="run the same command again to resume"):
        bulk_embed_customers(everyone=True, encoder=encoder, chunk=8)
    assert staged_count() == 8
    assert not Customer.objects.filter(pk__in=book, embedding_status="ready").exists()
    assert hnsw_exists(), "searches keep their index until the vectors are applied"

    calls.clear()
    encoder.encode = lambda texts, **kwargs: calls.append(len(texts)) or real_encode(texts, **kwargs)
    report = bulk_embed_customers(everyone=True, encoder=encoder, chunk=8)
    encoder.close()

    assert sum(calls) == 29 - 8, "the 8 staged texts are not encoded again"
    assert (report.resumed_with, report.customers_embedded) == (8, 30)
    assert Customer.objects.filter(pk__in=book, embedding_status="ready").count() == 30
    assert staged_count() == 0 and hnsw_exists()


def test_a_lost_index_is_built_again_by_the_next_run(book):
    call_command("embed_customers", "--all", "--bulk", "--workers", "0")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {HNSW_INDEX.name}")  # as if the run had died during the build

    call_command("embed_customers", "--stale", "--bulk")
    assert hnsw_exists()


def test_the_command_says_how_to_resume(book, monkeypatch):
    from customers import bulk_encoding

    def dead(self, texts, batches):
        raise TokenizerWorkerDied("A tokenizer worker process died")
        yield

    monkeypatch.setattr(bulk_encoding.BulkEncoder, "tokenize", dead)
    with pytest.raises(CommandError, match="run the same command again to resume"):
        call_command("embed_customers", "--all", "--bulk", "--workers", "0")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {STAGING_TABLE}")
        assert cursor.fetchone()[0] == 0


def test_large_batches_go_to_the_embed_bulk_queue_and_embed_with_the_bulk_encoder(book, capsys):
    from bankcrm.celery import app as celery_app

    route = celery_app.amqp.router.route({}, "customers.tasks.embed_customers_bulk_task")
    assert route["queue"].name == "embed-bulk"
    assert (
        celery_app.amqp.router.route({}, "customers.tasks.embed_customers_task")["queue"].name != "embed-bulk"
    )

    call_command("embed_customers", "--stale", "--bulk-queue")  # tasks run eagerly in tests

    assert "Queued 30 customers in 1 batches" in capsys.readouterr().out
    assert Customer.objects.filter(pk__in=book, embedding_status="ready").count() == 30


@pytest.fixture
def bulk_run_elsewhere():
    """A bulk run in another process: another database session holds the book's bulk lock."""
    other = connection.copy()
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [services.BULK_EMBEDDING_LOCK])
    yield other
    other.close()


def test_while_a_bulk_run_holds_the_book_a_second_is_refused_and_the_sweep_sends_nothing(
    book, bulk_run_elsewhere
):
    Customer.objects.filter(pk__in=book).update(updated_at=timezone.now() - timedelta(hours=1))

    with pytest.raises(CommandError, match="already running"):
        call_command("embed_customers", "--all", "--bulk", "--workers", "1")
    assert services.requeue_stranded_embeddings(older_than=timedelta(minutes=2)) == []
    assert Customer.objects.filter(pk__in=book, embedding_status="pending").count() == len(book)


def test_the_sweep_takes_over_when_the_bulk_runs_process_dies(book, bulk_run_elsewhere):
    Customer.objects.filter(pk__in=book).update(updated_at=timezone.now() - timedelta(hours=1))
    assert services.requeue_stranded_embeddings(older_than=timedelta(minutes=2)) == []

    with bulk_run_elsewhere.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        holder = cursor.fetchone()[0]
    bulk_run_elsewhere.close()  # its session ends with its process, and the lock with it
    with connection.cursor() as cursor:
        for _ in range(100):  # the server ends the holder's backend a moment after the socket closes
            cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = %s)", [holder])
            if not cursor.fetchone()[0]:
                break
            time.sleep(0.05)

    assert sorted(services.requeue_stranded_embeddings(older_than=timedelta(minutes=2))) == sorted(book)
