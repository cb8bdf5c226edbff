"""The ``api_id`` path converter shared by every API route that takes an id."""

from django.urls import register_converter


class IdConverter:
    """Any path segment: a whole number is that id; anything else is id 0, which nothing has. So
    every id the path can hold answers the API's JSON 404, never the site's HTML one."""

    regex = "[^/]+"

    def to_python(self, value: str) -> int:
        return int(value) if value.lstrip("-").isdigit() and value.isascii() and len(value) < 40 else 0

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "api_id")
