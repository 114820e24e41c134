"""API tokens: random, shown once, stored as SHA-256."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from sosialsak.contexts.accounts.models import ApiToken, User


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_token(*, user: User, name: str = "") -> str:
    """Create a token for ``user`` and return it in clear text (the only time it is visible)."""
    token = "sos_" + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name, prefix=token[4:12], key_hash=_hash(token))
    return token


def user_for_token(token: str) -> User | None:
    """Return the active user owning ``token``, or None."""
    row = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash(token), revoked=False, user__is_active=True)
        .first()
    )
    if row is None:
        return None
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    return row.user
