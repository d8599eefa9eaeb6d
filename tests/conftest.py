"""Shared test settings: hypothesis runs a bounded number of examples, without deadlines
(CI machines are shared and noisy; speed is measured by benchmarks, not tests)."""

from __future__ import annotations

import os
import tempfile

from hypothesis import settings

settings.register_profile("default", deadline=None, max_examples=100)
settings.register_profile("long", deadline=None, max_examples=5000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# Tests never touch the user's cache of parsed files: one fresh folder per run,
# inherited by the real `agreement` commands the CLI tests start.
os.environ["AGREEMENT_CACHE_DIR"] = tempfile.mkdtemp(prefix="agreement-test-cache-")
# ... nor the user's configuration folder, where the cache's secret key is made.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="agreement-test-config-")
os.environ.pop("AGREEMENT_NO_CACHE", None)


# --- shared fixtures ---------------------------------------------------------------------

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
from tests.support.env import COLOUR_VARS  # noqa: E402


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No colour setting of the developer's shell leaks into what the tests see."""
    for var in COLOUR_VARS:
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project root as the working directory, as a user runs the README's commands."""
    monkeypatch.chdir(ROOT)
    return ROOT


SEED_AMENDMENT = "001-amendment-no-1.yaml"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seed case as the working directory: a copy of agreements/ and of the seed's own
    amendment (Amendment No. 1), without the illustrative Amendment No. 2."""
    proj = tmp_path / "project"
    proj.mkdir()
    shutil.copytree(ROOT / "agreements", proj / "agreements")
    shutil.copytree(ROOT / "amendments", proj / "amendments")
    for extra in (proj / "amendments" / "symphony-exchange").glob("*.yaml"):
        if extra.name != SEED_AMENDMENT:
            extra.unlink()
    monkeypatch.chdir(proj)
    return proj


@pytest.fixture
def chain_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The whole example as the working directory: the seed and the illustrative chain."""
    proj = tmp_path / "chain"
    proj.mkdir()
    shutil.copytree(ROOT / "agreements", proj / "agreements")
    shutil.copytree(ROOT / "amendments", proj / "amendments")
    monkeypatch.chdir(proj)
    return proj
