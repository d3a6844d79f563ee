"""An audit worker freezes what it starts with, so that collections skip it (issue 14)."""

from __future__ import annotations

import json
import subprocess
import sys


def test_a_started_worker_has_frozen_its_packs_and_collects_less_often() -> None:
    probe = (
        "import gc, json\n"
        "from checker.audit.work import WORKER_GC_THRESHOLD, _STATE, init_worker\n"
        "before = gc.get_freeze_count()\n"
        "init_worker(('default',), None)\n"
        "print(json.dumps([before, gc.get_freeze_count(), gc.get_threshold()[0],"
        " WORKER_GC_THRESHOLD, sorted(_STATE.packs.packs)]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    before, frozen, threshold, wanted, packs = json.loads(done.stdout.splitlines()[-1])
    assert before == 0 and frozen > 1000  # the modules and the loaded pack
    assert threshold == wanted > 700
    assert packs == ["default"]
