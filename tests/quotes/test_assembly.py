"""Tests for communique.quotes.assembly: which clauses are quotes, their kind, attribution, speaker,
cue and pieces. Every text is made up; each test reads one case a news reader would recognise."""

from __future__ import annotations

from communique.article import Entity
from communique.quotes.assembly import extract_quotes


def quotes_of(parsed, text: str, entities: list[Entity] | None = None):
    article = parsed(text)
    article.entities = entities or []
    return extract_quotes(article)


def cut(text: str, span) -> str | None:
    return text[span[0]:span[1]] if span else None


def summary(text: str, quote) -> tuple:
    """What an analyst would write down: content, kind, attribution, speaker, cue."""
    return (cut(text, quote.span), quote.kind, quote.attribution, cut(text, quote.speaker_span),
            cut(text, quote.cue_span))


def test_a_that_clause_after_said_is_an_indirect_spoken_quote(parsed):
    text = "The mayor said that the bridge would reopen in May."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("that the bridge would reopen in May", "indirect", "speech",
                                "The mayor", "said")
    assert q.pieces == [q.span]


def test_a_belief_is_a_thought_not_speech(parsed):
    text = "The finance minister believes that inflation will ease by the summer."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("that inflation will ease by the summer", "indirect", "thought",
                                "The finance minister", "believes")


def test_what_images_show_is_a_perception(parsed):
    text = "Satellite images show that the runway was badly damaged."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("that the runway was badly damaged", "indirect", "perception",
                                "Satellite images", "show")


def test_what_was_written_is_writing(parsed):
    text = "The senator wrote that the bill would not pass the chamber."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("that the bill would not pass the chamber", "indirect", "writing",
                                "The senator", "wrote")


def test_said_in_a_statement_is_writing(parsed):
    text = "The mining company said in a statement that its tunnels were safe."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("that its tunnels were safe", "indirect", "writing",
                                "The mining company", "said")
    assert q.channel == "statement"


def test_a_report_as_source_is_writing(parsed):
    text = "Grain exports fell by a tenth last year, according to a government report."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("Grain exports fell by a tenth last year", "indirect", "writing",
                                "a government report", "according to")


def test_a_noun_phrase_after_a_speech_verb_is_no_quote(parsed):
    text = ("The opposition criticised the plan on Monday. The trade union welcomed the agreement. "
            "The ministry announced a policy that will cut fuel subsidies.")
    assert quotes_of(parsed, text) == []


def test_a_promise_to_act_is_an_indirect_quote(parsed):
    text = "The company pledged to rehire every worker by the end of the year."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("to rehire every worker by the end of the year", "indirect", "speech",
                                "The company", "pledged")


def test_an_intention_is_no_quote(parsed):
    text = "The charity intends to open a new shelter in the spring, and the council plans to help."
    assert quotes_of(parsed, text) == []


def test_a_to_clause_after_a_request_is_an_indirect_quote_with_who_is_asked(parsed):
    text = "The governor urged residents to leave the coast before the storm."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("residents to leave the coast before the storm", "indirect", "speech",
                                "The governor", "urged")


def test_a_reported_question_is_an_indirect_quote(parsed):
    text = "Reporters asked whether the vote would be delayed."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("whether the vote would be delayed", "indirect", "speech",
                                "Reporters", "asked")


def test_a_heading_before_a_colon_is_not_speech(parsed):
    text = "FARM TRADE TALKS: Tariffs Rise Again As Negotiators Leave Early\n\nThe talks ended on Friday."
    assert quotes_of(parsed, text) == []


def test_a_named_speaker_before_a_colon_still_speaks(parsed):
    text = "Lina Park: The Trains Will Run Again By Spring\n\nThe mayor spoke on Friday."
    park = Entity(id="E1", name="Lina Park", kind="person", mentions=[(0, 9)])
    (q,) = quotes_of(parsed, text, [park])
    assert summary(text, q) == ("The Trains Will Run Again By Spring", "direct", "speech", "Lina Park", ":")
    assert q.speaker == "E1"


