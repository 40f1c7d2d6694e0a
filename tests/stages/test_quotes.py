"""Tests for communique.stages.quotes: direct, indirect and mixed quotes with speaker and channel."""

from __future__ import annotations

from communique.article import Entity
from communique.stages.quotes import QuotesStage


def run(parsed, text: str, entities: list[Entity] | None = None):
    article = parsed(text)
    article.entities = entities or []
    return QuotesStage().process(article).quotes


def text_of(text: str, span) -> str:
    return text[span[0]:span[1]] if span else None


def entity(name: str, text: str, *words: str, kind: str = "person", eid: str = "E1") -> Entity:
    mentions = []
    for word in words:
        start = -1
        while (start := text.find(word, start + 1)) >= 0:
            mentions.append((start, start + len(word)))
    return Entity(id=eid, name=name, kind=kind, mentions=mentions)


def test_stage_declares_its_place_in_the_pipeline():
    assert QuotesStage.name == "quotes"
    assert QuotesStage.requires == ("doc", "entities")
    assert QuotesStage.assigns == ("quotes",)


def test_direct_quote_before_the_attribution(parsed):
    text = "“The harbour will stay closed until spring,” the port director said on Monday."
    (q,) = run(parsed, text)
    assert q.kind == "direct"
    assert q.text == "“The harbour will stay closed until spring,”"
    assert text_of(text, q.speaker_span) == "the port director"
    assert text_of(text, q.cue_span) == "said"
    assert q.id == "Q1"


def test_split_quote_is_one_quote_covering_both_pieces(parsed):
    text = "“We have waited long enough,” Mayor Lina Park said, “and the trains must run again.”"
    quotes = run(parsed, text)
    assert len(quotes) == 1
    assert quotes[0].text.startswith("“We have waited")
    assert quotes[0].text.endswith("run again.”")


def test_quote_running_over_paragraphs_is_one_quote(parsed):
    text = (
        "“Fishing boats will be towed to the northern pier,” the harbour master said.\n\n"
        "“Nobody will be allowed to stay on board during the storm.”\n\n"
        "The storm is expected on Thursday."
    )
    quotes = run(parsed, text)
    assert len(quotes) == 1
    assert quotes[0].text.endswith("during the storm.”")


def test_paragraph_without_closing_mark_continues_into_reopened_paragraph(parsed):
    text = (
        "The harbour master said: “Fishing boats will be towed to the northern pier.\n\n"
        "“Nobody will be allowed to stay on board.”"
    )
    quotes = run(parsed, text)
    assert len(quotes) == 1
    assert quotes[0].kind == "direct"
    assert quotes[0].text.endswith("stay on board.”")


def test_unbalanced_quote_mark_raises_nothing_and_keeps_the_quote(parsed):
    text = "“The dam will hold this winter, the engineer said on Tuesday.\n\nThe river rose again."
    quotes = run(parsed, text)
    assert quotes
    assert "dam will hold" in quotes[0].text


def test_guillemets_quote_is_direct(parsed):
    text = "« We will never sign this treaty », the foreign minister said."
    (q,) = run(parsed, text)
    assert q.kind == "direct"
    assert "never sign" in q.text


def test_single_quotes_used_as_quotes_make_a_direct_quote(parsed):
    text = "'The bridge is unsafe and must close tonight,' the city engineer said."
    (q,) = run(parsed, text)
    assert q.kind == "direct"
    assert text_of(text, q.speaker_span) == "the city engineer"


def test_indirect_quote_span_is_the_content_clause(parsed):
    text = "The health minister said that hospitals would receive more nurses next year."
    (q,) = run(parsed, text)
    assert q.kind == "indirect"
    assert q.text == "that hospitals would receive more nurses next year"


def test_fragment_quoted_inside_a_report_is_mixed(parsed):
    text = "The envoy noted that his government “firmly” rejects the new sanctions."
    q = next(q for q in run(parsed, text) if text_of(text, q.cue_span) == "noted")
    assert q.kind == "mixed"
    assert "rejects the new sanctions" in q.text


def test_belief_verbs_attribute_their_clause(parsed):
    text = "The opposition believes that the election was stolen."
    (q,) = run(parsed, text)
    assert q.text == "that the election was stolen"
    assert text_of(text, q.speaker_span) == "The opposition"


def test_headline_with_single_quoted_fragment_is_mixed(parsed):
    text = "Chile claims 'illegal' fishing near its coast harms stocks"
    quotes = run(parsed, text)
    assert len(quotes) == 1
    assert quotes[0].kind == "mixed"
    assert text_of(text, quotes[0].speaker_span) == "Chile"


def test_anonymous_source_is_kept_without_an_entity(parsed):
    text = "The ceasefire will hold, a senior official said."
    (q,) = run(parsed, text)
    assert text_of(text, q.speaker_span) == "a senior official"
    assert q.speaker is None
    assert q.text == "The ceasefire will hold"


