"""Two processes preparing one store take turns: `medora init` started beside `medora serve` on a new data folder
used to register the library's articles twice and crash on the second's UNIQUE constraint."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from medora.store import open_store
from medora.store.database import prepare_lock

_OTHER_PROCESS = textwrap.dedent(
    """
    import sys
    from medora.store import open_store
    from medora.store.database import prepare_lock

    engine = open_store(sys.argv[1])
    with prepare_lock(engine, on_wait=lambda: print("waiting", flush=True)):
        print("holding", flush=True)
    """
)


def _other_process(url: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", _OTHER_PROCESS, url], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_a_second_process_waits_for_the_lock_and_says_so(database_url: str):
    engine = open_store(database_url)
    with prepare_lock(engine):
        other = _other_process(database_url)
        assert other.stdout.readline().strip() == "waiting"  # blocked: it has not reached its own work
        assert other.poll() is None
    out, err = other.communicate(timeout=60)
    assert other.returncode == 0, err
    assert out.strip() == "holding"


def test_a_free_lock_is_taken_without_waiting(database_url: str):
    engine = open_store(database_url)
    with prepare_lock(engine):
        pass  # released: the next one takes it at once
    other = _other_process(database_url)
    out, err = other.communicate(timeout=60)
    assert other.returncode == 0, err
    assert out.split() == ["holding"]
