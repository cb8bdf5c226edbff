from django import forms
from django.core.exceptions import ValidationError

from bankcrm import text_rules
from leads import services
from leads.models import NAME_MAX_LENGTH, NOTE_MAX_LENGTH, EntryStatus


class SaveListForm(forms.Form):
    """The search page's "Save as list"."""

    name = forms.CharField(
        label="List name", max_length=NAME_MAX_LENGTH, strip=True, validators=[text_rules.visible_name]
    )

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        try:
            services.check_name_free(owner=self.owner, name=name)
        except ValidationError as error:
            raise forms.ValidationError(error.message_dict["name"]) from error
        return name


class EntryForm(forms.Form):
    status = forms.ChoiceField(choices=EntryStatus.choices)
    note = forms.CharField(
        max_length=NOTE_MAX_LENGTH, required=False, strip=True, validators=[text_rules.multi_line_text]
    )
    next_contact_date = forms.DateField(required=False, validators=[services.next_contact_date_in_range])


class CustomerIdsField(forms.Field):
    """Ticked customers: ``customer_ids`` repeated, each a whole number in ASCII digits, each once."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        values = value or []
        if len(values) > services.MAX_LIST_CUSTOMERS:
            raise forms.ValidationError(f"At most {services.MAX_LIST_CUSTOMERS:,} customers at a time.")
        if not all(isinstance(v, str) and v.isascii() and v.isdigit() and len(v) < 20 for v in values):
            raise forms.ValidationError("Customer ids are whole numbers.")
        ids = [int(v) for v in values]
        if any(not 1 <= i < 2**63 for i in ids):
            raise forms.ValidationError("Customer ids are whole numbers.")
        seen: set[int] = set()
        for customer_id in ids:
            if customer_id in seen:
                raise forms.ValidationError(f"Customer {customer_id} is named more than once.")
            seen.add(customer_id)
        return ids

    def validate(self, value) -> None:
        if not value:
            raise forms.ValidationError("Tick at least one customer.")


class BulkStatusForm(forms.Form):
    customer_ids = CustomerIdsField()
    status = forms.ChoiceField(choices=EntryStatus.choices)
