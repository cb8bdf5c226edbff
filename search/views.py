"""The relationship manager's pages: search (and judging its results), the customer profile and
their book."""

import time
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views import View
from django.views.generic import TemplateView

from bankcrm import exports, safe_csv
from customers import audit
from customers.access import can_change_customers
from customers.apis import can_see_pii
from customers.filters import CustomerFilter
from customers.models import AuditAction
from customers.selectors import InvalidFilters, customers_visible_to
from customers.serializers import CustomerOutputSerializer
from leads.selectors import lead_list_progress
from search.charts import book_overview, split_charts
from search.conditions import Condition
from search.examples import SAMPLE_QUERIES
from search.forms import PAGE_FILTERS, PAGE_PARAMS, FeedbackForm, SearchForm, filters_for_condition
from search.models import SearchVia
from search.monitoring import log_search
from search.next_products import next_products
from search.selectors import (
    MAX_LIMIT,
    NotEmbedded,
    SearchOutcome,
    matching_customers,
    search_customers,
    similar_customers,
)
from search.services import record_feedback
from search.suggestions import suggestions_for


@dataclass(frozen=True)
class Chip:
    """A condition read from the question, with links that search again without it or edit it."""

    condition: Condition
    remove_url: str
    edit_url: str | None


def _url(params: QueryDict) -> str:
    return "?" + params.urlencode()


def _without(params: QueryDict, condition: Condition) -> QueryDict:
    params = params.copy()
    params.setlist("ignore", [*params.getlist("ignore"), condition.key])
    return params


def _chip(params: QueryDict, condition: Condition) -> Chip:
    removed = _without(params, condition)
    edit = filters_for_condition(condition)
    edit_url = None
    if edit:
        edited = removed.copy()
        for name, values in edit.items():
            edited.setlist(name, values)
        edit_url = _url(edited) + "#filters"
    return Chip(condition, _url(removed), edit_url)


def _with_ignored(filters: QueryDict, ignore: list[str]) -> QueryDict:
    filters = filters.copy()
    if ignore:
        filters.setlist("ignore", ignore)
    return filters


@dataclass
class PageSearch:
    """The search the page's query string asks for, run once and put on the audit trail."""

    form: SearchForm
    filter_params: QueryDict
    outcome: SearchOutcome | None = None
    filter_errors: dict = field(default_factory=dict)


def run_page_search(request, *, action: str | None = AuditAction.SEARCH) -> PageSearch:
    """``action`` None: the caller records the search once its result is delivered (an export)."""
    params = request.GET
    search = PageSearch(form=SearchForm(params or None), filter_params=params.copy())
    for name in PAGE_PARAMS:
        search.filter_params.pop(name, None)
    if not search.form.is_valid():
        return search
    started = time.perf_counter()
    try:
        search.outcome = search_customers(
            user=request.user,
            query=search.form.cleaned_data["q"],
            filters=search.filter_params,
            limit=search.form.ranked,
            parse=params.get("parse") != "0",
            ignore=params.getlist("ignore"),
        )
    except InvalidFilters as error:
        search.filter_errors = error.errors
        return search
    duration_ms = (time.perf_counter() - started) * 1000
    if action is not None:
        record_page_search(request, search, action=action)
    if action == AuditAction.SEARCH:
        log_search(user=request.user, outcome=search.outcome, duration_ms=duration_ms, via=SearchVia.PAGE)
    return search


def record_page_search(request, search: PageSearch, *, action: str) -> None:
    audit.record(
        request=request,
        action=action,
        query=search.form.cleaned_data["q"],
        filters=_with_ignored(search.filter_params, request.GET.getlist("ignore")),
        customer_ids=[r.customer.pk for r in search.outcome.results],
    )


