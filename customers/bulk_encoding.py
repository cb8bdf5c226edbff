"""Bulk encoding: very many profile texts to unit vectors, keeping the device busy.

Texts are deduplicated and sorted by length (batches pad little), tokenized in worker processes
by the fast tokenizer's ``encode_batch`` (the tokenizer, not the GPU, limits
``SentenceTransformer.encode``), and run through the transformer in large batches: fp16 on a
GPU with mean pooling and normalisation on the device and each batch's host-to-device copy on a
side stream, overlapping the forward queued before it; fp32 torch or the ONNX (int8) session on
a CPU. A GPU out of memory halves the batch and goes on; a tokenizer process that dies ends the
call with ``TokenizerWorkerDied`` instead of a hang.

Django-free on purpose: it runs on a GPU machine that has torch and no Django, as
``python3 -m customers.bulk_encoding bench --texts T --model M --device cuda``.
"""

import argparse
import gzip
import itertools
import logging
import multiprocessing
import os
import platform
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import numpy as np

from customers.encoder_model import DIMENSIONS, MAX_TOKENS, PAD_ID, mean_pool_normalise, onnx_session

logger = logging.getLogger(__name__)

GPU_BATCH = 4096  # H200: 74,691 profiles/s at 4096, 47,347 at 1024 (docs/benchmarks/embed-encode-h200.md)
CPU_BATCH = 64
FLUSH_ROWS = 1 << 18  # device results are copied to the host in blocks of this many vectors


class BulkEncodingError(RuntimeError):
    pass


class TokenizerWorkerDied(BulkEncodingError):
    pass


def load_tokenizer(model_dir: Path):
    """The fast tokenizer as sentence-transformers configures it: truncation at ``MAX_TOKENS``,
    padding to the longest text of the batch."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(Path(model_dir) / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.enable_padding(pad_id=PAD_ID, pad_token="[PAD]")  # noqa: S106
    return tokenizer


def tokenize_batch(tokenizer, texts: Sequence[str]) -> np.ndarray:
    """Token ids, int32, one padded row per text (padding is ``PAD_ID``, so it is also the mask)."""
    encodings = tokenizer.encode_batch(list(texts))
    width = len(encodings[0].ids)
    ids = np.fromiter(
        itertools.chain.from_iterable(encoding.ids for encoding in encodings),
        dtype=np.int32,
        count=len(encodings) * width,
    )
    return ids.reshape(len(encodings), width)


_worker_tokenizer = None


def _start_worker(model_dir: str) -> None:
    global _worker_tokenizer
    os.environ["TOKENIZERS_PARALLELISM"] = "false"  # the processes are the parallelism
    _worker_tokenizer = load_tokenizer(Path(model_dir))


def _tokenize_in_worker(texts: list[str]) -> np.ndarray:
    return tokenize_batch(_worker_tokenizer, texts)


def _worker_pid(_: int) -> int:
    return os.getpid()


def _out_of_memory_errors() -> tuple[type[BaseException], ...]:
    try:
        import torch

        return (torch.OutOfMemoryError,)
    except (ImportError, AttributeError):
        return ()


def _concatenate(parts: list):
    """numpy arrays or tensors (still on their device) one after the other."""
    if len(parts) == 1:
        return parts[0]
    if isinstance(parts[0], np.ndarray):
        return np.concatenate(parts)
    import torch

    return torch.cat(parts)


class TorchForward:
    """The transformer with pooling and normalisation, on ``device``; returns a tensor there."""

    def __init__(self, model_dir: Path, *, device: str, half: bool):
        import torch
        from transformers import AutoModel

        self.torch = torch
        self.device = torch.device(device)
        dtype = torch.float16 if half else torch.float32
        model = AutoModel.from_pretrained(str(model_dir), dtype=dtype, local_files_only=True)
        self.model = model.to(self.device).eval()
        self.copies = torch.cuda.Stream(self.device) if self.device.type == "cuda" else None

    def __call__(self, ids: np.ndarray):
        torch = self.torch
        with torch.inference_mode():
            tokens = torch.from_numpy(ids)
            if self.copies is not None:
                tokens = tokens.pin_memory()
                with torch.cuda.stream(self.copies):
                    tokens = tokens.to(self.device, non_blocking=True)
                # Copies go on their own stream, so the copy of this batch runs while the forward
                # already queued for the one before is computing.
                torch.cuda.current_stream(self.device).wait_stream(self.copies)
                tokens.record_stream(torch.cuda.current_stream(self.device))
            mask = tokens != PAD_ID
            hidden = self.model(input_ids=tokens, attention_mask=mask.to(torch.int64)).last_hidden_state
            weights = mask.unsqueeze(-1).to(torch.float32)
            pooled = (hidden.float() * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, dim=1)

    def synchronize(self) -> None:
        if self.device.type == "cuda":
            self.torch.cuda.synchronize(self.device)


class OnnxForward:
    """The ONNX export (fp32 or int8) on ONNX Runtime's CPU provider; returns numpy."""

    def __init__(self, model_file: Path, *, threads: int | None = None):
        self.session = onnx_session(model_file, threads=threads)

    def __call__(self, ids: np.ndarray) -> np.ndarray:
        tokens = ids.astype(np.int64)
        mask = (tokens != PAD_ID).astype(np.int64)
        feed = {"input_ids": tokens, "attention_mask": mask, "token_type_ids": np.zeros_like(tokens)}
        return mean_pool_normalise(self.session.run(None, feed)[0], mask)

    def synchronize(self) -> None:
        pass


