"""Identity and account numbers for the rules' callers: re-exported from the shared kernel.

Fødselsnummer and D-nummer (11 digits, two mod-11 check digits), kontonummer (11 digits, mod 11)
and organisasjonsnummer (9 digits, mod 11) are checked with python-stdnum in
``sosialsak.kernel.identity``; errors are ``ValidationFailed`` with a caseworker-friendly message
naming the field and never echoing the number.
"""

from sosialsak.kernel.identity import (
    Fodselsnummer,
    is_synthetic,
    parse_fodselsnummer,
    parse_kontonummer,
    parse_organisasjonsnummer,
)

__all__ = [
    "Fodselsnummer",
    "is_synthetic",
    "parse_fodselsnummer",
    "parse_kontonummer",
    "parse_organisasjonsnummer",
]
