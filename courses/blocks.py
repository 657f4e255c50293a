"""StreamField blocks for the lessons of a module."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("video-URL"), help_text=_("Bijvoorbeeld een YouTube- of Vimeo-adres."))
    transcript = blocks.TextBlock(label=_("uitgeschreven tekst"), required=False)

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