def test_a_quote_split_by_its_attribution_is_one_quote_in_two_pieces(parsed):
    text = "“We have waited long enough,” Mayor Lina Park said, “and the trains must run again.”"
    (q,) = quotes_of(parsed, text)
    first, second = "“We have waited long enough,”", "“and the trains must run again.”"
    assert [cut(text, p) for p in q.pieces] == [first, second]
    assert q.span == (0, len(text))
    assert (q.kind, q.attribution, cut(text, q.speaker_span), cut(text, q.cue_span)) == \
        ("direct", "speech", "Mayor Lina Park", "said")


def test_uk_style_single_marks_with_the_comma_outside(parsed):
    text = "‘The strike will go ahead on Monday’, the union leader said."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("‘The strike will go ahead on Monday’", "direct", "speech",
                                "the union leader", "said")


def test_a_quote_running_over_paragraphs_by_the_open_quote_convention(parsed):
    text = ("“The harbour will stay closed until the ice melts,” the port director said.\n\n"
            "“Ships already at sea will be guided to the southern pier.\n\n"
            "“Nobody will be charged for the delay.”\n\nThe port reopens in April.")
    (q,) = quotes_of(parsed, text)
    assert cut(text, q.span).endswith("charged for the delay.”")
    assert q.pieces[0] == (0, text.index(" the port director"))
    assert (q.kind, q.attribution, cut(text, q.speaker_span), cut(text, q.cue_span)) == \
        ("direct", "speech", "the port director", "said")


def test_a_that_clause_with_quoted_words_is_mixed_and_keeps_its_closing_mark(parsed):
    text = 'The embassy said in a statement that the patrols would "raise tension for no reason."'
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ('that the patrols would "raise tension for no reason."', "mixed", "writing",
                                "The embassy", "said")


def test_a_second_half_opening_with_and_joins_the_first(parsed):
    text = ('"What we owe the fishermen is the truth," the minister said, "and to say that, look, '
            'the season is shifting. The quotas are shifting."')
    (q,) = quotes_of(parsed, text)
    second = text.index('"and to say')
    assert q.pieces == [(0, text.index(" the minister")), (second, len(text))]
    assert (q.kind, q.attribution, cut(text, q.speaker_span), cut(text, q.cue_span)) == \
        ("direct", "speech", "the minister", "said")


def test_two_sentences_either_side_of_the_attribution_are_one_quote(parsed):
    text = ('“The dam will hold through the spring floods,” regional water chief Anna Berg said on Monday. '
            '“We inspected every single gate last week.”\n\nThe river rose again overnight.')
    (q,) = quotes_of(parsed, text)
    assert [cut(text, p) for p in q.pieces] == ["“The dam will hold through the spring floods,”",
                                               "“We inspected every single gate last week.”"]
    assert (q.kind, q.attribution, cut(text, q.speaker_span), cut(text, q.cue_span)) == \
        ("direct", "speech", "regional water chief Anna Berg", "said")


def test_a_reporters_apposition_closing_the_content_is_left_out(parsed):
    text = "The senator said she would not support Mr. Ruiz, the governor's favourite for the post."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("she would not support Mr. Ruiz", "indirect", "speech", "The senator", "said")


def test_calling_something_something_is_a_claim(parsed):
    text = "The opposition leader called the new tax a betrayal of the middle class."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("the new tax a betrayal of the middle class", "indirect", "speech",
                                "The opposition leader", "called")


def test_describing_something_as_something_is_a_claim(parsed):
    text = "The ambassador described the border incident as a deliberate provocation."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("the border incident as a deliberate provocation", "indirect", "speech",
                                "The ambassador", "described")


def test_an_accusation_of_doing_something_is_a_claim(parsed):
    text = "The union accused the company of lying to safety inspectors."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("the company of lying to safety inspectors", "indirect", "speech",
                                "The union", "accused")


def test_a_name_given_by_called_is_no_quote(parsed):
    text = "A charity called Open Doors runs the shelter. Officials called the police on Sunday."
    assert quotes_of(parsed, text) == []


def test_countered_that_is_a_spoken_reply(parsed):
    text = "The union leader countered that the strike would go ahead on Monday."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("that the strike would go ahead on Monday", "indirect", "speech",
                                "The union leader", "countered")


def test_reminded_voters_that_quotes_the_clause_not_the_hearers(parsed):
    text = "The governor reminded voters that the new tax would fund three hospitals."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("that the new tax would fund three hospitals", "indirect", "speech",
                                "The governor", "reminded")


