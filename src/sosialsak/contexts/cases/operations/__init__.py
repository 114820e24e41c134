"""Writes for case progress. Each operation takes keyword-only arguments, runs in one
transaction, goes through the caller's scope, and writes a hendelse and an audit entry."""

from sosialsak.contexts.cases.operations._dokumentasjon import (
    KravListe,
    UnableToRequestDokumentasjon,
    close_open_requests,
    mark_dokumentasjon_not_delivered,
    mark_dokumentasjon_received,
    open_requests,
    request_dokumentasjon,
    send_dokumentasjon_reminders,
    send_due_reminders,
)
from sosialsak.contexts.cases.operations._forelopig import (
    UnableToSendForelopigSvar,
    send_forelopig_svar,
)
from sosialsak.contexts.cases.operations._journal import (
    UnableToStore,
    Upload,
    check_upload,
    max_upload_bytes,
    own_soknad,
    store_document,
    upload_document,
    upload_ettersendelse,
    write_note,
)
from sosialsak.contexts.cases.operations._kartlegging import (
    guard_vedtak_children,
    save_kartlegging,
)
from sosialsak.contexts.cases.operations._oppfolging import (
    SamtaleInput,
    UnableToRecord,
    VeiledningInput,
    complete_oppgave,
    create_oppgave,
    record_samtale,
    record_veiledning,
)

__all__ = [
    "KravListe",
    "SamtaleInput",
    "UnableToRecord",
    "UnableToRequestDokumentasjon",
    "UnableToSendForelopigSvar",
    "UnableToStore",
    "Upload",
    "VeiledningInput",
    "check_upload",
    "close_open_requests",
    "complete_oppgave",
    "create_oppgave",
    "guard_vedtak_children",
    "mark_dokumentasjon_not_delivered",
    "mark_dokumentasjon_received",
    "max_upload_bytes",
    "open_requests",
    "own_soknad",
    "record_samtale",
    "record_veiledning",
    "request_dokumentasjon",
    "save_kartlegging",
    "send_dokumentasjon_reminders",
    "send_due_reminders",
    "send_forelopig_svar",
    "store_document",
    "upload_document",
    "upload_ettersendelse",
    "write_note",
]
