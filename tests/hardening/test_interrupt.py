"""An interrupt (SIGINT or SIGTERM) while writing leaves no output file, nor a partial
one, and exits 130."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from benchmarks.generate import write

AGREEMENT = shutil.which("agreement", path=str(Path(sys.executable).parent)) or shutil.which("agreement")


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    write(folder, 1200, 20, 25, seed=3)
    return folder


@pytest.mark.skipif(AGREEMENT is None, reason="the agreement command is not installed")
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupt_leaves_no_file_and_exits_130(big, sig, tmp_path):
    out = tmp_path / "redline.docx"
    env = {"AGREEMENT_NO_CACHE": "1", "PATH": str(Path(sys.executable).parent)}
    for delay in (0.6, 0.4, 0.25):
        proc = subprocess.Popen(
            [AGREEMENT, "redline", "bench", "--format", "docx", "-o", str(out)],
            cwd=big,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        time.sleep(delay)
        proc.send_signal(sig)
        proc.communicate(timeout=60)
        if proc.returncode == 0:  # finished before the signal: try again, sooner
            out.unlink()
            continue
        assert proc.returncode == 130
        assert not out.exists()
        assert not list(tmp_path.iterdir()), "no temporary file may remain"
        return
    pytest.skip("the command finished before every interrupt")
