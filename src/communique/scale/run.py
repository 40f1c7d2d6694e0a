"""A large run on either engine: result rows in input order, from the local pool or from Ray."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from communique.scale.rows import Place, result_row
from communique.scale.shards import ShardSettings, read_shard

Row = dict[str, Any]

ENGINES = ("local", "ray")


@dataclass
class ScaledRun:
    """The rows of a run, and what its engine counted once they are all read."""

    rows: Iterator[Row]
    totals: Any = field(default=None)  # the Ray engine's RayTotals; None for the local engine

    @property
    def retried(self) -> int:
        return getattr(self.totals, "retried", 0) if self.totals is not None else 0


def local_rows(
    shards: list[str], config: Mapping[str, Any], settings: ShardSettings, workers: int, label: str
) -> Iterator[Row]:
    """Every document of the shards through the local worker pool, as result rows."""
    from communique.runner import run

    places: deque[Place] = deque()

    def documents():
        for shard in shards:
            for position, document in enumerate(read_shard(shard, settings)):
                places.append(Place(shard, position))
                yield document

    for document in run(documents(), config, workers):
        yield result_row(document, places.popleft(), label)


def scaled_run(
    engine: str, shards: list[str], config: Mapping[str, Any], settings: ShardSettings, workers: int | None,
    label: str, ray_options=None,
) -> ScaledRun:
    """The run on ``engine``: ``local`` (the process pool) or ``ray``."""
    if engine == "ray":
        from communique.engines.ray_data import RayOptions, RayRun

        options = ray_options or RayOptions(actors=workers)
        run = RayRun(shards, config, settings, options, label)
        scaled = ScaledRun(iter(()))

        def rows() -> Iterator[Row]:
            yield from run
            scaled.totals = run.totals

        scaled.rows = rows()
        return scaled
    return ScaledRun(local_rows(shards, config, settings, workers or 1, label))
