"""What a test hands a worker to die by: conform_one, except for one agreement whose worker
dies while conforming it, as one that runs out of memory would."""

from __future__ import annotations

import os
import time
from pathlib import Path

from agreement.batch import Result, Task, conform_one

POISONED = "g0003"


def dies_on_the_poisoned_one(task: Task) -> Result:
    """The worker conforming g0003 dies half a second in, long enough for its engine to have
    handed that worker its next call (which goes down with it, as a queued task does on a
    dead Dask worker); every other agreement is conformed."""
    if Path(task.agreement).stem == POISONED:
        time.sleep(0.5)
        os._exit(1)
    return conform_one(task)
