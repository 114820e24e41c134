from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "sosialsak.contexts.payments"
    label = "payments"
