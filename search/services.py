"""Writes that follow a search: the RMs' judgments of its results."""

import hashlib

from bankcrm.input_guard import storable
from customers.access import ServicePrincipal
from customers.encoder_deployment import current_deployment
from customers.models import Customer
from search.models import SearchFeedback
from search.selectors import interpret


def query_key(query: str) -> str:
    """The key judgments of one question share: its words, whitespace and case aside."""
    return hashlib.sha256(" ".join(query.lower().split()).encode()).hexdigest()


def record_feedback(
    *, actor, customer: Customer, query: str, useful: bool, reason: str = ""
) -> tuple[SearchFeedback, bool]:
    """Keep ``actor``'s judgment of ``customer`` as an answer to ``query``; a second judgment of
    the same result replaces the first. Returns the judgment and whether it is new.

    The caller must already have checked that ``actor`` sees ``customer``. The interpretation
    is the question's as the search reads it now, and the encoder version the active one: the
    version that served the results being judged (a switch takes effect for both at once).
    """
    is_token = isinstance(actor, ServicePrincipal)
    label = storable(actor.get_username())[:150]
    return SearchFeedback.objects.update_or_create(
        actor=label,
        query_key=query_key(query),
        customer=customer,
        defaults={
            "user": None if is_token else actor,
            "query": storable(query.strip()),
            "interpretation": interpret(query).as_dict(),
            "encoder_version": current_deployment().active.version,
            "useful": useful,
            "reason": storable(reason.strip()),
        },
    )
