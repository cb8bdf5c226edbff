"""The RM's lead-list pages: save a search as a list, the lists, a list worked entry by entry.

A bad form re-renders its page with the errors and answers 400; only the owner changes a list
(a team lead reads it: 403 on a write); a list the user does not see is a 404.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from customers import audit
from customers.access import can_change_customers
from customers.apis import can_see_pii
from customers.models import AuditAction
from leads import exports, selectors, services
from leads.forms import BulkStatusForm, EntryForm, SaveListForm
from leads.models import EntryStatus, LeadList
from search.views import SearchPageView, run_page_search

PAGE_SIZE = 100


def _is_page_number(value: str) -> bool:
    return value.isascii() and value.isdigit() and 0 < len(value) < 8 and int(value) > 0


def _page_number(request) -> int:
    value = request.GET.get("page", "1")
    return int(value) if _is_page_number(value) else 1


def list_page_context(request, lead_list: LeadList, *, page: int = 1, **extra) -> dict:
    entries = Paginator(selectors.list_entries(lead_list=lead_list), PAGE_SIZE).get_page(page)
    views = selectors.entry_views(lead_list=lead_list, user=request.user, entries=list(entries))
    conditions = (lead_list.interpretation or {}).get("filters", [])
    return {
        "lead_list": lead_list,
        "progress": selectors.list_progress(lead_list=lead_list, user=request.user),
        "entries": views,
        "page": entries,
        "conditions": [c.get("label", "") for c in conditions if isinstance(c, dict)],
        "may_change": selectors.may_change(lead_list=lead_list, user=request.user),
        "statuses": EntryStatus.choices,
        "show_pii": can_see_pii(request.user),
        "left_label": selectors.LEFT_THE_BOOK,
        "errors": {},
        **extra,
    }


def _render_list(request, lead_list: LeadList, *, status: int = 200, **extra):
    context = list_page_context(request, lead_list, page=_page_number(request), **extra)
    audit.record(
        request=request,
        action=AuditAction.LIST,
        filters={"lead_list": lead_list.pk},
        customer_ids=[v.customer_id for v in context["entries"] if v.in_book],
    )
    return render(request, "leads/detail.html", context, status=status)


def _back_to(lead_list: LeadList, request, anchor: str = "") -> HttpResponseRedirect:
    url = reverse("leads:detail", args=[lead_list.pk])
    page = _page_number(request)
    return HttpResponseRedirect(url + (f"?page={page}" if page > 1 else "") + anchor)


class LeadListIndexView(LoginRequiredMixin, TemplateView):
    template_name = "leads/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lists"] = selectors.lead_list_progress(self.request.user)
        return context


class LeadListPageView(LoginRequiredMixin, View):
    def get(self, request, pk: int):
        lead_list = selectors.lead_list_for(user=request.user, pk=pk)
        if not _is_page_number(request.GET.get("page", "1")):
            messages.info(request, "That is not a page number; showing page 1.")
        return _render_list(request, lead_list)


class SaveSearchAsListView(LoginRequiredMixin, View):
    """Posted from the search page, whose query string it keeps: the same search, saved."""

    def post(self, request):
        if not can_change_customers(request.user):
            raise PermissionDenied("Your role reads only.")
        form = SaveListForm(request.POST, owner=request.user)
        if not form.is_valid():
            return self._search_page(request, form)
        search = run_page_search(request)
        if search.outcome is None:
            return self._search_page(request, form)
        filters = search.filter_params
        saved_filters = {key: values if len(values) > 1 else values[0] for key, values in filters.lists()}
        if request.GET.getlist("ignore"):
            saved_filters["ignore"] = request.GET.getlist("ignore")
        try:
            lead_list = services.lead_list_save_outcome(
                owner=request.user,
                name=form.cleaned_data["name"],
                outcome=search.outcome,
                filters=saved_filters,
            )
        except ValidationError as error:
            for field, field_errors in error.message_dict.items():
                if field in form.fields:
                    form.add_error(field, field_errors)
                else:  # the search itself: no results, so no save form is on the page to show it
                    for message in field_errors:
                        messages.error(request, message)
            return self._search_page(request, form)
        audit.record(
            request=request,
            action=AuditAction.LEAD_LIST_SAVE,
            query=lead_list.query,
            filters={"lead_list": lead_list.pk, "name": lead_list.name},
            customer_ids=[r.customer.pk for r in search.outcome.results],
        )
        return HttpResponseRedirect(reverse("leads:detail", args=[lead_list.pk]))

    def _search_page(self, request, form: SaveListForm):
        page = SearchPageView()
        page.setup(request)
        context = page.get_context_data()
        context.update(save_form=form, save_errors=[e for errors in form.errors.values() for e in errors])
        return render(request, page.template_name, context, status=400)


class EntryUpdateView(LoginRequiredMixin, View):
    def post(self, request, pk: int, customer_id: int):
        lead_list = selectors.lead_list_for(user=request.user, pk=pk, to_change=True)
        entry = selectors.entry_in_view(lead_list=lead_list, user=request.user, customer_id=customer_id)
        if entry is None:
            return _render_list(
                request,
                lead_list,
                status=404,
                errors={"customer": [f"No customer {customer_id} on this list."]},
            )
        form = EntryForm(request.POST)
        if not form.is_valid():
            return _render_list(request, lead_list, status=400, errors=form.errors)
        with transaction.atomic():
            changed = services.entry_update(entry=entry, data=form.cleaned_data)
            audit.record(
                request=request,
                action=AuditAction.LEAD_LIST_UPDATE,
                filters={"lead_list": lead_list.pk},
                customer_ids=[customer_id],
                changed_fields=changed,
            )
        return _back_to(lead_list, request, f"#entry-{entry.position}")


class BulkStatusView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        lead_list = selectors.lead_list_for(user=request.user, pk=pk, to_change=True)
        form = BulkStatusForm(request.POST)
        if not form.is_valid():
            return _render_list(request, lead_list, status=400, errors=form.errors)
        ids = form.cleaned_data["customer_ids"]
        try:
            with transaction.atomic():
                services.entries_set_status(
                    lead_list=lead_list,
                    user=request.user,
                    customer_ids=ids,
                    status=form.cleaned_data["status"],
                )
                audit.record(
                    request=request,
                    action=AuditAction.LEAD_LIST_UPDATE,
                    filters={"lead_list": lead_list.pk},
                    customer_ids=ids,
                    changed_fields=["status"],
                )
        except services.CustomerNotInBook as error:
            message = f"No customer {error.customer_id} on this list in your book; nothing was changed."
            return _render_list(request, lead_list, status=404, errors={"customer_ids": [message]})
        return _back_to(lead_list, request)


class LeadListExportView(LoginRequiredMixin, View):
    def get(self, request, pk: int):
        lead_list = selectors.lead_list_for(user=request.user, pk=pk)
        out, ids = exports.lead_list_csv(lead_list=lead_list, user=request.user)
        response = out.response(filename=exports.export_filename(lead_list))
        audit.record(
            request=request, action=AuditAction.EXPORT, filters={"lead_list": lead_list.pk}, customer_ids=ids
        )
        return response
