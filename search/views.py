"""The relationship manager's pages: search and the customer profile."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from customers.apis import can_see_pii
from customers.filters import CustomerFilter
from customers.selectors import InvalidFilters, customers_visible_to
from search.examples import SAMPLE_QUERIES
from search.forms import PAGE_FILTERS, SearchForm
from search.selectors import NotEmbedded, search_customers, similar_customers


class SearchPageView(LoginRequiredMixin, TemplateView):
    template_name = "search/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        form = SearchForm(params or None)
        filter_params = params.copy()
        for name in ("q", "limit"):
            filter_params.pop(name, None)
        filterset = CustomerFilter(data=filter_params or None, allowed_extra=())
        results, filter_errors = None, {}
        if form.is_valid():
            try:
                results = search_customers(
                    user=self.request.user,
                    query=form.cleaned_data["q"],
                    filters=filter_params,
                    limit=form.cleaned_data["limit"] or 20,
                )
            except InvalidFilters as error:
                filter_errors = error.errors
        context.update(
            form=form,
            filter_fields=[filterset.form[name] for name in PAGE_FILTERS],
            filter_errors=filter_errors,
            results=results,
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
        context.update(customer=customer, similar=similar, show_pii=can_see_pii(self.request.user))
        return context
