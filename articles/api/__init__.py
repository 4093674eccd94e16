"""The read-only JSON API at /api/ (Django REST framework), documented by an OpenAPI schema."""
