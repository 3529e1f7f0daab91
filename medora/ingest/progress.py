"""The ingest progress bar: bytes of the input files done against their total size, with rate and ETA.

Parsers report how far into a file they have read; the pipeline moves the bar when the records up to that point
are embedded and stored, so the bar follows the slow step and its ETA is honest."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from tqdm import tqdm


class IngestProgress:
    def __init__(self, files: list[Path], *, enabled: bool, output: IO[str] | None = None) -> None:
        self._sizes = {path: path.stat().st_size if path.is_file() else 0 for path in files}
        self.total = sum(self._sizes[path] for path in files)
        self.done = 0  # bytes counted so far, over all files
        self._finished = 0  # bytes of the files already done
        self._current: Path | None = None
        self._bar = tqdm(
            total=self.total,
            unit="B",
            unit_scale=True,
            unit_divisor=1024,
            disable=not enabled,
            dynamic_ncols=True,
            file=output,
        )

    def start_file(self, path: Path) -> None:
        self._current = path
        self._bar.set_description(path.name[:40])

    def advance_to(self, position: int) -> None:
        """The current file is done up to byte ``position`` (of the file on disk)."""
        target = self._finished + min(position, self._sizes.get(self._current, 0))
        if target > self.done:
            self._bar.update(target - self.done)
            self.done = target

    def finish_file(self) -> None:
        """The current file is done (read, skipped or failed): count all of it."""
        if self._current is not None:
            self.advance_to(self._sizes.get(self._current, 0))
            self._finished += self._sizes.get(self._current, 0)
            self._current = None

    def show_records(self, stored: int) -> None:
        self._bar.set_postfix_str(f"{stored} records stored", refresh=False)

    def close(self) -> None:
        self._bar.close()
