from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "cadenza.events"
    label = "events"
