"""Demo offices, griffie members, office requests and invitations."""


def load(users):
    return {}
