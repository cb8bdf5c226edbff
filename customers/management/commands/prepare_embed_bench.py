import gzip
import json
import shutil
import time
from datetime import date
from pathlib import Path

import numpy as np
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from customers.encoder_model import file_sha256, model_path, verify_model_weights
from customers.profile import generated_profile_texts

# What the encoder needs of the packaged model folder (not its README or training-data list).
MODEL_FILES = [
    "config.json",
    "config_sentence_transformers.json",
    "modules.json",
    "sentence_bert_config.json",
    "special_tokens_map.json",
    "tokenizer.json",
    "tokenizer_config.json",
    "vocab.txt",
    "1_Pooling/config.json",
]


class Command(BaseCommand):
    help = (
        "Write what the device benchmark of the bulk encoder needs into DIR (default .bench/): an "
        "fp16 copy of the packaged weights with config and tokenizer files, real profile texts from "
        "the generator (gzip, one a line) and a manifest with the fp32 source's sha256. Then, on a "
        "machine with torch and no Django: python3 -m customers.bulk_encoding bench "
        "--texts DIR/texts.txt.gz --model DIR/model --device cuda --count 1000000"
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", type=Path, default=Path(".bench"))
        parser.add_argument("--texts", type=int, default=200_000, help="How many profile texts.")
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, directory: Path, texts: int, seed: int, **options):
        if texts < 1:
            raise CommandError("--texts must be at least 1.")
        source = model_path()
        verify_model_weights(source, settings.EMBEDDING_MODEL_SHA256)
        target = directory / "model"
        target.mkdir(parents=True, exist_ok=True)
        for name in MODEL_FILES:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / name, target / name)
        self._half_weights(source / "model.safetensors", target / "model.safetensors")

        started = time.monotonic()
        as_of = date(2026, 1, 1)  # fixed, so that the same seed gives the same texts on any day
        with gzip.open(directory / "texts.txt.gz", "wt", encoding="utf-8", compresslevel=9) as out:
            for text in generated_profile_texts(texts, seed=seed, as_of=as_of):
                out.write(" ".join(text.split()) + "\n")
        self.stderr.write(f"... {texts:,} profile texts in {time.monotonic() - started:.0f}s")

        manifest = {
            "model": settings.EMBEDDING_MODEL_NAME,
            "source_weights_fp32_sha256": file_sha256(source / "model.safetensors"),
            "weights_fp16_sha256": file_sha256(target / "model.safetensors"),
            "texts": texts,
            "generator_seed": seed,
            "generator_as_of": as_of.isoformat(),
            "texts_sha256": file_sha256(directory / "texts.txt.gz"),
        }
        (directory / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
        size = sum(path.stat().st_size for path in directory.rglob("*") if path.is_file())
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {directory} ({size / 2**20:.1f} MiB): model/, texts.txt.gz, manifest.json"
            )
        )

    @staticmethod
    def _half_weights(source: Path, target: Path) -> None:
        """Floating-point tensors as fp16: half the size to carry, what the GPU computes in anyway."""
        from safetensors.numpy import load_file, save_file

        tensors = load_file(str(source))
        save_file(
            {
                name: tensor.astype(np.float16) if tensor.dtype == np.float32 else tensor
                for name, tensor in tensors.items()
            },
            str(target),
            metadata={"format": "pt"},
        )
