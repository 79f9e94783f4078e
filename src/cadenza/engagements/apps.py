from django.apps import AppConfig


class EngagementsConfig(AppConfig):
    name = "cadenza.engagements"
    label = "engagements"
    verbose_name = "Engagements"
