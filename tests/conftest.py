from __future__ import annotations

import sys
from pathlib import Path

# Test helpers (tests/pages.py) import as a plain module.
sys.path.insert(0, str(Path(__file__).parent))
