from django import template

from customers.choices import Interest, Product
from customers.serializers import mask_email, mask_phone

register = template.Library()

register.filter("mask_email", mask_email)
register.filter("mask_phone", mask_phone)


@register.filter
def money(value) -> str:
    return "" if value is None else f"${int(value):,}"


@register.filter
def product_labels(codes) -> list[str]:
    return [Product(code).label for code in codes or []]


@register.filter
def interest_labels(codes) -> list[str]:
    return [Interest(code).label for code in codes or []]
