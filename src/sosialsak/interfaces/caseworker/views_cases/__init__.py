"""Case-progress pages: worklists and start page, kartlegging, documentation requests and the
preliminary reply, conversations, § 17 guidance, tasks, and the office's settings.

Each view parses input, makes one call inward, and renders or redirects.
"""

from sosialsak.interfaces.caseworker.views_cases._dokumentasjon import (
    brev_pdf,
    dokumentasjon_frist_ute,
    dokumentasjon_mottatt,
    dokumentasjon_ny,
    dokumentasjon_paminnelse,
    forelopig_svar,
)
from sosialsak.interfaces.caseworker.views_cases._kartlegging import (
    kartlegging,
    kartlegging_barn,
    kartlegging_del,
)
from sosialsak.interfaces.caseworker.views_cases._oppfolging import (
    oppgave_ny,
    oppgave_utfort,
    samtale_ny,
    veiledning_ny,
)
from sosialsak.interfaces.caseworker.views_cases._start import (
    notes_search,
    office_settings,
    start,
    worklist_page,
)
from sosialsak.interfaces.caseworker.views_cases._workspace import dokument_ny, notat_ny

__all__ = [
    "brev_pdf",
    "dokument_ny",
    "dokumentasjon_frist_ute",
    "dokumentasjon_mottatt",
    "dokumentasjon_ny",
    "dokumentasjon_paminnelse",
    "forelopig_svar",
    "kartlegging",
    "kartlegging_barn",
    "kartlegging_del",
    "notat_ny",
    "notes_search",
    "office_settings",
    "oppgave_ny",
    "oppgave_utfort",
    "samtale_ny",
    "start",
    "veiledning_ny",
    "worklist_page",
]
