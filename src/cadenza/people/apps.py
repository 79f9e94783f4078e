from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "cadenza.people"
    label = "people"