def test_what_inspectors_learned_is_a_perception(parsed):
    text = "Inspectors learned that the dam had been leaking for months."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("that the dam had been leaking for months", "indirect", "perception",
                                "Inspectors", "learned")


def test_confident_that_after_a_copula_is_the_subjects_thought(parsed):
    text = "Union leaders remain confident that the factory will stay open."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("that the factory will stay open", "indirect", "thought",
                                "Union leaders", "confident")


def test_a_clause_the_parser_hangs_on_the_copula_still_belongs_to_the_adjective(parsed):
    text = "Party officials were hopeful on Tuesday that the dispute would be forgotten."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("that the dispute would be forgotten", "indirect", "thought",
                                "Party officials", "hopeful")


def test_an_adjective_without_a_clause_is_no_quote(parsed):
    text = "The coach was confident. Certain players trained alone on Monday."
    assert quotes_of(parsed, text) == []


def test_a_short_quotation_before_an_inverted_cue_opens_a_split_quote(parsed):
    text = '"Safety," said Joan Grimm, a nurse. "Safety for the whole country, everybody."'
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == (text, "direct", "speech", "Joan Grimm, a nurse", "said")
    assert [cut(text, p) for p in q.pieces] == ['"Safety,"', '"Safety for the whole country, everybody."']


def test_a_one_word_answer_before_its_cue_is_a_quote(parsed):
    text = '"Never," replied the minister.'
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ('"Never,"', "direct", "speech", "the minister", "replied")


def test_make_sure_it_is_certain_and_concerned_enough_hold_no_belief(parsed):
    text = ("Organisers made sure that the doors opened early. It is certain that the vote will be close. "
            "Residents are concerned enough that they formed a committee.")
    assert quotes_of(parsed, text) == []


def test_a_gerund_subject_after_said_opens_the_reported_clause(parsed):
    text = "The governor said legalizing it could put thousands of people to work upstate."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("legalizing it could put thousands of people to work upstate",
                                "indirect", "speech", "The governor", "said")


def test_content_before_a_closing_he_said_is_the_quote_however_the_parse_splits_it(parsed):
    text = "Those who do take on heavy debt struggle, even with a good job, he said."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("Those who do take on heavy debt struggle, even with a good job",
                                "indirect", "speech", "he", "said")


def test_a_short_opener_before_he_said_is_no_quote(parsed):
    text = "Again, he said."
    assert quotes_of(parsed, text) == []


def test_a_running_quotation_whose_next_paragraph_has_its_own_attribution_is_two_quotes(parsed):
    text = ("“The ferry is safe,” the harbour master said. “But the pier needs new timber. "
            "It has rotted for years.\n\n"
            "“We asked for money twice,” he continued. “Nobody in the council listened to us.”\n\n"
            "The council meets on Friday.")
    first, second = quotes_of(parsed, text)
    assert cut(text, first.span) == text[:text.index("\n")]
    assert (first.kind, first.attribution, cut(text, first.speaker_span), cut(text, first.cue_span)) == \
        ("direct", "speech", "the harbour master", "said")
    assert cut(text, second.span) == text[text.index("“We asked"):text.index("\n\nThe council")]
    assert (second.kind, second.attribution, cut(text, second.speaker_span), cut(text, second.cue_span)) == \
        ("direct", "speech", "he", "continued")


def test_an_unattributed_paragraph_opening_a_running_quotation_joins_the_attributed_one(parsed):
    text = ("“The ferry will run all winter.\n\n"
            "“Nobody should worry about the ice,” the harbour master said on Monday.\n\nThe end.")
    (q,) = quotes_of(parsed, text)
    assert cut(text, q.span) == text[:text.index(" the harbour master")]
    assert q.pieces == [q.span]
    assert (q.kind, q.attribution, cut(text, q.speaker_span), cut(text, q.cue_span)) == \
        ("direct", "speech", "the harbour master", "said")


def test_as_a_source_noted_makes_the_clause_it_hangs_on_a_quote(parsed):
    text = "As the auditor noted, the hospital has overspent its budget for three years."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("the hospital has overspent its budget for three years", "indirect",
                                "speech", "the auditor", "noted")


