"""What the database guarantees, what ``lead_list_progress`` tells a "My book" page, and to whom
``lead_list_for`` hands a list."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404

from customers.models import Customer
from leads import services
from leads.models import LeadList, LeadListEntry
from leads.selectors import lead_list_for, lead_list_progress
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db


def test_the_database_refuses_an_unknown_status_a_taken_name_and_a_customer_twice(user, picked):
    lead_list = services.lead_list_create(owner=user, name="Calls", customer_ids=[c.pk for c in picked])
    with pytest.raises(IntegrityError), transaction.atomic():
        LeadListEntry.objects.filter(lead_list=lead_list).update(status="maybe")
    with pytest.raises(IntegrityError), transaction.atomic():
        LeadList.objects.create(owner=user, name="CALLS")
    with pytest.raises(IntegrityError), transaction.atomic():
        LeadListEntry.objects.create(lead_list=lead_list, customer=picked[0], position=9)
    with pytest.raises(IntegrityError), transaction.atomic():
        LeadListEntry.objects.create(lead_list=lead_list, customer=CustomerFactory(), position=1)


def test_progress_counts_the_book_and_a_team_lead_sees_the_teams(user, picked, team_lead, other_rm):
    mine = services.lead_list_create(owner=user, name="Calls", customer_ids=[c.pk for c in picked])
    theirs = services.lead_list_create(
        owner=other_rm, name="Theirs", customer_ids=[CustomerFactory(relationship_manager=other_rm).pk]
    )
    services.entries_set_status(lead_list=mine, user=user, customer_ids=[picked[0].pk], status="converted")
    services.entries_set_status(
        lead_list=mine, user=user, customer_ids=[picked[1].pk], status="not_interested"
    )
    Customer.objects.filter(pk=picked[2].pk).update(relationship_manager=other_rm)

    (progress,) = lead_list_progress(user)
    assert progress.lead_list == mine
    assert (progress.entries, progress.in_book, progress.left_book) == (3, 2, 1)
    assert (progress.called, progress.converted) == (2, 1)
    assert [p.lead_list for p in lead_list_progress(team_lead)] == [mine]
    assert [p.lead_list for p in lead_list_progress(other_rm)] == [theirs]


def test_a_list_is_found_for_its_owner_read_by_a_team_lead_and_hidden_from_others(
    user, picked, team_lead, other_rm
):
    mine = services.lead_list_create(owner=user, name="Calls", customer_ids=[c.pk for c in picked])
    assert lead_list_for(user=user, pk=mine.pk, to_change=True) == mine
    assert lead_list_for(user=team_lead, pk=mine.pk) == mine
    with pytest.raises(PermissionDenied, match="owner works it"):
        lead_list_for(user=team_lead, pk=mine.pk, to_change=True)
    for pk in (mine.pk, mine.pk + 1000):
        with pytest.raises(Http404):
            lead_list_for(user=other_rm, pk=pk)
