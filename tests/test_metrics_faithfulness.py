"""faithfulness metric module: the NLI path on a tiny NLI model built here, and the named embedding fallback."""
import doctest

import pytest
import torch

VOCAB_TEXT = ["russia and north korea must not violate un resolutions", "the minister praised the summit",
              "seoul said cooperation is a threat", "we oppose the launch of the satellite"]


@pytest.fixture(scope="module")
def faith(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GOVSTANCE_CACHE", str(tmp_path_factory.mktemp("cache")))
        from pipeline.evaluate.metrics import load_metric

        yield load_metric("faithfulness")


def build_tiny_nli(path, id2label, favour=None):
    """A randomly initialised 1-layer BERT NLI classifier with a WordLevel tokenizer trained here.

    With ``favour`` set, the classifier's weights are zeroed and a large bias is put on that
    label, so the entailment probability is ~1 (favour = the entailment label) or ~0.
    """
    from tokenizers import Tokenizer, models, pre_tokenizers, processors, trainers
    from transformers import BertConfig, BertForSequenceClassification, PreTrainedTokenizerFast

    tok = Tokenizer(models.WordLevel(unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.train_from_iterator(VOCAB_TEXT, trainers.WordLevelTrainer(special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]"]))
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", tok.token_to_id("[CLS]")), ("[SEP]", tok.token_to_id("[SEP]"))])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                                   sep_token="[SEP]", model_max_length=64)
    fast.save_pretrained(path)
    cfg = BertConfig(vocab_size=tok.get_vocab_size(), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                     intermediate_size=32, max_position_embeddings=64, num_labels=3,
                     id2label=id2label, label2id={v: k for k, v in id2label.items()})
    torch.manual_seed(0)
    model = BertForSequenceClassification(cfg)
    if favour is not None:
        with torch.no_grad():
            model.classifier.weight.zero_()
            model.classifier.bias.fill_(-10.0)
            model.classifier.bias[cfg.label2id[favour]] = 10.0
    model.save_pretrained(path)
    return str(path)


SUMMARY = "russia and north korea must not violate un resolutions . the minister praised the summit ."
STATEMENTS = ["russia and north korea must not violate un resolutions", "we oppose the launch"]


@pytest.mark.parametrize("id2label", [{0: "entailment", 1: "neutral", 2: "contradiction"},
                                      {0: "CONTRADICTION", 1: "NEUTRAL", 2: "ENTAILMENT"}])
def test_nli_reads_entailment_id_from_config(faith, tmp_path, id2label):
    ent = build_tiny_nli(tmp_path / "ent", id2label, favour=[v for v in id2label.values() if v.lower() == "entailment"][0])
    con = build_tiny_nli(tmp_path / "con", id2label, favour=[v for v in id2label.values() if v.lower() == "contradiction"][0])
    yes = faith.compute(predictions=[SUMMARY], references=[STATEMENTS], nli_model=ent, split_sentences="pretokenized")
    no = faith.compute(predictions=[SUMMARY], references=[STATEMENTS], nli_model=con, split_sentences="pretokenized")
    assert yes["scorer"]["name"] == "nli" and yes["scorer"]["entailment_label"].lower() == "entailment"
    assert yes["scorer"]["entailment_id"] == [k for k, v in id2label.items() if v.lower() == "entailment"][0]
    assert yes["faithfulness"] == 1.0 and yes["num_sentences"] == 2
    assert no["faithfulness"] == 0.0 and no["mean_sentence_score"] < 0.01


def test_nli_scores_are_max_entailment_prob_over_premises(faith, tmp_path):
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    path = build_tiny_nli(tmp_path / "rand", {0: "entailment", 1: "neutral", 2: "contradiction"})
    out = faith.compute(predictions=[SUMMARY], references=[STATEMENTS], nli_model=path, split_sentences="pretokenized",
                        threshold=0.3, return_per_example=True)
    tok = AutoTokenizer.from_pretrained(path)
    model = AutoModelForSequenceClassification.from_pretrained(path).eval()
    premises = STATEMENTS + [" ".join(STATEMENTS)]
    sents = out["per_example"][0]["sentences"]
    for sent, got in zip(sents, out["per_example"][0]["scores"]):
        with torch.no_grad():
            enc = tok(premises, [sent] * len(premises), padding=True, return_tensors="pt")
            probs = torch.softmax(model(**enc).logits, -1)[:, 0]
        assert got == pytest.approx(float(probs.max()), abs=1e-5)
    assert out["per_example"][0]["supported"] == [s >= 0.3 for s in out["per_example"][0]["scores"]]
    assert out["scorer"]["threshold"] == 0.3


def test_nli_model_without_entailment_label_fails_loudly(faith, tmp_path):
    path = build_tiny_nli(tmp_path / "sent", {0: "negative", 1: "neutral", 2: "positive"})
    with pytest.raises(ValueError, match="entailment"):
        faith.compute(predictions=[SUMMARY], references=[STATEMENTS], nli_model=path)


def test_embedding_fallback_is_named_and_thresholded(faith):
    out = faith.compute(predictions=["Russia and North Korea must not violate UN resolutions. The weather was lovely."],
                        references=[["Cooperation between Russia and North Korea must not violate UN resolutions."]],
                        return_per_example=True)
    assert out["scorer"]["name"] == "embedding_support"
    assert "not entailment" in out["scorer"]["note"]
    assert out["scorer"]["threshold"] == 0.6
    scores = out["per_example"][0]["scores"]
    assert scores[0] > 0.8 and scores[1] < 0.4
    assert out["faithfulness"] == 0.5
    strict = faith.compute(predictions=["Russia and North Korea must not violate UN resolutions."],
                           references=[["Cooperation between Russia and North Korea must not violate UN resolutions."]],
                           scorer="embedding", threshold=0.99)
    assert strict["faithfulness"] == 0.0


def test_no_statements_empty_summary_and_custom_scorer(faith):
    out = faith.compute(predictions=["Something was said.", ""], references=[[], ["x"]])
    assert out["faithfulness"] == 0.0 and out["num_summaries"] == 1 and out["num_empty"] == 1

    class Overlap:
        name, threshold = "word_overlap", 0.5

        def score(self, sentences, statements):
            words = {w.strip(".") for s in statements for w in s.lower().split()}
            return [sum(w.strip(".") in words for w in s.lower().split()) / len(s.split()) for s in sentences]

    out = faith.compute(predictions=["Ministers met today. Rain fell in Paris."], references=[["ministers met today"]],
                        scorer=Overlap(), return_per_example=True)
    assert out["per_example"][0]["scores"] == [1.0, 0.0]
    assert out["scorer"]["name"] == "word_overlap" and out["faithfulness"] == 0.5
    with pytest.raises(ValueError, match="nli_model"):
        faith.compute(predictions=["a"], references=[["a"]], scorer="nli")


def test_docstring_examples_run(faith):
    from pipeline.evaluate.metrics.faithfulness import faithfulness as module

    res = doctest.testmod(module)
    assert res.attempted >= 3 and res.failed == 0
