"""Shared fixtures. Tiny models (fixtures named tiny_*) are built here with random weights and a
tokenizer trained on a few sentences, saved with save_pretrained, and loaded by the same code users run."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

# Tests run offline: the Hub is never reachable in CI.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_66667886bb51a6a5.txt"
sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED

TINY_CORPUS = [
    "The foreign ministry said the talks were useful and constructive.",
    "Russia and North Korea signed a treaty on military cooperation.",
    "South Korea strongly condemns the agreement and urges restraint.",
    "The spokesperson said the government supports dialogue and peace.",
    "China called on all parties to remain calm and avoid escalation.",
    "The United States warned that the deal violates Security Council resolutions.",
    "Japan will cooperate closely with its allies, the minister said.",
    "favor against neutral summary statement target speaker government",
] * 4

CHATML = ("{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
          "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}")


def tiny_train_tokenizer(special: list[str], vocab_size: int = 400, post: str | None = None, **tokens):
    """A byte-level BPE tokenizer trained on TINY_CORPUS, wrapped for transformers."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE(unk_token=tokens.get("unk_token")))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=special,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(TINY_CORPUS, trainer)
    if post == "bos_eos":
        b, e = tokens["bos_token"], tokens["eos_token"]
        tok.post_processor = processors.TemplateProcessing(
            single=f"{b} $A {e}", pair=f"{b} $A {e} {e} $B {e}",
            special_tokens=[(b, tok.token_to_id(b)), (e, tok.token_to_id(e))])
    elif post == "eos":
        e = tokens["eos_token"]
        tok.post_processor = processors.TemplateProcessing(
            single=f"$A {e}", pair=f"$A {e} $B {e}", special_tokens=[(e, tok.token_to_id(e))])
    elif post == "cls_sep":
        c, s = tokens["cls_token"], tokens["sep_token"]
        tok.post_processor = processors.TemplateProcessing(
            single=f"{c} $A {s}", pair=f"{c} $A {s} $B:1 {s}:1",
            special_tokens=[(c, tok.token_to_id(c)), (s, tok.token_to_id(s))])
    return PreTrainedTokenizerFast(tokenizer_object=tok, **tokens)


@pytest.fixture(scope="session")
def tiny_bart_dir(tmp_path_factory) -> Path:
    """A 2-layer BART summarizer with 64 positions (so long inputs must be chunked)."""
    import torch
    from transformers import BartConfig, BartForConditionalGeneration

    out = tmp_path_factory.mktemp("tiny_bart")
    tok = tiny_train_tokenizer(["<s>", "<pad>", "</s>", "<unk>"], post="bos_eos", bos_token="<s>", pad_token="<pad>",
                               eos_token="</s>", unk_token="<unk>", model_max_length=64)
    cfg = BartConfig(vocab_size=len(tok), d_model=16, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
                     decoder_attention_heads=2, encoder_ffn_dim=32, decoder_ffn_dim=32, max_position_embeddings=64,
                     pad_token_id=1, bos_token_id=0, eos_token_id=2, decoder_start_token_id=2, forced_bos_token_id=0)
    torch.manual_seed(0)
    BartForConditionalGeneration(cfg).save_pretrained(out)
    tok.save_pretrained(out)
    return out


@pytest.fixture(scope="session")
def tiny_t5_dir(tmp_path_factory) -> Path:
    import torch
    from transformers import T5Config, T5ForConditionalGeneration

    out = tmp_path_factory.mktemp("tiny_t5")
    tok = tiny_train_tokenizer(["<pad>", "</s>", "<unk>"], post="eos", pad_token="<pad>", eos_token="</s>",
                               unk_token="<unk>", model_max_length=48)
    cfg = T5Config(vocab_size=len(tok), d_model=16, d_kv=8, d_ff=32, num_layers=1, num_decoder_layers=1, num_heads=2,
                   pad_token_id=0, eos_token_id=1, decoder_start_token_id=0)
    torch.manual_seed(0)
    T5ForConditionalGeneration(cfg).save_pretrained(out)
    tok.save_pretrained(out)
    return out


@pytest.fixture(scope="session")
def tiny_nli_dir(tmp_path_factory) -> Path:
    """A 2-layer BERT with MNLI-style labels (entailment / neutral / contradiction) in its config."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification

    out = tmp_path_factory.mktemp("tiny_nli")
    tok = tiny_train_tokenizer(["[PAD]", "[UNK]", "[CLS]", "[SEP]"], post="cls_sep", pad_token="[PAD]",
                               unk_token="[UNK]", cls_token="[CLS]", sep_token="[SEP]", model_max_length=64)
    cfg = BertConfig(vocab_size=len(tok), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                     intermediate_size=32, max_position_embeddings=64, num_labels=3, pad_token_id=0,
                     initializer_range=0.5,  # large random weights: distinct outputs for distinct inputs
                     id2label={0: "contradiction", 1: "entailment", 2: "neutral"},
                     label2id={"contradiction": 0, "entailment": 1, "neutral": 2})
    torch.manual_seed(0)
    BertForSequenceClassification(cfg).save_pretrained(out)
    tok.save_pretrained(out)
    return out


@pytest.fixture(scope="session")
def tiny_causal_dir(tmp_path_factory) -> Path:
    """A 2-layer Qwen2-architecture causal LM with a ChatML chat template."""
    import torch
    from transformers import Qwen2Config, Qwen2ForCausalLM

    out = tmp_path_factory.mktemp("tiny_causal")
    tok = tiny_train_tokenizer(["<|endoftext|>", "<|im_start|>", "<|im_end|>"], pad_token="<|endoftext|>",
                               eos_token="<|im_end|>", model_max_length=512)
    tok.chat_template = CHATML
    cfg = Qwen2Config(vocab_size=len(tok), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                      num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=512,
                      eos_token_id=tok.convert_tokens_to_ids("<|im_end|>"),
                      pad_token_id=tok.convert_tokens_to_ids("<|endoftext|>"), tie_word_embeddings=True)
    torch.manual_seed(0)
    Qwen2ForCausalLM(cfg).save_pretrained(out)
    tok.save_pretrained(out)
    return out


@pytest.fixture
def tiny_ctx(tmp_path):
    """A RunContext whose model manager caches into a temp folder."""
    from pipeline.config import ModelsSection
    from pipeline.models import ModelManager
    from pipeline.stage import RunContext

    mgr = ModelManager(ModelsSection(cache_dir=str(tmp_path / "cache"), device="cpu", dtype="float32"))
    return RunContext(config=None, models=mgr)


@pytest.fixture(scope="module")
def resolver():
    """A GovernmentResolver over the packaged gazetteer, fresh for each test module (tests may set
    its attributes, such as ``place_index``, and restore them)."""
    from pipeline.resolve.gazetteer import load_gazetteer
    from pipeline.resolve.resolver import GovernmentResolver

    load_gazetteer.cache_clear()
    return GovernmentResolver(load_gazetteer(str(ROOT / "configs" / "actors.yaml")))

