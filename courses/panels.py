"""Admin panels of the catalogue."""

from wagtail.admin.panels import Panel

from .choices import ReviewStatus


class ReviewStatusPanel(Panel):
    """Shows the outcome of the onpartijdigheidstoets (status, comment, who and when)
    at the top of the course editor, so the provider sees why a course was rejected."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/admin/review_status_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            course = self.instance
            context["course"] = course
            context["rejected"] = course.review_status == ReviewStatus.REJECTED
            approver = course.approved_by if course.approved_by_id else None
            context["approver"] = (approver.get_full_name() or approver.email) if approver else ""
            return context
