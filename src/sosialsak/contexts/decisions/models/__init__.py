"""Decisions: sak, vedtak and vilkår; their letters; follow-up of conditions; appeals; and the
four-eyes setting. One private module per topic."""

from sosialsak.contexts.decisions.models._dokument import DokumentType, VedtakDokument
from sosialsak.contexts.decisions.models._godkjenning import (
    ForslagStatus,
    Vedtaksforslag,
    Vedtaksinnstillinger,
)
from sosialsak.contexts.decisions.models._klage import (
    Klage,
    KlageKilde,
    KlageStatus,
    StatsforvalterUtfall,
)
from sosialsak.contexts.decisions.models._krav import (
    DokumentasjonskravStatus,
    VedtakDokumentasjonskrav,
)
from sosialsak.contexts.decisions.models._oppfolging import BruddStatus, KvpVurdering, Vilkarsbrudd
from sosialsak.contexts.decisions.models._vedtak import (
    Forsendelse,
    Hjemmel,
    Sak,
    SakStatus,
    Stonadsform,
    Utfall,
    Vedtak,
    VedtakArt,
    Vilkar,
    VilkarStatus,
)

__all__ = [
    "BruddStatus",
    "DokumentType",
    "DokumentasjonskravStatus",
    "Forsendelse",
    "ForslagStatus",
    "Hjemmel",
    "Klage",
    "KlageKilde",
    "KlageStatus",
    "KvpVurdering",
    "Sak",
    "SakStatus",
    "StatsforvalterUtfall",
    "Stonadsform",
    "Utfall",
    "Vedtak",
    "VedtakArt",
    "VedtakDokument",
    "VedtakDokumentasjonskrav",
    "Vedtaksforslag",
    "Vedtaksinnstillinger",
    "Vilkar",
    "VilkarStatus",
    "Vilkarsbrudd",
]
