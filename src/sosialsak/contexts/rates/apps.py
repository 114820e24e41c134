from typing import Any

from django.apps import AppConfig
from django.core.checks import Error, register
from django.utils.translation import gettext_lazy as _

# The tag of the commencement check, so a command that runs only some checks can name it.
COMMENCEMENT_CHECKS = "commencements"


class RatesConfig(AppConfig):
    name = "sosialsak.contexts.rates"
    verbose_name = _("Satser")  # the admin's heading (issue 12: not English)
    label = "rates"

    def ready(self) -> None:
        # Letters print the procedural references in force on their date, from the rules'
        # legal data and SOSIALSAK_IKRAFTTREDELSER (formats may not import the rules itself).
        from sosialsak.contexts.rates.queries import letter_references
        from sosialsak.formats.letters import use_legal_references

        use_legal_references(letter_references)
        register(check_commencements, COMMENCEMENT_CHECKS)


def check_commencements(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """A malformed SOSIALSAK_IKRAFTTREDELSER stops every command at start, with its message."""
    from sosialsak.contexts.rates.queries import configured_commencements
    from sosialsak.rules import InvalidCommencement

    try:
        configured_commencements()
    except InvalidCommencement as exc:
        return [Error(exc.message, id="rates.E001")]
    return []
