from django.apps import AppConfig


class PressConfig(AppConfig):
    name = "cadenza.press"
    label = "press"
