"""Case progress before the decision: documentation requests, letters, kartlegging,
conversations, § 17 guidance and follow-up tasks. One private module per topic."""

from sosialsak.contexts.cases.models._brev import Brev, BrevType
from sosialsak.contexts.cases.models._dokumentasjon import Dokumentasjonskrav, KravStatus, LevertVia
from sosialsak.contexts.cases.models._journal import MAX_NOTAT, Journalnotat, NotatType
from sosialsak.contexts.cases.models._kartlegging import Kartleggingsdel, KartleggingsdelType
from sosialsak.contexts.cases.models._kostra import KostraOpplysninger
from sosialsak.contexts.cases.models._oppfolging import (
    Oppgave,
    OppgaveType,
    Samtale,
    SamtaleKanal,
    Veiledning,
    VeiledningTema,
)

__all__ = [
    "MAX_NOTAT",
    "Brev",
    "BrevType",
    "Dokumentasjonskrav",
    "Journalnotat",
    "Kartleggingsdel",
    "KartleggingsdelType",
    "KostraOpplysninger",
    "KravStatus",
    "LevertVia",
    "NotatType",
    "Oppgave",
    "OppgaveType",
    "Samtale",
    "SamtaleKanal",
    "Veiledning",
    "VeiledningTema",
]
