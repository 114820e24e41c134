from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "sosialsak.contexts.payments"
    verbose_name = _("Utbetalinger")  # the admin's heading (issue 12: not English)
    label = "payments"
