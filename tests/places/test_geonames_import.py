"""Importing GeoNames dumps (.txt and .zip) into the SQLite gazetteer: rows, names, bad lines, re-imports."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from communique.places.geonames_import import (
    GeonamesImportError,
    ImportStats,
    import_geonames,
    parse_line,
)


def dump_line(geonameid, name, alternates, lat, lon, fclass="P", code="PPL", country="FR", admin1="76",
              population=0):
    """A line in GeoNames' 19-column format (made-up places, real-looking columns)."""
    ascii_name = name.replace("é", "e").replace("ï", "i")
    return "\t".join([str(geonameid), name, ascii_name, alternates, str(lat), str(lon), fclass, code, country,
                      "", admin1, "19", "192", "", str(population), "", "430", "Europe/Paris", "2021-05-03"])


VILLAGES = [
    dump_line(99000001, "Vellouzac", "Velouzac,Vellouzac-le-Bas", 45.25, 1.75, population=212),
    dump_line(99000002, "Saint-Ombrelle-les-Prés", "", 44.5, 2.125, population=87),
    dump_line(99000003, "Combe Noire", "", 45.0, 6.5, fclass="H", code="STM"),
    dump_line(99000004, "Haute-Vellouze", "", 45.5, 1.5, fclass="A", code="ADM4", population=1200),
]
MALFORMED = [
    "99000005\tTrop Court\tTrop Court\t\t45.0\t2.0",  # 6 columns
    dump_line("not-an-id", "Sans Numéro", "", 45.0, 2.0),
    dump_line(99000006, "Hors Carte", "", 145.0, 2.0),  # latitude out of range
]


def write_dump(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), "utf-8")
    return path


