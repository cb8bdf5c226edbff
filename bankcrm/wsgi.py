import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bankcrm.settings")

application = get_wsgi_application()

if os.environ.get("EMBEDDING_PRELOAD", "1") == "1":
    # Load the query encoder before the first request, not during it.
    from customers.embeddings import encode_query

    encode_query("warm-up")

    from django.conf import settings

    if settings.SEARCH_MEANING_MATCH:
        # and the meaning match's lexicon (about 2 s), so that no RM's first question pays for it
        from search.meaning_match import default_matcher

        default_matcher().matrix()
