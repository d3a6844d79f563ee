"""An audit worker freezes what it starts with, so that collections skip it (issue 14)."""

from __future__ import annotations

import json

from probe import last_line


def test_a_started_worker_has_frozen_its_packs_and_collects_less_often() -> None:
    probe = (
        "import gc, json\n"
        "from checker.audit.work import WORKER_GC_THRESHOLD, _STATE, init_worker\n"
        "before = gc.get_freeze_count()\n"
        "init_worker(('default',), None)\n"
        "print(json.dumps([before, gc.get_freeze_count(), gc.get_threshold()[0],"
        " WORKER_GC_THRESHOLD, sorted(_STATE.packs.packs)]))"
    )
    before, frozen, threshold, wanted, packs = json.loads(last_line(probe))
    assert before == 0 and frozen > 1000  # the modules and the loaded pack
    assert threshold == wanted > 700
    assert packs == ["default"]
