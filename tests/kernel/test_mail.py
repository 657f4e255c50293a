"""The one mail helper: Dutch, a plain and an HTML part, attachments, absolute links."""

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import translation

from glashelder.kernel.mail import absolute, send_templated_mail


@override_settings(WAGTAILADMIN_BASE_URL="https://glashelder.example/")
def test_absolute_links_use_the_public_address():
    assert absolute("/mijn/") == "https://glashelder.example/mijn/"


def test_a_message_has_a_dutch_subject_plain_and_html_part_and_attachments():
    context = {"subject": 'Raad & rekenkamer: "vragen"', "paragraphs": ["Eerste <alinea> & meer."], "action": None}
    with translation.override("en"):
        send_templated_mail(
            "enrolment/email/message", context, ["lid@example.org", ""],
            attachments=[("bijlage.pdf", b"%PDF-1.4", "application/pdf")],
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lid@example.org"]
    # Text is not HTML: subject and plain part are not escaped; the HTML part is.
    assert message.subject == 'Raad & rekenkamer: "vragen"'
    assert "Beste deelnemer," in message.body and "Eerste <alinea> & meer." in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Eerste &lt;alinea&gt; &amp; meer." in html
    assert message.attachments == [("bijlage.pdf", b"%PDF-1.4", "application/pdf")]


def test_no_recipient_sends_nothing():
    assert send_templated_mail("enrolment/email/message", {"subject": "x", "paragraphs": []}, ["", None]) is None
    assert mail.outbox == []


@pytest.mark.django_db
def test_bcc_recipients_do_not_see_each_other():
    context = {"subject": "Onderwerp", "paragraphs": [], "action": None}
    message = send_templated_mail("enrolment/email/message", context, ["noreply@example.org"], bcc=["a@example.org", "b@example.org"])
    assert message.to == ["noreply@example.org"] and message.bcc == ["a@example.org", "b@example.org"]
    assert "a@example.org" not in str(message.message())
