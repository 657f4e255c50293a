"""StreamField blocks for the lessons of a module."""

import re
from urllib.parse import parse_qs, urlparse

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


def video_player_src(url):
    """The privacy-friendly player address for a YouTube or Vimeo URL, or None.

    Built locally instead of through an oEmbed request, so lessons render offline
    and the player comes from the hosts the Content-Security-Policy allows
    (youtube-nocookie.com, player.vimeo.com). Anything else is shown as a link.
    """
    if not url:
        return None
    parsed = urlparse(str(url))
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    video_id = None
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            video_id = (parse_qs(parsed.query).get("v") or [None])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parsed.path.split("/")[2]
    elif host == "youtu.be":
        video_id = parsed.path.lstrip("/").split("/")[0]
    if video_id and _YOUTUBE_ID.match(video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}"
    if host in {"vimeo.com", "player.vimeo.com"}:
        number = next((part for part in parsed.path.split("/") if part.isdigit()), None)
        if number:
            return f"https://player.vimeo.com/video/{number}"
    return None


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("video-URL"), help_text=_("Bijvoorbeeld een YouTube- of Vimeo-adres."))
    title = blocks.CharBlock(label=_("titel van de video"), required=False)
    transcript = blocks.TextBlock(label=_("uitgeschreven tekst"), required=False)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        url = getattr(value.get("video"), "url", None) or ""
        context["video_url"] = url
        context["player_src"] = video_player_src(url)
        return context

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    description = blocks.CharBlock(label=_("omschrijving"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document om te downloaden")
        template = "courses/blocks/document.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("vraag"))
    options = blocks.ListBlock(blocks.CharBlock(label=_("antwoord")), label=_("antwoordmogelijkheden"), min_num=2)
    correct_option = blocks.IntegerBlock(
        label=_("juiste antwoord"), min_value=1, help_text=_("Het nummer van het juiste antwoord, beginnend bij 1.")
    )
    feedback = blocks.TextBlock(label=_("toelichting bij een fout antwoord"))

    class Meta:
        icon = "help"
        label = _("Vraag")


class KnowledgeCheckBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titel"), default=_("Kennischeck"))
    questions = blocks.ListBlock(QuestionBlock(), label=_("vragen"), min_num=1)

    class Meta:
        icon = "tasks"
        label = _("Kennischeck (meerkeuze)")
        template = "courses/blocks/knowledge_check.html"


class ReflectionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("reflectievraag"))

    class Meta:
        icon = "openquote"
        label = _("Reflectievraag")
        template = "courses/blocks/reflection.html"


class LessonContentBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(label=_("tekst"), features=RICH_TEXT_FEATURES)
    video = VideoBlock()
    document = DocumentBlock()
    knowledge_check = KnowledgeCheckBlock()
    reflection = ReflectionBlock()


class LessonBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titel van de les"))
    content = LessonContentBlock(label=_("inhoud"))

    class Meta:
        icon = "list-ol"
        label = _("Les")
