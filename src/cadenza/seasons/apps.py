from django.apps import AppConfig


class SeasonsConfig(AppConfig):
    name = "cadenza.seasons"
    label = "seasons"
    verbose_name = "Season plans"
