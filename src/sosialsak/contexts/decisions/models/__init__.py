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
from sosialsak.contexts.decisions.models._oppfolging import BruddStatus, KvpVurdering, Vilkarsbrudd
from sosialsak.contexts.decisions.models._vedtak import (
    Hjemmel,
    Sak,
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
    "ForslagStatus",
    "Hjemmel",
    "Klage",
    "KlageKilde",
    "KlageStatus",
    "KvpVurdering",
    "Sak",
    "StatsforvalterUtfall",
    "Stonadsform",
    "Utfall",
    "Vedtak",
    "VedtakArt",
    "VedtakDokument",
    "Vedtaksforslag",
    "Vedtaksinnstillinger",
    "Vilkar",
    "VilkarStatus",
    "Vilkarsbrudd",
]
