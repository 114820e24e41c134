"""Writes for decisions. Each operation takes keyword-only arguments, runs in one transaction,
goes through the caller's scope, and writes a hendelse and an audit entry.

``writable_soknad``, ``change_status``, ``record_vedtak`` and ``VedtakInput`` keep their
signatures (demo data, payments and tests use them)."""

from sosialsak.contexts.decisions.operations._brudd import (
    decide_reduksjon,
    propose_reduksjon,
    record_brudd,
    record_varselsvar,
    send_forhandsvarsel,
)
from sosialsak.contexts.decisions.operations._core import (
    UnableToRecordVedtak,
    VedtakInput,
    change_status,
    record_vedtak,
    undecided_items,
    writable_soknad,
)
from sosialsak.contexts.decisions.operations._forsendelse import (
    UnableToRecordForsendelse,
    record_forsendelse,
)
from sosialsak.contexts.decisions.operations._godkjenning import (
    UnableToApprove,
    approve_vedtak,
    propose_vedtak,
    return_vedtak,
)
from sosialsak.contexts.decisions.operations._inputs import (
    BarnBegrunnelse,
    DokumentasjonskravUtkast,
    Inntekt,
    Justering,
    KvpInntektUtkast,
    KvpUtkast,
    Norskvurdering,
    RammeUtkast,
    Under18,
    Unntak,
    UtbetalingValg,
    VedtakUtkast,
    VilkarUtkast,
    utkast_as_json,
    utkast_from_json,
)
from sosialsak.contexts.decisions.operations._klage import (
    UnableToHandleKlage,
    change_after_klage,
    decide_late_klage,
    forward_klage,
    propose_change_after_klage,
    record_statsforvalter_outcome,
    register_digisos_klage,
    register_klage,
)
from sosialsak.contexts.decisions.operations._krav import (
    UnableToChangeDokumentasjonskrav,
    annul_dokumentasjonskrav,
    mark_dokumentasjonskrav_levert,
)
from sosialsak.contexts.decisions.operations._kvp import (
    UnableToRecordKvpVurdering,
    record_kvp_vurdering,
)
from sosialsak.contexts.decisions.operations._letter import (
    klageinfo,
    kontor_of,
    mottaker_of,
    name_of,
)
from sosialsak.contexts.decisions.operations._letter import store as store_letter
from sosialsak.contexts.decisions.operations._make import (
    ApprovalRequired,
    VedtakPreview,
    make_vedtak,
    preview_pdf,
    preview_vedtak,
)
from sosialsak.contexts.decisions.operations._retract import (
    UnableToRetract,
    annul_vilkar,
    mark_sak_feilregistrert,
)
from sosialsak.contexts.decisions.operations._settings import (
    decision_settings,
    decision_settings_for_leder,
    months_with_support,
    set_decision_settings,
)
from sosialsak.contexts.decisions.policy import UnableToMakeVedtak, UnableToReduce
from sosialsak.contexts.decisions.ports import (
    ReplacedPayments,
    install_payment_annuller,
    install_payment_planner,
    install_payment_replacer,
    install_payment_stopper,
)

__all__ = [
    "ApprovalRequired",
    "BarnBegrunnelse",
    "DokumentasjonskravUtkast",
    "Inntekt",
    "Justering",
    "KvpInntektUtkast",
    "KvpUtkast",
    "Norskvurdering",
    "RammeUtkast",
    "ReplacedPayments",
    "UnableToApprove",
    "UnableToChangeDokumentasjonskrav",
    "UnableToHandleKlage",
    "UnableToMakeVedtak",
    "UnableToRecordForsendelse",
    "UnableToRecordKvpVurdering",
    "UnableToRecordVedtak",
    "UnableToReduce",
    "UnableToRetract",
    "Under18",
    "Unntak",
    "UtbetalingValg",
    "VedtakInput",
    "VedtakPreview",
    "VedtakUtkast",
    "VilkarUtkast",
    "annul_dokumentasjonskrav",
    "annul_vilkar",
    "approve_vedtak",
    "change_after_klage",
    "change_status",
    "decide_late_klage",
    "decide_reduksjon",
    "decision_settings",
    "decision_settings_for_leder",
    "forward_klage",
    "install_payment_annuller",
    "install_payment_planner",
    "install_payment_replacer",
    "install_payment_stopper",
    "klageinfo",
    "kontor_of",
    "make_vedtak",
    "mark_dokumentasjonskrav_levert",
    "mark_sak_feilregistrert",
    "months_with_support",
    "mottaker_of",
    "name_of",
    "preview_pdf",
    "preview_vedtak",
    "propose_change_after_klage",
    "propose_reduksjon",
    "propose_vedtak",
    "record_brudd",
    "record_forsendelse",
    "record_kvp_vurdering",
    "record_statsforvalter_outcome",
    "record_varselsvar",
    "record_vedtak",
    "register_digisos_klage",
    "register_klage",
    "return_vedtak",
    "send_forhandsvarsel",
    "set_decision_settings",
    "store_letter",
    "undecided_items",
    "utkast_as_json",
    "utkast_from_json",
    "writable_soknad",
]
