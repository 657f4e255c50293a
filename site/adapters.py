from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up is open to everyone: holding an office is verified separately by the griffie."""

    def is_open_for_signup(self, request):
        return True
