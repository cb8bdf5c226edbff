"""The next best products for a customer: what their nearest lookalikes hold and they do not.

Lookalikes are the customer's nearest neighbours by profile embedding (the active vector slot)
within the same segment, drawn from the whole bank: a book of a few hundred holds too few close
neighbours for the shares to mean anything. Only their counts leave this module for customers
outside the caller's book; the lookalikes the caller may see are named. Offers are filtered by the
eligibility rules of ``shared/spec/domain.md`` (``customers.product_rules``).
"""

from collections import Counter
from dataclasses import dataclass, field

from customers.choices import Interest, Product
from customers.encoder_deployment import current_deployment
from customers.models import Customer
from customers.product_rules import INTEREST_PRODUCTS, is_eligible
from customers.selectors import customers_visible_to
from search.ranking import nearest_ids
from search.selectors import NotEmbedded

LOOKALIKES = 10
# A product at least this many lookalikes hold is worth a mention; fewer is noise.
MIN_HOLDING = 2
MAX_OFFERS = 5


@dataclass(frozen=True)
class ProductOffer:
    code: str
    holding: int  # lookalikes holding it
    lookalikes: int  # lookalikes looked at
    reason: str
    visible_holders: list[Customer] = field(default_factory=list)  # those of them in the caller's book

    @property
    def label(self) -> str:
        return Product(self.code).label

    @property
    def share(self) -> int:
        return round(100 * self.holding / self.lookalikes) if self.lookalikes else 0


# Products that a sentence names otherwise than "a" + the lowercased label: services read
# without an article ("hold a life insurance" is wrong), and an acronym stays upper case.
PRODUCT_PHRASES = {
    Product.LIFE_INSURANCE: "life insurance",
    Product.WEALTH_MANAGEMENT: "wealth management",
    Product.BUSINESS_CHECKING: "a business checking account",
    Product.RETIREMENT_IRA: "a retirement IRA",
}


def product_phrase(code: str) -> str:
    """The product as the object of "similar customers hold ...", the way an RM would say it."""
    if code in PRODUCT_PHRASES:
        return PRODUCT_PHRASES[Product(code)]
    label = Product(code).label.lower()
    return f"{'an' if label[0] in 'aeiou' else 'a'} {label}"


def _reason(customer: Customer, code: str, holding: int, lookalikes: int) -> str:
    reason = f"{holding} of {lookalikes} similar customers hold {product_phrase(code)}"
    served = [i for i in customer.interests if code in INTEREST_PRODUCTS.get(i, ())]
    if served:
        reason += "; it serves their interest in " + ", ".join(Interest(i).label.lower() for i in served)
    return reason + "."


def next_products(*, user, customer: Customer, lookalikes: int = LOOKALIKES) -> list[ProductOffer]:
    """Products most of ``customer``'s lookalikes hold, that they lack and may be offered, most
    held first. Raises ``NotEmbedded`` for a customer without a vector."""
    column = current_deployment().active.slot.vector
    vector = getattr(customer, column)
    if vector is None:
        raise NotEmbedded(f"Customer {customer.pk} has no embedding yet ({customer.embedding_status}).")
    peers = Customer.objects.filter(segment=customer.segment_code()).exclude(pk=customer.pk)
    ids = [pk for pk, _ in nearest_ids(peers, vector, lookalikes, column=column)]
    held = dict(Customer.objects.filter(pk__in=ids).values_list("pk", "products"))
    tally = Counter(code for pk in ids for code in set(held.get(pk, ())))
    visible = (
        customers_visible_to(user)
        .select_related(None)
        .filter(pk__in=ids)
        .only("pk", "first_name", "last_name")
        .in_bulk()
    )
    offers = []
    for code, holding in sorted(tally.items(), key=lambda item: (-item[1], item[0])):
        if holding < MIN_HOLDING or code not in Product.values or not is_eligible(customer, code):
            continue
        holders = [visible[pk] for pk in ids if pk in visible and code in held[pk]]
        offers.append(
            ProductOffer(code, holding, len(ids), _reason(customer, code, holding, len(ids)), holders)
        )
    return offers[:MAX_OFFERS]
