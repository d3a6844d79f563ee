"""Real publishers' pages: syndicheck's body, image-credit and credit-line figures, beside peers.

    python benchmarks/realpages.py [--parts body,images,credits] [--list 10] [--verbose]
                                   [--no-peers]

Data: ../shared/data/realpages-dev next to the repository (SYNDICHECK_SHARED points
elsewhere): hand-labelled pages of real publishers and the data's own scoring script,
score.py. This script does not score anything itself: it runs score.py, in a subprocess with
this interpreter, against this checkout's `python -m checker`, so that the figures are the
data's definition exactly (body F1 of 4-word shingles; image-credit precision and recall;
credit lines accepted and mentions rejected). trafilatura and readability-lxml are scored in
the same run for the body part when this interpreter can import them
(`pip install trafilatura readability-lxml`).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PARTS = ("body", "images", "credits")


def data_dir() -> Path:
    shared = Path(os.environ.get("SYNDICHECK_SHARED", REPO.parent / "shared"))
    return shared / "data" / "realpages-dev"


def parts_option(value: str) -> str:
    parts = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [part for part in parts if part not in PARTS]
    if unknown or not parts:
        raise argparse.ArgumentTypeError(f"parts are {', '.join(PARTS)}; got {value!r}")
    return ",".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--parts", type=parts_option, default=",".join(PARTS))
    parser.add_argument("--list", type=int, default=10, help="worst body pages to list")
    parser.add_argument("--verbose", action="store_true", help="list every labelled image")
    parser.add_argument("--no-peers", action="store_true", help="skip trafilatura, readability")
    args = parser.parse_args()
    data = data_dir()
    script = data / "score.py"
    if not script.is_file():
        print(f"realpages: {script}: not found (set SYNDICHECK_SHARED)", file=sys.stderr)
        return 2
    command = [
        sys.executable,
        str(script),
        "--cli",
        f"{sys.executable} -m checker",
        "--parts",
        args.parts,
        "--list",
        str(args.list),
    ]
    command += ["--verbose"] * args.verbose + ["--no-peers"] * args.no_peers
    # This checkout's checker, whatever is installed: score.py runs it from its own folder.
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    )
    print(f"realpages-dev: {data}; syndicheck from {REPO}; scored by the data's score.py")
    sys.stdout.flush()
    return subprocess.run(command, cwd=data, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
