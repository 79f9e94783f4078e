from django.apps import AppConfig


class RepertoireConfig(AppConfig):
    name = "cadenza.repertoire"
    label = "repertoire"
