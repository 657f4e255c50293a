"""Form rendering helpers: every widget is tied to its label, help text and
error message (aria-describedby, aria-invalid) and gets NL Design System classes."""

from django import forms, template

register = template.Library()

CHECKABLE = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)


def widget_class(widget):
    if isinstance(widget, forms.CheckboxInput):
        return "utrecht-checkbox utrecht-checkbox--html-input"
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return ""
    if isinstance(widget, forms.Select):
        return "utrecht-select utrecht-select--html-select"
    if isinstance(widget, forms.Textarea):
        return "utrecht-textarea utrecht-textarea--html-textarea"
    if isinstance(widget, forms.FileInput):
        return ""
    return "utrecht-textbox utrecht-textbox--html-input"


@register.filter
def is_checkbox(field):
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.simple_tag
def render_widget(field):
    widget = field.field.widget
    attrs = {}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    css = widget_class(widget)
    existing = widget.attrs.get("class", "")
    if css:
        attrs["class"] = f"{existing} {css}".strip()
    return field.as_widget(attrs=attrs)