def test_a_closing_as_clause_with_a_source_attributes_the_sentence_before_it(parsed):
    text = "But fares will rise again next spring, as the transport minister warned on Monday."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("fares will rise again next spring", "indirect", "speech",
                                "the transport minister", "warned")


def test_an_as_clause_of_time_is_no_attribution(parsed):
    text = "The mayor arrived as the crowd shouted slogans outside the town hall."
    assert quotes_of(parsed, text) == []


def test_hopes_is_a_cue_though_the_lemmatizer_reads_it_as_hop(parsed):
    text = "The fisheries minister hopes the talks with Norway will resume next week."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("the talks with Norway will resume next week", "indirect", "thought",
                                "The fisheries minister", "hopes")


def test_a_split_quote_whose_first_half_the_parse_took_into_the_clause_is_one_quote(parsed):
    # The parser reads the first half's last sentence as the start of the attribution clause.
    text = "“Like Boston. Or Denver,” Smith said. “The numbers are worse.”"
    (q,) = quotes_of(parsed, text)
    assert [cut(text, p) for p in q.pieces] == ["“Like Boston. Or Denver,”", "“The numbers are worse.”"]
    assert (q.kind, q.attribution, cut(text, q.speaker_span), cut(text, q.cue_span)) == \
        ("direct", "speech", "Smith", "said")


def test_a_split_quote_whose_second_half_the_parse_took_into_the_clause_is_one_quote(parsed):
    text = "“To all the nurses in this city,” Bond said, “keep your heads up and your masks on.”"
    (q,) = quotes_of(parsed, text)
    assert [cut(text, p) for p in q.pieces] == ["“To all the nurses in this city,”",
                                                "“keep your heads up and your masks on.”"]
    assert (cut(text, q.speaker_span), cut(text, q.cue_span)) == ("Bond", "said")


def test_a_split_quote_across_a_non_breaking_space_is_one_quote(parsed):
    text = "“We will rebuild the school,”\u00a0the mayor said.\u00a0“It will open in the autumn.”"
    (q,) = quotes_of(parsed, text)
    assert [cut(text, p) for p in q.pieces] == ["“We will rebuild the school,”",
                                                "“It will open in the autumn.”"]
    assert cut(text, q.speaker_span) == "the mayor"


def test_a_quote_in_the_next_paragraph_with_its_own_attribution_stays_that_speakers(parsed):
    text = ("“The dam will hold.” He added, “Nobody needs to leave their home.”\n\n"
            "“Come back when the river drops,” the sheriff said, “and not before.”")
    first, second = quotes_of(parsed, text)
    assert cut(text, first.span) == text[:text.index("\n")]
    assert cut(text, first.speaker_span) == "He"
    assert cut(text, second.span) == text[text.index("“Come"):]
    assert cut(text, second.speaker_span) == "the sheriff"


def test_an_unattributed_next_paragraph_after_a_closing_he_said_runs_on(parsed):
    text = ("“Nobody is building homes here. The land costs too much,” he said.\n\n"
            "“Right now, young families move away. They do not come back.”")
    (q,) = quotes_of(parsed, text)
    assert cut(text, q.span) == text
    assert len(q.pieces) == 2
    assert cut(text, q.speaker_span) == "he"



def test_a_long_attribution_sentence_between_two_quotations_splits_one_quote(parsed):
    text = ("“They would be wrong,” Maria Lopez, a spokeswoman for the union, said in an interview on "
            "Sunday in Sacramento, Calif. “The strike goes on until we win.”")
    (q,) = quotes_of(parsed, text)
    assert [cut(text, p) for p in q.pieces] == ["“They would be wrong,”",
                                                "“The strike goes on until we win.”"]
    assert cut(text, q.cue_span) == "said"


def test_a_second_half_the_parse_ran_to_the_paragraph_break_is_still_the_quotes(parsed):
    # The parse ends the attribution clause past the closing mark, in the paragraph break.
    text = ("The mayor spoke at the depot.\n\n"
            "“We must keep the buses cheap,” she said, “and asking riders what they really need and "
            "where they want to go.”\n\nWill the council agree?")
    (q,) = quotes_of(parsed, text)
    assert [cut(text, p) for p in q.pieces] == ["“We must keep the buses cheap,”",
                                                "“and asking riders what they really need and where "
                                                "they want to go.”"]
    assert cut(text, q.speaker_span) == "she"


