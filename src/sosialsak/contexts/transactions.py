"""An operation in a transaction of its own, or inside its caller's without a savepoint.

``@transaction.atomic`` on an operation called inside another transaction costs a SAVEPOINT
and a RELEASE: two statements per call, six of a Digisos delivery's 27 (issue 13). A caller
that rolls back as a whole on any failure (the importer's durable transaction) has no use for
them, so an operation decorated with :func:`atomic_operation` and declaring ``savepoint: bool =
True`` can be called with ``savepoint=False``: then a failure inside it marks the caller's
transaction for rollback instead of rolling back to a savepoint. Called outside a transaction
it opens one either way; every other caller keeps the savepoint.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.db import transaction

P = ParamSpec("P")
R = TypeVar("R")


def atomic_operation(func: Callable[P, R]) -> Callable[P, R]:
    """``@transaction.atomic``, with ``savepoint=False`` honoured (see the module)."""

    @functools.wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with transaction.atomic(savepoint=bool(kwargs.get("savepoint", True))):
            return func(*args, **kwargs)

    return run
