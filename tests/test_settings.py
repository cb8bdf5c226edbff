import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STRONG_KEY = "k" * 20 + "-a-long-random-production-secret-key-" + "z" * 20


def manage_check(**env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DJANGO_ENV"}}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**environment, "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DJANGO_ENV": "production"}, "Set SECRET_KEY"),
        ({"DJANGO_ENV": "production", "SECRET_KEY": STRONG_KEY, "DEBUG": "1"}, "DEBUG must be off"),
        ({"EMBEDDING_DEVICE": "tpu"}, "EMBEDDING_DEVICE"),
        ({"EMBEDDING_BACKEND": "tensorflow"}, "EMBEDDING_BACKEND must be a dotted path"),
        ({"QUERY_EMBEDDING_BACKEND": "customers.encoders.NoSuchEncoder"}, "QUERY_EMBEDDING_BACKEND"),
    ],
)
def test_unsafe_or_invalid_settings_refuse_to_start(env, message):
    result = manage_check(**env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_with_a_real_key_and_debug_off():
    assert manage_check(DJANGO_ENV="production", SECRET_KEY=STRONG_KEY).returncode == 0
