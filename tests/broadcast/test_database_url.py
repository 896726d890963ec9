"""LOA_DATABASE_URL: the usual PostgreSQL spellings reach the psycopg 3 driver Loa installs."""

from pathlib import Path

import pytest

from broadcast.config import Settings


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgres://loa:bi-mat@db:5432/loa", "postgresql+psycopg://loa:bi-mat@db:5432/loa"),
        ("postgresql://loa@db/loa", "postgresql+psycopg://loa@db/loa"),
        ("postgresql+psycopg://loa@db/loa", "postgresql+psycopg://loa@db/loa"),
        ("sqlite:////srv/loa/loa.db", "sqlite:////srv/loa/loa.db"),
    ],
)
def test_database_urls(given: str, used: str) -> None:
    assert Settings(_env_file=None, database_url=given).db_url == used  # type: ignore[call-arg]


def test_no_url_is_the_sqlite_file_in_the_data_directory(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    assert settings.db_url == f"sqlite:///{(tmp_path / 'loa.db').resolve()}"
