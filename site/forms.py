from django import forms
from django.utils.translation import gettext_lazy as _

from . import privacy
from .models import User


class AccountDeleteForm(forms.Form):
    """Deleting an account is confirmed with the current password."""

    password = forms.CharField(
        label=_("Uw wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Ter bevestiging: vul het wachtwoord in waarmee u inlogt."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Dit wachtwoord klopt niet."), code="wrong_password")
        return password


class SignupNamesForm(forms.Form):
    """Extra fields on allauth's sign-up form (settings.ACCOUNT_SIGNUP_FORM_CLASS):
    the griffie needs the name to recognise an office-holder."""

    first_name = forms.CharField(label=_("Voornaam"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(label=_("Achternaam"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"}))

    def signup(self, request, user):
        privacy.user_name_change(user=user, first_name=self.cleaned_data["first_name"], last_name=self.cleaned_data["last_name"])


class NameForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name"]
        labels = {"first_name": _("Voornaam"), "last_name": _("Achternaam")}
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True
