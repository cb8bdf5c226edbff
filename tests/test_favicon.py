"""Every page names the app's own icon, so that no browser asks for a /favicon.ico that 404s."""

from django.contrib.staticfiles import finders
from django.templatetags.static import static


def test_the_login_page_links_an_icon_the_app_ships(client):
    response = client.get("/login/")

    assert f'<link rel="icon" href="{static("img/favicon.svg")}" type="image/svg+xml">' in response.text
    assert finders.find("img/favicon.svg")