def write_zip(path: Path, member: str, lines: list[str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, "".join(line + "\n" for line in lines))
        archive.writestr("readme.txt", "GeoNames readme, not a dump\n")
    return path


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


def test_import_txt_keeps_villages_with_coordinates_country_and_population(tmp_path):
    db = tmp_path / "geonames.db"
    import_geonames(write_dump(tmp_path / "FR.txt", VILLAGES), db)
    place = rows(db, "SELECT name, lat, lon, feature_code, country, admin1, population FROM places "
                     "WHERE geonameid = 99000001")
    assert place == [("Vellouzac", 45.25, 1.75, "PPL", "FR", "FR.76", 212)]


def test_import_indexes_name_asciiname_and_alternates_lower_cased(tmp_path):
    db = tmp_path / "geonames.db"
    import_geonames(write_dump(tmp_path / "FR.txt", VILLAGES), db)
    names = {name for (name,) in rows(db, "SELECT name FROM names WHERE geonameid = 99000002")}
    assert names == {"saint-ombrelle-les-prés", "saint-ombrelle-les-pres"}
    alternates = {name for (name,) in rows(db, "SELECT name FROM names WHERE geonameid = 99000001")}
    assert alternates == {"vellouzac", "velouzac", "vellouzac-le-bas"}


def test_name_lookups_use_an_index(tmp_path):
    db = tmp_path / "geonames.db"
    import_geonames(write_dump(tmp_path / "FR.txt", VILLAGES), db)
    query = "EXPLAIN QUERY PLAN SELECT geonameid FROM names WHERE name = 'x'"
    plan = " ".join(str(r) for r in rows(db, query))
    assert "SEARCH" in plan and "SCAN" not in plan


def test_only_administrative_areas_and_populated_places_by_default(tmp_path):
    db = tmp_path / "geonames.db"
    stats = import_geonames(write_dump(tmp_path / "FR.txt", VILLAGES), db)
    assert {i for (i,) in rows(db, "SELECT geonameid FROM places")} == {99000001, 99000002, 99000004}
    assert stats.other_classes == 1  # the stream


def test_all_feature_classes_when_asked(tmp_path):
    db = tmp_path / "geonames.db"
    import_geonames(write_dump(tmp_path / "FR.txt", VILLAGES), db, classes=None)
    assert rows(db, "SELECT feature_class FROM places WHERE name = 'Combe Noire'") == [("H",)]


def test_malformed_lines_are_counted_and_skipped_not_fatal(tmp_path):
    db = tmp_path / "geonames.db"
    stats = import_geonames(write_dump(tmp_path / "FR.txt", [*MALFORMED, *VILLAGES]), db)
    assert stats.malformed == 3
    assert stats.places == 3
    bad = "SELECT count(*) FROM places WHERE name IN ('Trop Court', 'Sans Numéro', 'Hors Carte')"
    assert rows(db, bad) == [(0,)]


def test_zip_dump_is_read_from_its_txt_member_not_the_readme(tmp_path):
    db = tmp_path / "geonames.db"
    stats = import_geonames(write_zip(tmp_path / "FR.zip", "FR.txt", VILLAGES), db)
    assert stats.places == 3 and stats.malformed == 0
    assert rows(db, "SELECT name FROM places WHERE geonameid = 99000001") == [("Vellouzac",)]


def test_zip_without_a_dump_is_an_error(tmp_path):
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("a.jpg", b"\xff\xd8")
    with pytest.raises(GeonamesImportError):
        import_geonames(archive, tmp_path / "geonames.db")


def test_importing_the_same_file_twice_does_not_duplicate_rows(tmp_path):
    db = tmp_path / "geonames.db"
    dump = write_dump(tmp_path / "FR.txt", VILLAGES)
    import_geonames(dump, db)
    first = rows(db, "SELECT count(*) FROM places"), rows(db, "SELECT count(*) FROM names")
    import_geonames(dump, db)
    assert (rows(db, "SELECT count(*) FROM places"), rows(db, "SELECT count(*) FROM names")) == first


def test_a_second_file_adds_its_places_and_a_renamed_place_loses_its_old_name(tmp_path):
    db = tmp_path / "geonames.db"
    import_geonames(write_dump(tmp_path / "FR.txt", VILLAGES), db)
    renamed = dump_line(99000001, "Vellouzac-sur-Vienne", "", 45.25, 1.75)
    other = dump_line(99000010, "Brackenholm", "", 59.5, 14.25, country="SE", admin1="22")
    import_geonames(write_dump(tmp_path / "update.txt", [renamed, other]), db)
    assert rows(db, "SELECT geonameid FROM names WHERE name = 'vellouzac'") == []
    assert rows(db, "SELECT geonameid FROM names WHERE name = 'vellouzac-sur-vienne'") == [(99000001,)]
    assert rows(db, "SELECT count(*) FROM places") == [(4,)]


def test_progress_callback_sees_reading_then_indexing_then_done(tmp_path):
    phases: list[tuple[str, int]] = []

    def progress(stats: ImportStats) -> None:
        phases.append((stats.phase, stats.places))

    import_geonames(write_dump(tmp_path / "FR.txt", VILLAGES), tmp_path / "geonames.db", progress=progress)
    assert [p for p, _ in phases] == ["reading", "indexing", "done"]
    assert phases[-1][1] == 3


def test_failed_import_leaves_the_database_as_it_was(tmp_path):
    db = tmp_path / "geonames.db"
    import_geonames(write_dump(tmp_path / "FR.txt", VILLAGES), db)

    def interrupt(stats: ImportStats) -> None:
        raise KeyboardInterrupt

    swedish = dump_line(99000010, "Brackenholm", "", 59.5, 14.25, country="SE")
    extra = write_dump(tmp_path / "SE.txt", [swedish])
    with pytest.raises(KeyboardInterrupt):
        import_geonames(extra, db, progress=interrupt)
    assert rows(db, "SELECT count(*) FROM places") == [(3,)]
    assert not (tmp_path / "geonames.db.staging").exists()


def test_parse_line_takes_empty_population_as_zero():
    row = parse_line(dump_line(99000001, "Vellouzac", "", 45.25, 1.75, population=""))
    assert row is not None and row.place[-1] == 0
