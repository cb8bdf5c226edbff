import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bankcrm.settings")

application = get_wsgi_application()

if os.environ.get("EMBEDDING_PRELOAD", "1") == "1":
    # Load the query encoder before the first request, not during it.
    from customers.embeddings import encode_query

    encode_query("warm-up")
