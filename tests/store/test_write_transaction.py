"""A transaction that reads before it writes, while another connection writes: SQLite fails a plain transaction at
once ("database is locked"); `write_transaction` takes the write lock first and waits its turn."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError

from medora.store.database import _tune_sqlite, write_transaction


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{tmp_path / 'store.sqlite'}")
    event.listen(engine, "connect", _tune_sqlite)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE notes (text TEXT)"))
    return engine


def _write_while_holding_the_lock(engine: Engine, locked: threading.Event, release: threading.Event) -> None:
    with write_transaction(engine) as conn:
        conn.execute(text("INSERT INTO notes VALUES ('first')"))
        locked.set()
        release.wait(timeout=10)


def test_a_plain_transaction_that_read_first_fails_while_another_writes(engine: Engine):
    locked, release = threading.Event(), threading.Event()
    with engine.begin() as conn, conn.begin_nested():  # a SAVEPOINT opens the SQLite transaction, as `ask` does
        conn.execute(text("SELECT count(*) FROM notes")).scalar()  # then a read (the slug lookup) ...
        writer = threading.Thread(target=_write_while_holding_the_lock, args=(engine, locked, release))
        writer.start()
        locked.wait(timeout=10)
        with pytest.raises(OperationalError, match="database is locked"):  # ... cannot become a write
            conn.execute(text("INSERT INTO notes VALUES ('second')"))
        release.set()
        writer.join()


def test_write_transaction_waits_for_the_other_writer_and_then_commits(engine: Engine):
    locked, release = threading.Event(), threading.Event()
    writer = threading.Thread(target=_write_while_holding_the_lock, args=(engine, locked, release))
    writer.start()
    locked.wait(timeout=10)
    threading.Timer(0.3, release.set).start()  # the first writer commits while the second is waiting
    with write_transaction(engine) as conn, conn.begin_nested():
        count = conn.execute(text("SELECT count(*) FROM notes")).scalar()
        conn.execute(text("INSERT INTO notes VALUES ('second')"))
    writer.join()
    with engine.connect() as conn:
        assert (count, conn.execute(text("SELECT group_concat(text, ',') FROM notes")).scalar()) == (1, "first,second")
