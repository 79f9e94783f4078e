from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "cadenza.places"
    label = "places"
