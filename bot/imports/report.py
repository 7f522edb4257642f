"""What an import tells the person running it: a file refused whole, or the problems of each
row and the totals."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.customers.form import Message


class CsvUnreadable(Exception):
    """The whole file is refused (its encoding, not CSV at all, a workbook); nothing imported."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.key)
        self.message = message


@dataclass(frozen=True)
class RowProblem:
    row: int  # the spreadsheet's row number (the header is row 1)
    field: str  # "" when the problem is the row's as a whole
    message: Message


@dataclass
class ImportReport:
    read: int = 0
    imported: int = 0  # with dry_run: how many would be
    problems: list[RowProblem] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def refused_rows(self) -> int:
        return len({p.row for p in self.problems})
