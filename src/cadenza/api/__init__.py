"""The REST API at /api/v1/ (docs/api.md): django-ninja over the same selectors and
services as the pages."""
