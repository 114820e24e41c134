"""Errors raised by the rules package.

Every error carries a stable ``code`` and a message that names what is wrong and where (the
parameter and date, or the field of the household), built on ``sosialsak.kernel.errors``.
"""

from __future__ import annotations

from datetime import date

from sosialsak.kernel.errors import DomainError, ValidationFailed


class ParameterNotFound(DomainError):
    """Raise when no value of a parameter applies on a date (or the parameter is unknown)."""

    code = "parameter_not_found"

    def __init__(self, name: str, on: date, detail: str = "") -> None:
        message = f"Parameteren «{name}» har ingen verdi som gjelder {on.isoformat()}"
        message += f" ({detail})." if detail else "."
        super().__init__(message, parameter=name, date=on.isoformat())
        self.name = name
        self.on = on


class InvalidParameterFile(DomainError):
    """Raise when a parameter YAML file is malformed (a programming or authoring error)."""

    code = "invalid_parameter_file"


class InvalidHousehold(ValidationFailed):
    """Raise when household facts are malformed; ``extra['field']`` is the JSON path."""

    code = "invalid_household"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}", field=field)
        self.field = field


class InvalidAssessment(ValidationFailed):
    """Raise when an individual assessment lacks its required written reason."""

    code = "invalid_assessment"


class InvalidRateSet(ValidationFailed):
    """Raise when a registered rate set (state or municipal overlay) is malformed."""

    code = "invalid_rate_set"


class InvalidCommencement(ValidationFailed):
    """Raise when a commencement setting (act id and date) is malformed or names no known act."""

    code = "invalid_commencement"


class InvalidFacts(ValidationFailed):
    """Raise when facts passed to a rule contradict each other (e.g. an end before a start)."""

    code = "invalid_facts"
