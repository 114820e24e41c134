from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sosialsak.contexts.accounts"
    verbose_name = _("Brukere og kontorer")  # the admin's heading (issue 12: not English)
    label = "accounts"

    def ready(self) -> None:
        from sosialsak.contexts.accounts.roles import ensure_roles

        post_migrate.connect(ensure_roles, sender=self)
