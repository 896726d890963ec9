"""An older database gains the columns a newer version defines, keeping its rows."""

import sqlite3
from pathlib import Path

from sqlmodel import Session, select

from broadcast import models as m
from broadcast.db import dispose_engines, get_engine, init_db


def test_missing_columns_are_added_and_rows_kept(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = get_engine(f"sqlite:///{path}")
    init_db(engine)
    with Session(engine) as db:
        db.add(m.Station(name="Đài cũ"))
        db.commit()
    dispose_engines()
    with sqlite3.connect(path) as conn:  # an older schema: drop two columns
        conn.execute('ALTER TABLE station DROP COLUMN "true_peak_dbtp"')
        conn.execute('ALTER TABLE station DROP COLUMN "locality"')
    engine = get_engine(f"sqlite:///{path}")
    init_db(engine)
    with Session(engine) as db:
        station = db.exec(select(m.Station)).one()
    dispose_engines()
    assert station.name == "Đài cũ"
    assert station.true_peak_dbtp == -1.5
    assert station.locality == ""
