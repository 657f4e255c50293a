"""URLs for offices: requests, invitations and the griffie's member pages (/griffie/leden/)."""

urlpatterns = []
