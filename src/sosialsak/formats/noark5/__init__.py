"""Noark 5 arkivuttrekk-shaped packages (issue 18 item 6): build and check. Framework-free."""

from sosialsak.formats.noark5.build import (
    Dokument,
    Mappe,
    Registrering,
    Uttrekk,
    write_package,
)
from sosialsak.formats.noark5.check import check_package, pdf_format

__all__ = ["Dokument", "Mappe", "Registrering", "Uttrekk", "check_package", "pdf_format",
           "write_package"]
