"""RMs' judgments of results as evaluation questions (``shared/eval`` format), so that what
they marked useful becomes something every encoder version is scored on."""

import hashlib

from bankcrm.text_rules import has_words
from search.models import SearchFeedback


def feedback_queries() -> list[dict]:
    """One entry per judged question with at least one result marked useful: ``relevant`` is
    ``{"any": [{"field": "external_id", "op": "in", "value": [...]}]}`` over those results.

    Judgments of one question are grouped whatever its case and spacing; when callers disagree
    on a result, the latest judgment stands. Questions with only thumbs down have no relevant
    customer and are left out (the evaluation could not score them), as are questions with no
    word in them (kept from before the API refused them).
    """
    latest: dict[str, dict] = {}
    rows = SearchFeedback.objects.order_by("updated_at", "id").values_list(
        "query_key", "query", "customer__external_id", "useful"
    )
    for key, query, external_id, useful in rows.iterator():
        question = latest.setdefault(key, {"query": query, "judged": {}})
        question["judged"][external_id] = useful
    entries = []
    for key, question in sorted(latest.items(), key=lambda item: item[1]["query"].lower()):
        useful = sorted(external_id for external_id, good in question["judged"].items() if good)
        if not useful or not has_words(question["query"]):
            continue
        entries.append(
            {
                "id": "fb-" + hashlib.sha256(key.encode()).hexdigest()[:10],
                "query": question["query"],
                "relevant": {"any": [{"field": "external_id", "op": "in", "value": useful}]},
            }
        )
    return entries