class BulkEncoder:
    """Start once (worker processes, then the model), encode many times, close.

    ``workers``: tokenizer processes, forked here before the model (and so CUDA) starts; 0
    tokenizes in this process, with the tokenizer's own threads. ``onnx_file``: use that ONNX
    export on the CPU instead of torch.
    """

    def __init__(
        self,
        model_dir: Path,
        *,
        device: str = "cpu",
        onnx_file: Path | None = None,
        batch_size: int | None = None,
        workers: int | None = None,
        half: bool | None = None,
        threads: int | None = None,
    ):
        self.model_dir = Path(model_dir)
        self.device = device
        cuda = device.startswith("cuda")
        self.batch_size = batch_size or (GPU_BATCH if cuda else CPU_BATCH)
        if workers is None:
            workers = max(1, min(14, (os.cpu_count() or 2) - 2)) if cuda else 0
        if workers and multiprocessing.current_process().daemon:
            logger.warning("In a daemonic process (a prefork Celery child): tokenizing in this process.")
            workers = 0
        self.workers = workers
        self.halvings = 0
        self.tokenizer = load_tokenizer(self.model_dir)
        self._pool: ProcessPoolExecutor | None = None
        if workers:
            self._pool = ProcessPoolExecutor(
                workers,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_start_worker,
                initargs=(str(self.model_dir),),
            )
            # With fork, the first task launches every process at once: all before CUDA starts.
            self.worker_pids = set(self._pool.map(_worker_pid, range(workers * 4)))
        try:
            if onnx_file is not None:
                self.forward = OnnxForward(onnx_file, threads=threads)
                self.backend = f"onnx ({Path(onnx_file).name})"
            else:
                if threads:
                    import torch

                    torch.set_num_threads(threads)
                self.forward = TorchForward(
                    self.model_dir, device=device, half=cuda if half is None else half
                )
                self.backend = f"torch {'fp16' if (cuda if half is None else half) else 'fp32'} on {device}"
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "BulkEncoder":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def plan(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Rows of ``texts`` batch by batch, shortest texts first."""
        order = np.argsort(np.fromiter((len(text) for text in texts), dtype=np.int64), kind="stable")
        return [order[start : start + self.batch_size] for start in range(0, len(order), self.batch_size)]

    def tokenize(self, texts: Sequence[str], batches: list[np.ndarray]) -> Iterator[np.ndarray]:
        """Token ids of each batch, in order; worker processes run a few batches ahead."""
        if self._pool is None:
            for rows in batches:
                yield tokenize_batch(self.tokenizer, [texts[i] for i in rows])
            return
        ahead: list[Future] = []
        pending = iter(batches)
        try:
            for rows in itertools.islice(pending, 4 * self.workers):
                ahead.append(self._pool.submit(_tokenize_in_worker, [texts[i] for i in rows]))
            while ahead:
                ids = ahead.pop(0).result()
                for rows in itertools.islice(pending, 1):
                    ahead.append(self._pool.submit(_tokenize_in_worker, [texts[i] for i in rows]))
                yield ids
        except BrokenProcessPool as error:
            self._pool = None
            raise TokenizerWorkerDied(
                "A tokenizer worker process died (killed, or out of memory); nothing after the last "
                "stored batch was kept. Run the command again to resume."
            ) from error
        finally:
            for future in ahead:
                future.cancel()

    def run_batch(self, ids: np.ndarray):
        """Vectors for one tokenized batch; out of memory on the device halves the batch, from
        here on, and goes on."""
        out_of_memory = _out_of_memory_errors()
        parts, start = [], 0
        step = min(self.batch_size, len(ids))
        while start < len(ids):
            part = ids[start : start + step]
            part = part[:, : max(1, int((part != PAD_ID).sum(axis=1).max()))]
            try:
                parts.append(self.forward(part))
            except out_of_memory:
                if step == 1:
                    raise
                step = max(1, step // 2)
                self.batch_size, self.halvings = step, self.halvings + 1
                if self.device.startswith("cuda"):
                    import torch

                    torch.cuda.empty_cache()
                logger.warning("Out of device memory: batch size halved to %d", step)
                continue
            start += len(part)
        return _concatenate(parts)

    def encode(
        self,
        texts: Sequence[str],
        *,
        dedupe: bool = True,
        progress: Callable[[int], None] | None = None,
    ) -> np.ndarray:
        """float32 unit vectors, one row per text in the given order; identical texts encoded once."""
        if dedupe:
            position: dict[str, int] = {}
            inverse = np.fromiter(
                (position.setdefault(text, len(position)) for text in texts), dtype=np.int64, count=len(texts)
            )
            unique: Sequence[str] = list(position)
        else:
            inverse, unique = None, texts
        vectors = np.empty((len(unique), DIMENSIONS), dtype=np.float32)
        batches = self.plan(unique)
        held: list[tuple[np.ndarray, object]] = []
        held_rows = done = 0

        def flush() -> None:
            nonlocal held_rows
            if not held:
                return
            rows = np.concatenate([r for r, _ in held])
            vectors[rows] = _concatenate([v for _, v in held]).cpu().numpy()
            held.clear()
            held_rows = 0

        for rows, ids in zip(batches, self.tokenize(unique, batches), strict=True):
            result = self.run_batch(ids)
            if isinstance(result, np.ndarray):
                vectors[rows] = result
            else:  # left on the device: copying each batch back would stall the queue
                held.append((rows, result))
                held_rows += len(rows)
                if held_rows >= FLUSH_ROWS:
                    flush()
            done += len(rows)
            if progress:
                progress(done)
        flush()
        return vectors if inverse is None else vectors[inverse]


# The device benchmark -------------------------------------------------------------------------


def read_texts(path: Path, count: int) -> list[str]:
    """``count`` texts from a gzip file of one text a line, cycled if it holds fewer."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        texts = [line.rstrip("\n") for line in lines if line.strip()]
    if not texts:
        raise BulkEncodingError(f"{path} holds no texts.")
    return list(itertools.islice(itertools.cycle(texts), count))


def _timed(function: Callable[[], object]) -> tuple[object, float]:
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def benchmark(
    *,
    texts_file: Path,
    model_dir: Path,
    device: str,
    count: int,
    batch_size: int | None,
    workers: int | None,
    baseline_count: int,
    sample: int,
) -> Iterator[tuple[str, str]]:
    """Rows, as they are measured: each stage alone, the whole encode stage, sentence-transformers
    on the same texts, and the vectors' cosine to fp32 ones from the CPU. CUDA starts only after
    the tokenizer processes have forked."""
    texts, seconds = _timed(lambda: read_texts(texts_file, count))
    yield (
        "texts",
        f"{count:,} ({len(set(texts)):,} distinct, cycled from {texts_file.name}), read in {seconds:.1f}s",
    )
    encoder, seconds = _timed(
        lambda: BulkEncoder(model_dir, device=device, batch_size=batch_size, workers=workers)
    )
    with encoder:
        yield "start: fork tokenizer processes, load the model", f"{seconds:.1f}s"
        yield (
            "backend / batch / tokenizer processes",
            f"{encoder.backend} / {encoder.batch_size} / {encoder.workers}",
        )
        batches = encoder.plan(texts)
        tokenized, seconds = _timed(lambda: list(encoder.tokenize(texts, batches)))
        yield (
            "tokenize alone (processes, encode_batch), profiles/s",
            f"{count / seconds:,.0f} ({seconds:.1f}s)",
        )
        tokens = sum(int((ids != PAD_ID).sum()) for ids in tokenized)
        padded = sum(ids.size for ids in tokenized)
        yield "tokens per text, mean / padding share", f"{tokens / count:.1f} / {1 - tokens / padded:.1%}"

        encoder.run_batch(tokenized[-1])  # kernels chosen, memory pool grown for the longest batch
        encoder.forward.synchronize()

        def forward_all():
            results = [encoder.run_batch(ids) for ids in tokenized]
            encoder.forward.synchronize()
            return results

        _, seconds = _timed(forward_all)
        yield (
            "forward alone (pre-tokenized batches: copy to device, forward, pool, normalise), profiles/s",
            f"{count / seconds:,.0f} ({seconds:.1f}s)",
        )
        tokenized.clear()
        vectors, seconds = _timed(lambda: encoder.encode(texts, dedupe=False))
        whole = count / seconds
        yield (
            "whole encode stage (texts to vectors on the host, no dedupe), profiles/s",
            f"{whole:,.0f} ({seconds:.1f}s)",
        )
        if encoder.halvings:
            yield "out-of-memory halvings", f"{encoder.halvings} (batch now {encoder.batch_size})"
        if device.startswith("cuda"):
            import torch

            yield "GPU memory peak, GiB", f"{torch.cuda.max_memory_allocated() / 2**30:.1f}"

    yield _device_name(device)
    yield "versions", _versions()
    yield _guarded(
        "SentenceTransformer.encode baseline",
        lambda: _sentence_transformers_row(model_dir, device, texts[: min(baseline_count, count)], whole),
    )
    yield _guarded("cosine to CPU fp32", lambda: _cosine_row(model_dir, texts, vectors, sample))


def _guarded(label: str, measure: Callable[[], tuple[str, str]]) -> tuple[str, str]:
    """A failing comparison row must not cost the rows already measured on a lent GPU."""
    try:
        return measure()
    except Exception as error:
        return label, f"failed: {error!r}"


def _sentence_transformers_row(
    model_dir: Path, device: str, texts: list[str], whole: float
) -> tuple[str, str]:
    import torch
    from sentence_transformers import SentenceTransformer

    cuda = device.startswith("cuda")
    model = SentenceTransformer(
        str(model_dir),
        device=device,
        local_files_only=True,
        model_kwargs={"dtype": torch.float16 if cuda else torch.float32},
    )
    batch = 512 if cuda else 32
    model.encode(texts[:batch], batch_size=batch, normalize_embeddings=True)
    _, seconds = _timed(lambda: model.encode(texts, batch_size=batch, normalize_embeddings=True))
    rate = len(texts) / seconds
    precision = "fp16" if cuda else "fp32"
    label = f"SentenceTransformer.encode ({precision}, batch {batch}, {len(texts):,} texts), profiles/s"
    return label, f"{rate:,.0f} (whole encode stage = {whole / rate:.1f}x)"


def _cosine_row(model_dir: Path, texts: list[str], vectors: np.ndarray, sample: int) -> tuple[str, str]:
    """Reference: sentence-transformers in fp32 on the CPU, from the same weights."""
    import torch
    from sentence_transformers import SentenceTransformer

    picks = np.random.default_rng(7).choice(len(texts), size=min(sample, len(texts)), replace=False)
    model = SentenceTransformer(
        str(model_dir), device="cpu", local_files_only=True, model_kwargs={"dtype": torch.float32}
    )
    reference = model.encode([texts[i] for i in picks], batch_size=64, normalize_embeddings=True)
    cosine = (reference * vectors[picks]).sum(axis=1)
    return (
        f"cosine to CPU fp32 sentence-transformers vectors, {len(picks):,} texts, mean / min",
        f"{cosine.mean():.5f} / {cosine.min():.5f}",
    )


def _device_name(device: str) -> tuple[str, str]:
    if device.startswith("cuda"):
        import torch

        return "device", f"{torch.cuda.get_device_name()}, {os.cpu_count()} CPU cores"
    return "device", f"CPU {platform.processor() or platform.machine()}, {os.cpu_count()} cores"


def _versions() -> str:
    import tokenizers
    import torch
    import transformers

    return (
        f"python {platform.python_version()}, torch {torch.__version__}, transformers "
        f"{transformers.__version__}, tokenizers {tokenizers.__version__}"
    )


def markdown_table(rows: list[tuple[str, str]]) -> str:
    return "\n".join(
        ["| measure | value |", "| --- | --- |", *(f"| {name} | {value} |" for name, value in rows)]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m customers.bulk_encoding")
    commands = parser.add_subparsers(dest="command", required=True)
    bench = commands.add_parser("bench", help="Measure the encode stage on a file of texts.")
    bench.add_argument("--texts", type=Path, required=True, help="gzip file, one profile text a line")
    bench.add_argument("--model", type=Path, required=True, help="model folder (config, weights, tokenizer)")
    bench.add_argument("--device", default="cuda", help="cuda or cpu")
    bench.add_argument("--count", type=int, default=1_000_000)
    bench.add_argument("--batch-size", type=int, default=None)
    bench.add_argument("--workers", type=int, default=None, help="tokenizer processes")
    bench.add_argument("--baseline-count", type=int, default=200_000, help="texts for sentence-transformers")
    bench.add_argument("--sample", type=int, default=1000, help="texts compared with CPU fp32 vectors")
    bench.add_argument("--markdown", type=Path, help="also write the table here")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.count < 1:
        parser.error("--count must be at least 1")
    for path in (args.texts, args.model / "tokenizer.json"):
        if not path.exists():
            parser.error(f"{path} does not exist")
    if args.device.startswith("cuda"):
        import torch

        if not torch.cuda.is_available():
            parser.error("--device cuda, but torch sees no CUDA device")
    rows = []
    for row in benchmark(
        texts_file=args.texts,
        model_dir=args.model,
        device=args.device,
        count=args.count,
        batch_size=args.batch_size,
        workers=args.workers,
        baseline_count=args.baseline_count,
        sample=args.sample,
    ):
        print(f"... {row[0]}: {row[1]}", file=sys.stderr, flush=True)
        rows.append(row)
    table = markdown_table(rows)
    print(table)
    if args.markdown:
        args.markdown.write_text(table + "\n")
    return 0


if __name__ == "__main__":
    # Run from the imported module, so that worker processes find its functions by name.
    from customers import bulk_encoding

    sys.exit(bulk_encoding.main())
