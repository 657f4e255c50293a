"""A model field that stores a set of choices as a comma-separated string.

Portable between SQLite (development) and PostgreSQL, filterable with
`<field>__regex` through `MultipleChoiceField.lookup_for`.
"""

from django import forms
from django.db import models


class MultipleChoiceField(models.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None or value == "":
            return []
        if isinstance(value, list | tuple | set):
            return list(value)
        return [item for item in value.split(",") if item]

    def get_prep_value(self, value):
        if isinstance(value, list | tuple | set):
            return ",".join(str(v) for v in value)
        return value or ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        valid = {str(key) for key, _ in self.flatchoices}
        for item in value or []:
            if item not in valid:
                raise forms.ValidationError(self.error_messages["invalid_choice"], params={"value": item})
        if not self.blank and not value:
            raise forms.ValidationError(self.error_messages["blank"])

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.choices,
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
        }
        defaults.update(kwargs)
        return forms.TypedMultipleChoiceField(
            **{k: v for k, v in defaults.items() if k not in {"form_class", "choices_form_class", "coerce", "empty_value", "max_length"}}
        )

    def check(self, **kwargs):
        return [e for e in super().check(**kwargs) if e.id != "fields.E005"]

    @staticmethod
    def lookup_for(field_name, value):
        """A filter dict matching rows whose set contains `value`."""
        return {f"{field_name}__regex": rf"(^|,){value}(,|$)"}
