"""Hostile inputs: 20 good made-up news documents plus one hostile one, per case of issue 14.

Usage:
    python scripts/hostile_inputs.py OUT_DIR            # every case
    python scripts/hostile_inputs.py OUT_DIR said_40k   # some cases

Each case is written as ``OUT_DIR/CASE.jsonl`` (21 lines, the hostile one in the middle), or as a
directory ``OUT_DIR/CASE/`` of 21 files for the cases that are files (HTML, gzip, binary), or as a
``.csv`` / ``.warc`` for ``communique ingest``. Every text is generated here; nothing comes from a feed.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path

GOOD_COUNT = 20
HOSTILE_POSITION = 10
"""The hostile document goes after the tenth good one, so documents on both sides are checked."""

PEOPLE = ["Maria Lind", "Tomas Ferreira", "Aiko Tanaka", "Samuel Okoye", "Lena Novak"]
PLACES = ["Geneva", "Nairobi", "Lisbon", "Oslo", "Manila"]
ROLES = ["foreign minister", "trade envoy", "finance minister", "army spokesman", "mayor"]
TOPICS = ["the water treaty", "grain exports", "the border crossing", "fishing quotas", "the new port"]

WORDS = ["council", "minister", "talks", "border", "trade", "water", "river", "harbour", "village",
         "grain", "truck", "budget", "report", "vote", "court", "envoy", "summit", "treaty", "election",
         "army", "police", "market", "road", "bridge"]


def good_text(number: int) -> str:
    """A made-up two-paragraph news story, different for each number."""
    rng = random.Random(number)
    person, place, role, topic = (rng.choice(x) for x in (PEOPLE, PLACES, ROLES, TOPICS))
    day = rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])
    return (
        f"{place.upper()}, March {number + 1} - The {role} {person} met officials from the "
        f"neighbouring country in {place} on {day} to discuss {topic}.\n\n"
        f'"We will not accept any delay," {person} told reporters after the meeting. '
        f"The two governments agreed to meet again next month, a spokesman said."
    )


def good_records() -> list[dict[str, str]]:
    """The 20 good contract input records."""
    return [
        {"id": f"good-{n:02d}", "text": good_text(n), "published": "2024-03-01"} for n in range(GOOD_COUNT)
    ]


def said(count: int) -> str:
    """One word repeated: the text that crashed the parser (issue 14)."""
    return " ".join(["said"] * count)


def straight_marks(count: int) -> str:
    """An opening quotation mark that is never closed, ``count`` times."""
    return 'The minister said "' * count


def run_on_sentence(chars: int) -> str:
    """Words without a single punctuation mark, ``chars`` characters long."""
    rng = random.Random(7)
    words: list[str] = []
    size = 0
    while size < chars:
        word = rng.choice(WORDS)
        words.append(word)
        size += len(word) + 1
    return " ".join(words)[:chars]


def unbalanced_marks() -> str:
    """Opening marks of every quote style with no closing one, and closing ones with no opening."""
    styles = ['"', "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "\u2039",
              "\u300c", "'"]
    return " ".join(f"The envoy said {mark}we will go to Oslo on Friday." for mark in styles * 20)


TEXT_CASES: dict[str, Callable[[], str]] = {
    "said_2k": lambda: said(2_000),
    "said_5k": lambda: said(5_000),
    "said_10k": lambda: said(10_000),
    "said_40k": lambda: said(40_000),
    "marks_10k": lambda: straight_marks(10_000),
    "run_on_200k": lambda: run_on_sentence(200_000),
    "rtl_zero_width": lambda: ("The minister \u200b\u200bsaid \u202eغدا\u202c the talks "
                               "\u2066\u05e9\u05dc\u05d5\u05dd"
                               "\u2069 would go on.\u200d\ufeff " * 50),
    "emoji": lambda: "The mayor 🏛️ said 👍🏽 the bridge 🌉 will open on Monday 🎉. " * 100,
    "unbalanced_marks": unbalanced_marks,
    "control_chars": lambda: "The council\x01 met\x07 on\x1b Monday\x7f in Oslo.\x0c " * 50,
}
"""Cases that are one JSONL line with a hostile ``text``."""


def nested_line(depth: int, kind: str) -> str:
    """A JSONL line nested ``depth`` levels deep: arrays, or objects under key ``a``."""
    if kind == "array":
        return "[" * depth + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


RAW_LINE_CASES: dict[str, Callable[[], str]] = {
    "nested_arrays": lambda: nested_line(100_000, "array"),
    "nested_objects": lambda: nested_line(100_000, "object"),
    "nested_text": lambda: '{"id": "hostile", "text": "A", "extra": ' + nested_line(50_000, "array") + "}",
    "lone_surrogate": lambda: '{"id": "hostile", "text": "The minister said \\ud800 the talks ended."}',
    "surrogate_id": lambda: '{"id": "\\udfff", "text": "The minister said the talks ended on Monday."}',
    "not_json": lambda: "\x00\x01\x02 this is not json {",
}
"""Cases that are one raw (possibly invalid) JSONL line."""


def write_jsonl(path: Path, hostile_line: str) -> None:
    """20 good lines with the hostile one at ``HOSTILE_POSITION``."""
    lines = [json.dumps(record, ensure_ascii=False) for record in good_records()]
    lines.insert(HOSTILE_POSITION, hostile_line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")


def write_bytes_line(path: Path, hostile: bytes) -> None:
    """20 good lines with a hostile line of raw bytes (invalid UTF-8) at ``HOSTILE_POSITION``."""
    lines = [json.dumps(record, ensure_ascii=False).encode("utf-8") for record in good_records()]
    lines.insert(HOSTILE_POSITION, hostile)
    path.write_bytes(b"\n".join(lines) + b"\n")


def write_directory(path: Path, name: str, data: bytes) -> None:
    """20 good ``.txt`` files and one hostile file ``name`` in a directory."""
    path.mkdir(parents=True, exist_ok=True)
    for record in good_records():
        (path / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
    (path / name).write_bytes(data)


def nested_html(depth: int) -> bytes:
    """An HTML page whose article sits under ``depth`` nested divs."""
    return (b"<html><body>" + b"<div>" * depth + b"<p>The mayor opened the bridge on Monday.</p>"
            + b"</div>" * depth + b"</body></html>")


def huge_attribute(size: int) -> bytes:
    """An HTML page with one unquoted attribute of ``size`` bytes."""
    return (b"<html><body><p data-x=" + b"a" * size + b">The mayor opened the bridge.</p></body></html>")


def cut_gzip() -> bytes:
    """A gzipped text cut in the middle."""
    whole = gzip.compress((good_text(99) * 200).encode("utf-8"))
    return whole[: len(whole) // 2]


DIRECTORY_CASES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "dir_nested_html": ("hostile.html", lambda: nested_html(10_000)),
    "dir_huge_attribute": ("hostile.html", lambda: huge_attribute(1 << 20)),
    "dir_cut_gzip": ("hostile.txt", cut_gzip),
    "dir_binary": ("hostile.txt", lambda: random.Random(3).randbytes(50_000)),
    "dir_invalid_utf8": ("hostile.txt",
                         lambda: b"The mayor \xff\xfe opened \xc3\x28 the bridge \xed\xa0\x80."),
    "dir_nul_bytes": ("hostile.txt", lambda: b"The mayor\x00 opened\x00 the bridge." * 10),
}
"""Cases that are a directory of 20 good text files and one hostile file."""


def write_csv(path: Path, field_chars: int) -> None:
    """A CSV of 20 good rows with one row whose text field has ``field_chars`` characters."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "text", "published"])
    rows = [[r["id"], r["text"], r["published"]] for r in good_records()]
    rows.insert(HOSTILE_POSITION, ["hostile", run_on_sentence(field_chars), "2024-03-01"])
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def warc_record(url: str, html: bytes) -> bytes:
    """One WARC response record holding ``html``."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
            f"WARC-Record-ID: <urn:uuid:{abs(hash(url)):032x}>\r\nWARC-Date: 2024-03-01T00:00:00Z\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n")
    return head.encode("ascii") + http + b"\r\n\r\n"


def write_warc(path: Path) -> None:
    """A gzipped WARC of 20 good pages with one member whose page is nested 10,000 deep."""
    members = [
        warc_record(f"https://news.example/{r['id']}",
                    f"<html><body><p>{r['text']}</p></body></html>".encode())
        for r in good_records()
    ]
    members.insert(HOSTILE_POSITION, warc_record("https://news.example/hostile", nested_html(10_000)))
    path.write_bytes(b"".join(gzip.compress(member) for member in members))


def write_case(out: Path, case: str) -> Path:
    """Write one case under ``out``; returns the path to give to ``communique extract`` or ``ingest``."""
    if case == "clean":
        path = out / "clean.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in good_records()), encoding="utf-8")
    elif case in TEXT_CASES:
        path = out / f"{case}.jsonl"
        write_jsonl(path, json.dumps({"id": "hostile", "text": TEXT_CASES[case]()}, ensure_ascii=False))
    elif case in RAW_LINE_CASES:
        path = out / f"{case}.jsonl"
        write_jsonl(path, RAW_LINE_CASES[case]())
    elif case == "invalid_utf8_line":
        path = out / f"{case}.jsonl"
        write_bytes_line(path, b'{"id": "hostile", "text": "The mayor \xff\xfe opened the bridge."}')
    elif case in DIRECTORY_CASES:
        path = out / case
        name, make = DIRECTORY_CASES[case]
        write_directory(path, name, make())
    elif case == "csv_oversized":
        path = out / f"{case}.csv"
        write_csv(path, 3_000_000)
    elif case == "warc_bad_member":
        path = out / f"{case}.warc.gz"
        write_warc(path)
    else:
        raise SystemExit(f"unknown case {case!r}; cases: {', '.join(all_cases())}")
    return path


def all_cases() -> list[str]:
    """Every case name, the clean run first."""
    return (["clean", *TEXT_CASES, *RAW_LINE_CASES, "invalid_utf8_line", *DIRECTORY_CASES,
             "csv_oversized", "warc_bad_member"])


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    for case in argv[1:] or all_cases():
        print(write_case(out, case))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
