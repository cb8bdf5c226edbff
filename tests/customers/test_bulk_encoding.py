"""The bulk encoder on a CPU: the app's vectors, in the caller's order, through worker processes."""

import gzip
import os
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
import torch

from customers import bulk_encoding, embeddings
from customers.bulk_encoding import BulkEncoder, TokenizerWorkerDied
from customers.encoder_model import DIMENSIONS, model_path
from customers.profile import generated_profile_texts

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def profile_texts() -> list[str]:
    texts = list(generated_profile_texts(24, seed=3))
    return [*texts, texts[0], "x", texts[5], ""]  # repeats, a one-letter text and an empty one


def test_bulk_vectors_are_the_apps_vectors_in_the_callers_order(profile_texts):
    with BulkEncoder(model_path(), device="cpu", workers=2, batch_size=4) as encoder:
        bulk = encoder.encode(profile_texts)

    reference = embeddings.encode_texts(profile_texts)
    assert bulk.shape == (len(profile_texts), DIMENSIONS) and bulk.dtype == np.float32
    cosines = (bulk * reference).sum(axis=1)
    assert cosines.min() >= 0.9999
    # Each row is its own text's vector, not a neighbour's from a length-sorted batch.
    nearest = (bulk @ reference.T).argmax(axis=1)
    assert all(profile_texts[j] == profile_texts[i] for i, j in enumerate(nearest))


def test_identical_texts_are_encoded_once_and_get_the_same_vector(profile_texts):
    with BulkEncoder(model_path(), device="cpu", workers=0, batch_size=8) as encoder:
        forward, seen = encoder.forward, []

        def counting(ids):
            seen.append(len(ids))
            return forward(ids)

        encoder.forward = counting
        vectors = encoder.encode(profile_texts)

    assert sum(seen) == len(set(profile_texts)) == len(profile_texts) - 2
    assert np.array_equal(vectors[24], vectors[0]) and np.array_equal(vectors[26], vectors[5])


def test_no_texts_give_no_vectors():
    with BulkEncoder(model_path(), device="cpu", workers=0) as encoder:
        assert encoder.encode([]).shape == (0, DIMENSIONS)


def test_the_int8_bulk_vectors_equal_the_int8_task_path(settings, profile_texts):
    settings.EMBEDDING_BACKEND = "onnx-int8"
    settings.EMBEDDING_BATCH_SIZE = 32
    task_path = embeddings.encode_texts(profile_texts)
    with BulkEncoder(
        model_path(), device="cpu", onnx_file=embeddings.onnx_model_file(quantized=True), batch_size=32
    ) as encoder:
        bulk = encoder.encode(profile_texts)
    np.testing.assert_allclose(bulk, task_path, atol=1e-6)


def test_running_out_of_device_memory_halves_the_batch_and_goes_on(profile_texts):
    with BulkEncoder(model_path(), device="cpu", workers=0, batch_size=8) as encoder:
        forward = encoder.forward

        def small_device(ids):
            if len(ids) > 2:
                raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
            return forward(ids)

        encoder.forward = small_device
        vectors = encoder.encode(profile_texts)
        assert (encoder.batch_size, encoder.halvings) == (2, 2)

    reference = embeddings.encode_texts(profile_texts)
    assert (vectors * reference).sum(axis=1).min() >= 0.9999


def test_a_killed_tokenizer_process_ends_the_call_with_a_clear_error(profile_texts):
    with BulkEncoder(model_path(), device="cpu", workers=2, batch_size=2) as encoder:
        os.kill(next(iter(encoder.worker_pids)), signal.SIGKILL)
        with ThreadPoolExecutor(1) as watchdog:
            call = watchdog.submit(encoder.encode, profile_texts * 20)
            with pytest.raises(TokenizerWorkerDied, match="Run the command again to resume"):
                call.result(timeout=120)  # an error, not a hang


def test_the_device_benchmark_runs_without_django(tmp_path):
    texts = tmp_path / "texts.txt.gz"
    with gzip.open(texts, "wt") as out:
        out.write("Retired teacher, wants income.\nNurse saving for a house.\nPilot.\n")
    table = tmp_path / "bench.md"
    command = (
        "import sys, runpy; sys.modules['django'] = None; "
        "sys.argv = ['bench', 'bench', '--texts', sys.argv[1], '--model', sys.argv[2], '--device', 'cpu', "
        "'--count', '40', '--workers', '1', '--baseline-count', '10', '--sample', '5', "
        "'--markdown', sys.argv[3]]; "
        "runpy.run_module('customers.bulk_encoding', run_name='__main__')"
    )
    result = subprocess.run(
        [sys.executable, "-c", command, str(texts), str(model_path()), str(table)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    written = table.read_text()
    for row in ("tokenize alone", "forward alone", "whole encode stage", "SentenceTransformer.encode"):
        assert row in written
    cosine = next(line for line in written.splitlines() if line.startswith("| cosine to CPU fp32"))
    assert cosine.split("|")[2].strip().startswith("1.0000"), cosine


def test_the_module_stays_free_of_django():
    assert "django" not in bulk_encoding.__dict__
    result = subprocess.run(
        [sys.executable, "-c", "import sys; sys.modules['django'] = None; import customers.bulk_encoding"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
