"""`briefings serve`: `output/` over HTTP on localhost, for a preview.

Its own module so that a build, which never serves, does not import the HTTP server.
"""

from __future__ import annotations

import functools
import http.server
from pathlib import Path


class OutputHandler(http.server.SimpleHTTPRequestHandler):
    """Serves whatever `output/` is now: a first build swaps the whole directory in (the
    folder is looked up again on each request), later ones move changed files into it."""

    def __init__(self, *args, output: Path, **kwargs) -> None:
        self._output = output
        super().__init__(*args, directory=str(output), **kwargs)

    def translate_path(self, path: str) -> str:
        self.directory = str(self._output.resolve())
        return super().translate_path(path)


def output_server(output: Path, bind: str, port: int) -> http.server.ThreadingHTTPServer:
    return http.server.ThreadingHTTPServer((bind, port), functools.partial(OutputHandler, output=output))
