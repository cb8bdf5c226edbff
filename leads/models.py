"""Lead lists: an RM's named list of customers to call, kept in order, with each call's outcome."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.functions import Lower

from customers.models import Customer

NAME_MAX_LENGTH = 120
NOTE_MAX_LENGTH = 2000


class EntryStatus(models.TextChoices):
    TO_CALL = "to_call", "To call"
    CALLED = "called", "Called"
    INTERESTED = "interested", "Interested"
    NOT_INTERESTED = "not_interested", "Not interested"
    CONVERTED = "converted", "Converted"


class LeadList(models.Model):
    """A saved search's results, or customers picked by hand, as a named list of its owner's.

    ``query`` and ``interpretation`` are empty for a picked list. ``filters``: the explicit
    filters and ignored conditions the search ran with, so that the list says what it was.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lead_lists")
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    query = models.TextField(blank=True)
    interpretation = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    filters = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint("owner", Lower("name"), name="leads_list_name_unique_per_owner"),
            models.CheckConstraint(condition=~models.Q(name=""), name="leads_list_name_not_blank"),
        ]

    def __str__(self) -> str:
        return self.name


class LeadListEntry(models.Model):
    """One customer on a list, at its place in the order, with the RM's progress on them.

    ``customer`` is null once the customer is deleted; an entry whose customer left the owner's
    book stays, shown as such (``leads.selectors``), so that positions and counts keep their meaning.
    """

    lead_list = models.ForeignKey(LeadList, on_delete=models.CASCADE, related_name="entries")
    customer = models.ForeignKey(
        Customer, on_delete=models.SET_NULL, null=True, related_name="lead_list_entries"
    )
    position = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=EntryStatus.choices, default=EntryStatus.TO_CALL)
    note = models.TextField(blank=True, max_length=NOTE_MAX_LENGTH)
    note_date = models.DateField(null=True, blank=True)
    next_contact_date = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["lead_list", "position"]
        constraints = [
            models.UniqueConstraint(fields=["lead_list", "position"], name="leads_entry_position_unique"),
            models.UniqueConstraint(fields=["lead_list", "customer"], name="leads_entry_customer_unique"),
            models.CheckConstraint(
                condition=models.Q(status__in=EntryStatus.values), name="leads_entry_status_valid"
            ),
            models.CheckConstraint(condition=models.Q(position__gte=1), name="leads_entry_position_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.lead_list} #{self.position}"
