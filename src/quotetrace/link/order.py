"""Which of two things came first: the earliest published, and on a tie, the first added."""

from __future__ import annotations

from dataclasses import dataclass

_UNDATED = 10**7  # after any real date: an undated article is never taken for an original


@dataclass(frozen=True, slots=True, order=True)
class Arrival:
    """Publication day (``date.toordinal``, None if unknown) and the order of ``Linker.add``."""

    day: int
    added: int

    @classmethod
    def of(cls, day: int | None, added: int) -> Arrival:
        return cls(_UNDATED if day is None else day, added)

    @property
    def dated(self) -> bool:
        return self.day != _UNDATED


class Registry:
    """Every article linked so far, by the number ``Linker.add`` gave it (its position in order)."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.arrivals: list[Arrival] = []
        self.dates: list[str | None] = []
        self.numbers: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def register(self, article_id: str, published: str | None, day: int | None) -> int:
        number = len(self.ids)
        self.ids.append(article_id)
        self.dates.append(published)
        self.arrivals.append(Arrival.of(day, number))
        self.numbers[article_id] = number
        return number

    def published(self, number: int) -> str | None:
        return self.dates[number]
