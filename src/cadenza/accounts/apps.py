from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cadenza.accounts"
    label = "accounts"
