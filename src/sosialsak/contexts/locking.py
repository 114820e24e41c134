"""Read the state a write changes under a lock: the one way a state machine moves here.

Two requests that move one object at once (approve and return the same proposal; two
reductions for one breach) must not both succeed. A write therefore takes the application's
lock first (``writable_soknad(..., lock=True)``: every state machine here hangs under one
application, so this is the one lock order) and only then reads the row it changes, with
``SELECT ... FOR UPDATE``, inside the transaction. State read before the lock is never
checked: on PostgreSQL (READ COMMITTED) it may already have been changed by the request that
held the lock. SQLite serialises writers itself (``transaction_mode=IMMEDIATE``) and ignores
the row lock.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def owner_id(model: type[models.Model], pk: int, path: str) -> int | None:
    """Return the id at ``path`` (e.g. ``vedtak__sak__soknad_id``) of one row, without reading
    any of its state: used to find the application to lock before the row is read."""
    value = model._default_manager.filter(pk=pk).values_list(path, flat=True).first()
    return int(value) if value is not None else None


def lock(model: type[M], pk: int, *related: str) -> M | None:
    """Return one row read under its row lock (``FOR UPDATE OF`` the row only, so nullable
    relations in ``related`` may be joined), or None. Call inside the write's transaction,
    after the application's lock."""
    return (model._default_manager.select_for_update(of=("self",))
            .select_related(*related).filter(pk=pk).first())
