"""Full-text search: a Pagefind index of the published site, written into `pagefind/`.

Pagefind reads the rendered HTML. Only pages whose main content carries
`data-pagefind-body` (briefings, actor and topic pages) are indexed; list pages are not.
The browser loads the index and the search UI from the site's own `pagefind/` folder, so
search needs no other host.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

BUNDLE_DIR = "pagefind"


class SearchIndexError(RuntimeError):
    """Pagefind failed; the build stops before the new site is swapped in."""


def index_site(output_dir: Path | str) -> float:
    """Index the site in `output_dir` and write the search bundle; return the seconds taken.

    Runs Pagefind's own command (shipped in the `pagefind[bin]` wheel) to completion: its
    Python API stops the indexer right after asking it to write, which can leave
    `pagefind-entry.json` empty on a busy machine.
    """
    started = time.perf_counter()
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(output_dir),
        "--output-subdir",
        BUNDLE_DIR,
        "--force-language",
        "en",
        "--silent",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    entry = Path(output_dir) / BUNDLE_DIR / "pagefind-entry.json"
    if result.returncode != 0 or not entry.is_file() or not entry.stat().st_size:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise SearchIndexError(
            f"pagefind failed ({result.returncode}): {detail[-1] if detail else 'no output'}"
        )
    return time.perf_counter() - started
