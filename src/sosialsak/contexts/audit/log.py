"""Write audit entries. Called by the contexts' queries and operations, never by views.

The channel (web, api, cli, job) is set once per request or command by the interface through
``audit_channel``, so the domain does not need to know who called it.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

from sosialsak.contexts.audit.models import Action, AuditEntry

_channel: contextvars.ContextVar[str] = contextvars.ContextVar("audit_channel", default="web")


def plain_id(value: object) -> str:
    """The object id as stored: a plain internal id (1–19 ASCII digits, not 11) or nothing.

    Anything else (a path, free text from a URL, a name, a fødselsnummer) is stripped, so
    personal data that reached an identifier by mistake never lands in the audit log (issue
    10: a caseworker wrote a name, a fødselsnummer and a diagnosis into a URL segment)."""
    if isinstance(value, bool):
        return ""
    text = str(value) if isinstance(value, int) else value if isinstance(value, str) else ""
    if not (text.isascii() and text.isdigit() and len(text) <= 19):
        return ""
    # Eleven digits is the shape of a fødselsnummer or D-nummer (real or synthetic); no
    # internal id of this system comes near 10¹⁰, so such a value is never stored.
    if len(text) == 11:
        return ""
    return text


@contextmanager
def audit_channel(name: str) -> Iterator[None]:
    token = _channel.set(name)
    try:
        yield
    finally:
        _channel.reset(token)


def record(
    *,
    actor: object | None,
    action: Action | str,
    object_type: str,
    object_id: object,
    purpose: str,
    kontor_id: int | None = None,
) -> AuditEntry:
    """Append one audit entry. ``object_id`` is an internal id, never a fødselsnummer: any
    other value is stored as empty (see ``plain_id``)."""
    user_id = getattr(actor, "pk", None)
    return AuditEntry.objects.create(
        at=timezone.now(),
        actor_id=user_id,
        actor_username=getattr(actor, "username", "") or "system",
        action=action,
        object_type=object_type,
        object_id=plain_id(object_id),
        kontor_id=kontor_id,
        purpose=purpose[:100],
        channel=_channel.get(),
    )


def record_many(
    *, actor: object | None, action: Action | str, object_type: str, object_ids: list[object],
    purpose: str, kontor_ids: list[int | None],
) -> None:
    """Append one entry per object in one query (list pages read many cases at once)."""
    now = timezone.now()
    AuditEntry.objects.bulk_create(
        AuditEntry(
            at=now, actor_id=getattr(actor, "pk", None),
            actor_username=getattr(actor, "username", "") or "system", action=action,
            object_type=object_type, object_id=plain_id(oid), kontor_id=kid, purpose=purpose[:100],
            channel=_channel.get(),
        )
        for oid, kid in zip(object_ids, kontor_ids, strict=True)
    )
