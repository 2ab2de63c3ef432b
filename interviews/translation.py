from modeltranslation.translator import TranslationOptions, register

from .models import Exchange, Interview, Person, Topic


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("role",)


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Interview)
class InterviewTranslationOptions(TranslationOptions):
    fields = ("title", "standfirst", "translation_status", "translator")


@register(Exchange)
class ExchangeTranslationOptions(TranslationOptions):
    fields = ("question", "answer", "status", "translated_from")
