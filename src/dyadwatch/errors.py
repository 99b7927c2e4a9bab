"""A catalogue of the errors dyadwatch raises, each with a code and a hint at the fix."""

from __future__ import annotations


class DyadwatchError(Exception):
    """Base class: ``str()`` gives ``[DWnnn] message``."""

    code = "DW000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")


class UnknownCountry(DyadwatchError):
    code = "DW101"


class UnknownTable(DyadwatchError):
    code = "DW102"


class NoInput(DyadwatchError):
    code = "DW103"


class ModelMissing(DyadwatchError):
    code = "DW104"


class StoreError(DyadwatchError):
    code = "DW105"


class BadQuery(DyadwatchError):
    """A parameter of a read (a period, a limit, a cursor …) that cannot be used."""

    code = "DW106"


class NotFound(DyadwatchError):
    """An id or a country the store does not know."""

    code = "DW107"