class SearchPageView(LoginRequiredMixin, TemplateView):
    template_name = "search/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        search = run_page_search(self.request)
        outcome = search.outcome
        filterset = CustomerFilter(data=search.filter_params or None, allowed_extra=())
        chips, relaxations = [], []
        if outcome:
            interpretation = outcome.interpretation
            chips = [_chip(params, c) for c in interpretation.conditions + interpretation.signals]
            relaxations = [(r, _url(_without(params, r.condition))) for r in outcome.relaxations]
            context.update(self._pages(search, params))
        context.update(
            form=search.form,
            filter_fields=[filterset.form[name] for name in PAGE_FILTERS],
            filter_errors=search.filter_errors,
            has_filters=bool(search.filter_params),
            outcome=outcome,
            results=outcome.results if outcome else None,
            chips=chips,
            relaxations=relaxations,
            ignored=params.getlist("ignore"),
            suggestions=suggestions_for(user=self.request.user) if outcome is None else [],
            samples=SAMPLE_QUERIES,
            show_pii=can_see_pii(self.request.user),
            can_judge=can_change_customers(self.request.user),
            page_url=self.request.get_full_path(),
            export_url=reverse("search:export") + "?" + params.urlencode(),
        )
        return context

    def _pages(self, search: PageSearch, params: QueryDict) -> dict:
        """How many customers meet the hard conditions, how they split, and this page of the best."""
        form, outcome = search.form, search.outcome
        matching = matching_customers(
            user=self.request.user,
            interpretation=outcome.interpretation,
            filters=search.filter_params,
        )
        total, charts = split_charts(matching)
        size = form.page_size
        number = min(form.page_number, max(1, -(-len(outcome.results) // size)))  # past the end: the last
        start = (number - 1) * size
        shown = outcome.results[start : start + size]

        def page_url(page: int) -> str:
            moved = params.copy()
            moved["page"] = str(page)
            return _url(moved)

        more = start + size < min(total, MAX_LIMIT) and len(outcome.results) >= start + size
        return {
            "total": total,
            "charts": charts if total else [],
            "page_results": shown,
            "first_rank": start + 1,
            "last_rank": start + len(shown),
            "page_size": size,
            "page_number": number,
            "ranked_cap": MAX_LIMIT,
            "next_url": page_url(number + 1) if more else None,
            "previous_url": page_url(number - 1) if number > 1 else None,
        }


class BookView(LoginRequiredMixin, TemplateView):
    """The RM's book at a glance: segments, interests, product penetration, who is waiting for a call."""

    template_name = "search/book.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        overview = book_overview(user=self.request.user)
        question = f"customers not contacted in the last {overview.not_contacted_days} days"
        context.update(
            overview=overview,
            not_contacted_url=reverse("search:search") + "?" + urlencode({"q": question}),
            suggestions=suggestions_for(user=self.request.user),
            lead_lists=lead_list_progress(self.request.user),
        )
        return context


def _plain_bad_request(errors) -> HttpResponseBadRequest:
    # Plain text: the message quotes parameter names, which are the caller's to choose.
    return HttpResponseBadRequest(
        "; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()) or "Bad request",
        content_type="text/plain; charset=utf-8",
    )


class SearchFeedbackView(LoginRequiredMixin, View):
    """A thumbs up or down posted by the search page's form; back to the results after."""

    def post(self, request):
        if not can_change_customers(request.user):
            raise PermissionDenied("Compliance reads only.")
        form = FeedbackForm(request.POST)
        if not form.is_valid():
            return _plain_bad_request(form.errors)
        data = form.cleaned_data
        customer = get_object_or_404(customers_visible_to(request.user), pk=data["customer"])
        record_feedback(
            actor=request.user,
            customer=customer,
            query=data["q"],
            useful=data["useful"],
            reason=data["reason"],
        )
        messages.success(
            request, f"Thank you: {customer.full_name} marked {'' if data['useful'] else 'not '}useful."
        )
        back = data["next"]
        if not (
            back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
        ):
            back = reverse("search:search") + "?" + urlencode({"q": data["q"]})
        return redirect(back)


EXPORT_COLUMNS = [
    "rank", "id", "external_id", "first_name", "last_name", "email", "phone", "age", "city", "state",
    "occupation", "credit_score", "segment", "preferred_channel", "products", "reasons",
]  # fmt: skip


class SearchExportView(LoginRequiredMixin, View):
    """The page's results as CSV, a call list: the same search, PII masked as on the page."""

    def get(self, request):
        search = run_page_search(request, action=None)
        if search.outcome is None:
            return _plain_bad_request({**search.form.errors, **search.filter_errors})
        rows = CustomerOutputSerializer(context={"show_pii": can_see_pii(request.user)})
        out = exports.ExportFile()
        writer = safe_csv.writer(out)
        writer.writerow(EXPORT_COLUMNS)
        for rank, result in enumerate(search.outcome.results, start=1):
            data = rows.to_representation(result.customer)
            writer.writerow(
                [rank]
                + [data[name] for name in EXPORT_COLUMNS[1:-2]]
                + [";".join(data["products"]), " | ".join(result.reasons)]
            )
        response = out.response(filename="customers-search.csv")  # a full disk stops here: no event
        record_page_search(request, search, action=AuditAction.EXPORT)
        return response


class CustomerDetailView(LoginRequiredMixin, TemplateView):
    template_name = "search/customer.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        customer = get_object_or_404(customers_visible_to(self.request.user), pk=kwargs["pk"])
        try:
            similar = similar_customers(user=self.request.user, customer=customer, limit=5)
            offers = next_products(user=self.request.user, customer=customer)
        except NotEmbedded:
            similar = offers = None
        audit.record(request=self.request, action=AuditAction.VIEW, customer_ids=[customer.pk])
        context.update(
            customer=customer, similar=similar, offers=offers, show_pii=can_see_pii(self.request.user)
        )
        return context
