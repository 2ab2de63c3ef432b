from __future__ import annotations

from datetime import date

from interviews.importing import AlignedExchange, AlignedInterview, to_json_dict


def interview(**changes) -> AlignedInterview:
    fields = {
        "original": "fr",
        "title": {"fr": "« Titre »", "en": "“Title”"},
        "standfirst": {"fr": "Chapeau.", "en": ""},
        "outlet": "L'opinion",
        "published_on": date(2024, 10, 5),
        "interviewees": ["Redouane El Haloui"],
        "interviewer": "Anne Roy",
        "source_url": "https://example.org/a",
        "exchanges": [
            AlignedExchange(
                question={"fr": "Pourquoi ?", "en": "Why?"},
                answer={"fr": ["Parce que.", "Voilà."], "en": ["Because.", "There."]},
            )
        ],
        "warnings": ["a warning"],
        **changes,
    }
    return AlignedInterview(**fields)


def test_to_json_dict_has_the_contract_shape():
    assert to_json_dict(interview()) == {
        "title": {"fr": "« Titre »", "en": "“Title”"},
        "standfirst": {"fr": "Chapeau.", "en": ""},
        "outlet": "L'opinion",
        "published_on": "2024-10-05",
        "interviewees": ["Redouane El Haloui"],
        "exchanges": [
            {
                "question": {"fr": "Pourquoi ?", "en": "Why?"},
                "answer": {"fr": ["Parce que.", "Voilà."], "en": ["Because.", "There."]},
            }
        ],
    }


def test_to_json_dict_writes_unknown_date_and_outlet_as_null():
    data = to_json_dict(interview(published_on=None, outlet=None))

    assert (data["published_on"], data["outlet"]) == (None, None)
