"""Trains the byte-level BPE tokenizer on the training corpus and saves it as tokenizer.json.

    python models/lm/tokenizer.py                 # data/train_*.jsonl -> data/tokenizer/
    python models/lm/tokenizer.py --vocab-size 6000

Byte-level means any UTF-8 text (Chinese, English, emoji) encodes without unknown tokens. Han
characters and digits are pre-split one by one (see CJK below), so the vocabulary ends where this
corpus' English words and characters run out (~1.7k), well under --vocab-size. The chat markers are
special tokens: viewer text must go through chat.sanitize() so that it cannot spell them.
"""
import argparse
import json
from pathlib import Path

from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers, trainers

from chat import CHAT_TEMPLATE, END, PAD, SPECIAL_TOKENS, render

HERE = Path(__file__).resolve().parent
MODEL_MAX_LENGTH = 256
# Each Han character (and CJK punctuation mark) is its own pre-token. GPT-2's regex keeps a whole run
# of Chinese letters together, and on this corpus BPE then learns whole template phrases as single
# tokens ("今天我们一起玩星露谷物语哦"), which lets the model recall templates instead of composing.
CJK = Regex("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def corpus_texts(data_dir):
    """Every rendered conversation of the training split (validation/test stay unseen)."""
    for name in ("train_dialogues.jsonl", "train_chat.jsonl"):
        with open(Path(data_dir) / name, encoding="utf-8") as f:
            for line in f:
                yield render(json.loads(line)["messages"])


def train_tokenizer(texts, vocab_size):
    """A GPT-2-style byte-level BPE with the chat special tokens."""
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(CJK, behavior="isolated"),
        pre_tokenizers.Digits(individual_digits=True),  # prices and counts are copied digit by digit
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
    ])
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        min_frequency=2,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(texts, trainer)
    return tok


def tokenizer_config():
    """tokenizer_config.json as transformers and transformers.js read it."""
    return {
        "tokenizer_class": "GPT2Tokenizer",
        "bos_token": PAD,
        "eos_token": END,
        "pad_token": PAD,
        "unk_token": PAD,
        "add_bos_token": False,
        "add_prefix_space": False,
        "clean_up_tokenization_spaces": False,
        "model_max_length": MODEL_MAX_LENGTH,
        "chat_template": CHAT_TEMPLATE,
    }


def save_tokenizer(tok, out_dir):
    """Writes tokenizer.json, tokenizer_config.json and special_tokens_map.json to out_dir."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tok.save(str(out / "tokenizer.json"))
    cfg = tokenizer_config()
    (out / "tokenizer_config.json").write_text(json.dumps(cfg, ensure_ascii=False, indent=2) + "\n")
    special = {k: cfg[k] for k in ("bos_token", "eos_token", "pad_token", "unk_token")}
    (out / "special_tokens_map.json").write_text(json.dumps(special, indent=2) + "\n")


def load_tokenizer(path):
    """A tokenizers.Tokenizer from a folder or a tokenizer.json, checked for the chat tokens.

    An original GPT-2 tokenizer works too: the chat tokens it lacks are added (the model's
    embeddings are then resized by model.py)."""
    path = Path(path)
    tok = Tokenizer.from_file(str(path / "tokenizer.json" if path.is_dir() else path))
    missing = [t for t in SPECIAL_TOKENS if tok.token_to_id(t) is None]
    if missing:
        tok.add_special_tokens(missing)
    return tok


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(HERE / "data"), help="corpus folder written by data.py")
    ap.add_argument("--out", default=str(HERE / "data" / "tokenizer"), help="output folder")
    ap.add_argument("--vocab-size", type=int, default=4096, help="BPE vocabulary size (default 4096)")
    args = ap.parse_args()

    tok = train_tokenizer(corpus_texts(args.data), args.vocab_size)
    save_tokenizer(tok, args.out)
    sample = "你好,欢迎来到我的直播间! Hi Mia, welcome to my stream!"
    ids = tok.encode(sample).ids
    assert tok.decode(ids) == sample, "tokenizer does not round-trip"
    print(f"vocab {tok.get_vocab_size()} -> {args.out}; '{sample}' = {len(ids)} tokens")


if __name__ == "__main__":
    main()
