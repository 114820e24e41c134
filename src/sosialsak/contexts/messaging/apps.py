from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    # Not "messages": that label belongs to django.contrib.messages.
    name = "sosialsak.contexts.messaging"
    verbose_name = _("Meldinger")
    label = "messaging"
