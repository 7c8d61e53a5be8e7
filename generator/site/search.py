"""Full-text search: a Pagefind index of the published site, written into `pagefind/`.

Pagefind reads the rendered HTML. Only pages whose main content carries
`data-pagefind-body` (briefings, actor and topic pages) are indexed; list pages are not.
The browser loads the index and the search UI from the site's own `pagefind/` folder, so
search needs no other host.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

BUNDLE_DIR = "pagefind"


async def _write_index(output_dir: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(force_language="en", output_path=str(output_dir / BUNDLE_DIR))
    async with PagefindIndex(config=config) as index:
        await index.add_directory(str(output_dir), glob="**/*.html")


def index_site(output_dir: Path | str) -> float:
    """Index the site in `output_dir` and write the search bundle; return the seconds taken."""
    started = time.perf_counter()
    asyncio.run(_write_index(Path(output_dir)))
    return time.perf_counter() - started
