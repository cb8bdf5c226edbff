"""Counts an RM would rather look at than read: how a set of customers splits, and their book.

Each chart is one aggregate query (``COUNT(*) FILTER (...)`` per bar), so it costs one scan of
the set whatever its size, and it is drawn server-side as plain HTML bars whose width is a class
of ``static/css/charts.css``: no script, no style attribute, nothing fetched.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet

from customers.choices import Interest, Product, Segment
from customers.filters import birth_date_bounds
from customers.models import Customer
from customers.selectors import customers_visible_to

AGE_BANDS = [(18, 29), (30, 44), (45, 59), (60, 74), (75, None)]
NOT_CONTACTED_DAYS = 90
TOP_INTERESTS = 8


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    total: int
    compare: float | None = None  # a reference share, 0 to 1 (the bank's), drawn beside it
    url: str = ""

    @property
    def share(self) -> float:
        return self.count / self.total if self.total else 0.0

    @property
    def percent(self) -> int:
        """The bar's width class, 0 to 100; any customer at all shows as at least 1."""
        return min(100, max(round(100 * self.share), 1 if self.count else 0))

    @property
    def compare_percent(self) -> int:
        return min(100, round(100 * (self.compare or 0)))


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    compare_label: str = ""


def _age_q(lo: int, hi: int | None, today: date) -> Q:
    earliest, latest = birth_date_bounds(min_age=lo, max_age=hi, today=today)
    q = Q(date_of_birth__lte=latest)
    return q & Q(date_of_birth__gte=earliest) if earliest else q


def _band_label(lo: int, hi: int | None) -> str:
    return f"{lo} to {hi}" if hi is not None else f"{lo} and over"


def split_charts(customers: QuerySet[Customer]) -> tuple[int, list[Chart]]:
    """How many ``customers`` there are, and how they split by segment, age band and the
    products they hold (held and not)."""
    today = date.today()
    aggregates = {"total": Count("pk")}
    for segment in Segment:
        aggregates[f"s_{segment.value}"] = Count("pk", filter=Q(segment=segment.value))
    for lo, hi in AGE_BANDS:
        aggregates[f"a_{lo}"] = Count("pk", filter=_age_q(lo, hi, today))
    for product in Product:
        aggregates[f"p_{product.value}"] = Count("pk", filter=Q(products__contains=[product.value]))
    counts = customers.order_by().aggregate(**aggregates)
    total = counts["total"]
    products = [Bar(p.label, counts[f"p_{p.value}"], total) for p in Product]
    products.sort(key=lambda bar: (-bar.count, bar.label))
    return total, [
        Chart("By segment", [Bar(s.label, counts[f"s_{s.value}"], total) for s in Segment]),
        Chart("By age", [Bar(_band_label(lo, hi), counts[f"a_{lo}"], total) for lo, hi in AGE_BANDS]),
        Chart("Products held (the rest do not hold it)", products),
    ]


@dataclass(frozen=True)
class BookOverview:
    total: int
    segments: Chart
    interests: Chart
    penetration: Chart
    not_contacted: int
    not_contacted_days: int = NOT_CONTACTED_DAYS


def book_overview(*, user) -> BookOverview:
    """``user``'s book: by segment, top interests, product penetration against the whole bank's,
    and how many have not been contacted in ``NOT_CONTACTED_DAYS`` days. The bank's shares are
    bank-wide totals only: no customer outside the book is shown."""
    cutoff = date.today() - timedelta(days=NOT_CONTACTED_DAYS)
    stale = Q(last_contact_date__isnull=True) | Q(last_contact_date__lt=cutoff)
    aggregates = {"total": Count("pk"), "stale": Count("pk", filter=stale)}
    for segment in Segment:
        aggregates[f"s_{segment.value}"] = Count("pk", filter=Q(segment=segment.value))
    for interest in Interest:
        aggregates[f"i_{interest.value}"] = Count("pk", filter=Q(interests__contains=[interest.value]))
    product_counts = {
        f"p_{product.value}": Count("pk", filter=Q(products__contains=[product.value])) for product in Product
    }
    book = customers_visible_to(user).order_by().aggregate(**aggregates, **product_counts)
    bank = Customer.objects.order_by().aggregate(total=Count("pk"), **product_counts)
    total = book["total"]
    interests = sorted(
        (Bar(i.label, book[f"i_{i.value}"], total) for i in Interest), key=lambda bar: (-bar.count, bar.label)
    )
    penetration = [
        Bar(
            p.label,
            book[f"p_{p.value}"],
            total,
            compare=bank[f"p_{p.value}"] / bank["total"] if bank["total"] else 0.0,
        )
        for p in Product
    ]
    penetration.sort(key=lambda bar: (-bar.share, bar.label))
    return BookOverview(
        total=total,
        segments=Chart("Customers by segment", [Bar(s.label, book[f"s_{s.value}"], total) for s in Segment]),
        interests=Chart("Top interests", [bar for bar in interests[:TOP_INTERESTS] if bar.count]),
        penetration=Chart("Product penetration", penetration, compare_label="the bank's average"),
        not_contacted=book["stale"],
    )
