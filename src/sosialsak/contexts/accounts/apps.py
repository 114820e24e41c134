from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "sosialsak.contexts.accounts"
    label = "accounts"

    def ready(self) -> None:
        from sosialsak.contexts.accounts.roles import ensure_roles

        post_migrate.connect(ensure_roles, sender=self)