def test_mused_is_a_cue_of_speech(parsed):
    text = "“Imagine a third candidate on that stage,” the radio host mused."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("“Imagine a third candidate on that stage,”", "direct", "speech",
                                "the radio host", "mused")


def test_a_clause_ending_in_a_colon_introduces_the_next_paragraphs_quotation(parsed):
    text = "The fire chief added:\n\n“Every house on the hill was checked twice before midnight.”"
    (q,) = quotes_of(parsed, text)
    assert cut(text, q.span) == "“Every house on the hill was checked twice before midnight.”"
    assert (cut(text, q.speaker_span), cut(text, q.cue_span)) == ("The fire chief", "added")


def test_a_quotation_ending_a_paragraph_is_no_source_for_the_next_paragraphs_cue(parsed):
    text = ("“The ferries will stay in port,” the harbour master said.\n\n"
            "“Nobody may sail until the wind drops.”\n\nThe wind is expected to ease on Friday.")
    (q,) = quotes_of(parsed, text)
    assert cut(text, q.span) == text[:text.index("\n\nThe wind")]
    assert cut(text, q.speaker_span) == "the harbour master"


def test_a_clause_the_parse_made_adverbial_after_said_is_what_was_said(parsed):
    text = "The mayor said after the vote she would not sign the budget."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("she would not sign the budget", "indirect", "speech", "The mayor", "said")


def test_a_that_clause_hung_on_the_hearer_is_what_was_told(parsed):
    text = ("In Suva last week, the premier told a meeting of coastal mayors that few people understood "
            "the cost of flooding better than their residents.")
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == (
        "that few people understood the cost of flooding better than their residents", "indirect",
        "speech", "the premier", "told")


def test_the_speaker_of_an_inverted_cue_leaves_out_the_relative_clause_on_the_name(parsed):
    text = ("“The levy is fair,” said Maria Lopez, who chairs the transport committee and has backed "
            "the plan since March, “and the bridges can wait.”")
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == (text[:-1] + "”", "direct", "speech", "Maria Lopez", "said")
    assert [cut(text, p) for p in q.pieces] == ["“The levy is fair,”", "“and the bridges can wait.”"]


def test_a_cue_in_a_relative_clause_names_the_noun_and_its_pronoun(parsed):
    text = "The plan was backed by Ms. Hale, who said the strike would go on."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("the strike would go on", "indirect", "speech", "Ms. Hale, who", "said")


def test_an_if_clause_after_asked_is_a_reported_question(parsed):
    text = "Later the coach asked the players if they had ever felt so tired."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("if they had ever felt so tired", "indirect", "speech", "the coach",
                                "asked")


def test_a_that_clause_read_as_an_object_is_what_was_agreed(parsed):
    text = "The senators agreed that the central bank has limited power to halt the mergers."
    (q,) = quotes_of(parsed, text)
    assert summary(text, q) == ("that the central bank has limited power to halt the mergers",
                                "indirect", "thought", "The senators", "agreed")


def test_a_headline_under_a_name_is_speech_even_when_its_words_hold_a_cue(parsed):
    text = "Okafor: I support a second runway.\n\nThe mayor spoke at the airport on Monday."
    okafor = Entity(id="E1", name="Okafor", kind="person", mentions=[(0, 6)])
    quotes = quotes_of(parsed, text, [okafor])
    assert [summary(text, q) for q in quotes] == [
        ("I support a second runway.", "direct", "speech", "Okafor", ":")]


def test_a_headline_label_ending_with_a_name_is_its_speaker(parsed):
    text = "Harbour Chief Ana Silva: Ferry Fares Will Rise In March.\n\nThe port spoke on Monday."
    silva = Entity(id="E1", name="Ana Silva", kind="person", mentions=[(14, 23)])
    (q,) = quotes_of(parsed, text, [silva])
    assert summary(text, q) == ("Ferry Fares Will Rise In March.", "direct", "speech",
                                "Harbour Chief Ana Silva", ":")
    assert q.speaker == "E1"