def test_speaker_entity_comes_from_the_actor_mentions(parsed):
    text = "Governor Ana Ruiz visited the dam. She said that the repairs would cost millions."
    ruiz = entity("Ana Ruiz", text, "Governor Ana Ruiz", "She")
    (q,) = run(parsed, text, [ruiz])
    assert q.speaker == "E1"
    assert text_of(text, q.speaker_span) == "She"


def test_speaker_is_null_without_entities_but_span_is_kept(parsed):
    text = "Governor Ana Ruiz said that the repairs would cost millions."
    (q,) = run(parsed, text)
    assert q.speaker is None
    assert text_of(text, q.speaker_span) == "Governor Ana Ruiz"


def test_according_to_an_outlet_is_the_channel_of_the_said_quote(parsed):
    text = "“We are ready to talk,” the prime minister said, according to Interfax."
    quotes = run(parsed, text)
    assert len(quotes) == 1
    assert quotes[0].channel == "Interfax"
    assert text_of(text, quotes[0].channel_span) == "Interfax"


def test_according_to_a_person_is_its_own_source(parsed):
    text = "The rebels seized the airport, according to a local police chief."
    (q,) = run(parsed, text)
    assert text_of(text, q.speaker_span) == "a local police chief"
    assert q.channel is None


def test_told_outlet_is_the_channel(parsed):
    text = "The minister told Reuters, “The pipeline will be finished in March.”"
    (q,) = run(parsed, text)
    assert q.kind == "direct"
    assert q.channel == "Reuters"


def test_statement_shared_on_a_platform_names_the_platform(parsed):
    text = ("In a statement shared on Facebook before the summit, the ambassador said that "
            "it was time to end the dispute.")
    (q,) = run(parsed, text)
    assert q.channel == "Facebook"
    assert text_of(text, q.channel_span) == "Facebook"


def test_interview_with_an_outlet_names_the_outlet(parsed):
    text = "In an interview with CNN, the senator said that the bill would pass."
    (q,) = run(parsed, text)
    assert q.channel == "CNN"


def test_wrote_on_a_platform_names_the_platform(parsed):
    text = "The mayor wrote on Telegram that the water supply had been restored."
    (q,) = run(parsed, text)
    assert q.channel == "Telegram"


def test_said_in_a_statement_names_the_medium(parsed):
    text = "The central bank said in a statement that rates would stay unchanged."
    (q,) = run(parsed, text)
    assert q.channel == "statement"


def test_press_conference_names_the_medium(parsed):
    text = "The coach said at a press conference that the team was exhausted."
    (q,) = run(parsed, text)
    assert q.channel == "press conference"


def test_quote_without_a_stated_channel_has_none(parsed):
    text = "The coach said that the team was exhausted."
    (q,) = run(parsed, text)
    assert q.channel is None and q.channel_span is None


def test_quote_text_is_the_text_of_its_span(parsed):
    text = "“Prices will fall,” the trader said. The union warned that strikes would follow."
    for q in run(parsed, text):
        assert q.text == text[q.span[0]:q.span[1]]


def test_long_article_without_quotes_yields_none(parsed):
    # How fast the stage is belongs to the throughput benchmark, not to a timed test.
    paragraph = "The river runs through the valley and the farms grow wheat near the old mill."
    text = "\n\n".join([paragraph] * 200)
    article = parsed(text)
    QuotesStage().process(article)
    assert article.quotes == []


def test_article_without_a_parse_is_left_alone():
    from communique.article import Article

    article = Article(id="x", text="“Hello,” she said.")
    assert QuotesStage().process(article).quotes == []


def test_place_after_an_anonymous_speaker_is_not_the_speaker(parsed):
    text = "The bank raised its forecast, according to a spokesperson in Frankfurt."
    frankfurt = entity("Frankfurt", text, "Frankfurt", kind="place")
    (q,) = run(parsed, text, [frankfurt])
    assert q.speaker is None
    assert text_of(text, q.speaker_span).startswith("a spokesperson")


def test_bare_relative_pronoun_is_not_quote_content(parsed):
    text = "A ferry hit a tanker, which investigators blamed on fog."
    assert all(q.text.strip().lower() != "which" for q in run(parsed, text))


def test_quotes_a_headline_under_a_name_is_attributed_to_that_name(extract):
    article = extract("Carla Mendes: Ruritania Will Not Sign the Border Treaty\n\n"
                      "The foreign minister of Ruritania spoke to reporters in Lisbon on Monday.")
    quote = next(q for q in article.quotes if q.text.startswith("Ruritania Will Not Sign"))
    assert article.entity_by_id(quote.speaker).name == "Carla Mendes"
    assert article.text[slice(*quote.cue_span)] == ":"
