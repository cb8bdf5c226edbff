"""The relationship manager's pages: search and the customer profile."""

from dataclasses import dataclass

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from customers import audit
from customers.apis import can_see_pii
from customers.filters import CustomerFilter
from customers.models import AuditAction
from customers.selectors import InvalidFilters, customers_visible_to
from search.examples import SAMPLE_QUERIES
from search.forms import PAGE_FILTERS, PAGE_PARAMS, SearchForm, filters_for_condition
from search.parsing import Condition
from search.selectors import NotEmbedded, search_customers, similar_customers


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


class SearchPageView(LoginRequiredMixin, TemplateView):
    template_name = "search/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        form = SearchForm(params or None)
        filter_params = params.copy()
        for name in PAGE_PARAMS:
            filter_params.pop(name, None)
        filterset = CustomerFilter(data=filter_params or None, allowed_extra=())
        outcome, filter_errors = None, {}
        if form.is_valid():
            try:
                outcome = search_customers(
                    user=self.request.user,
                    query=form.cleaned_data["q"],
                    filters=filter_params,
                    limit=form.cleaned_data["limit"] or 20,
                    parse=params.get("parse") != "0",
                    ignore=params.getlist("ignore"),
                )
            except InvalidFilters as error:
                filter_errors = error.errors
            else:
                audit.record(
                    request=self.request,
                    action=AuditAction.SEARCH,
                    query=form.cleaned_data["q"],
                    filters=_with_ignored(filter_params, params.getlist("ignore")),
                    customer_ids=[r.customer.pk for r in outcome.results],
                )
        chips, relaxations = [], []
        if outcome:
            interpretation = outcome.interpretation
            chips = [_chip(params, c) for c in interpretation.conditions + interpretation.signals]
            relaxations = [(r, _url(_without(params, r.condition))) for r in outcome.relaxations]
        context.update(
            form=form,
            filter_fields=[filterset.form[name] for name in PAGE_FILTERS],
            filter_errors=filter_errors,
            has_filters=bool(filter_params),
            outcome=outcome,
            results=outcome.results if outcome else None,
            chips=chips,
            relaxations=relaxations,
            ignored=params.getlist("ignore"),
            samples=SAMPLE_QUERIES,
            show_pii=can_see_pii(self.request.user),
        )
        return context


class CustomerDetailView(LoginRequiredMixin, TemplateView):
    template_name = "search/customer.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        customer = get_object_or_404(customers_visible_to(self.request.user), pk=kwargs["pk"])
        try:
            similar = similar_customers(user=self.request.user, customer=customer, limit=5)
        except NotEmbedded:
            similar = None
        audit.record(request=self.request, action=AuditAction.VIEW, customer_ids=[customer.pk])
        context.update(customer=customer, similar=similar, show_pii=can_see_pii(self.request.user))
        return context
