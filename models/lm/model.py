"""The tiny GPT-2: building it from a config, loading checkpoints or a user's own GPT-2, generating.

The architecture is transformers' GPT2LMHeadModel unchanged, so any GPT-2 checkpoint (the original
124M model included, from a local folder) fits the same training, evaluation and export code.
"""
import json
from pathlib import Path

import torch
from transformers import GPT2Config, GPT2LMHeadModel

from chat import ASSISTANT, END, PAD, encode_chat

# Default size: ~3.6 M parameters with the 1.5k-token vocabulary; fp32 ONNX + int8 copy stay under 20 MB.
TINY = {"n_positions": 256, "n_embd": 256, "n_layer": 4, "n_head": 4, "n_inner": 1024,
        "resid_pdrop": 0.1, "embd_pdrop": 0.1, "attn_pdrop": 0.1}


def build_model(tokenizer, arch=None):
    """A freshly initialised GPT-2 sized by `arch` (defaults to TINY) for this tokenizer."""
    arch = {**TINY, **(arch or {})}
    config = GPT2Config(
        vocab_size=tokenizer.get_vocab_size(),
        bos_token_id=tokenizer.token_to_id(PAD),
        eos_token_id=tokenizer.token_to_id(END),
        pad_token_id=tokenizer.token_to_id(PAD),
        tie_word_embeddings=True,
        **arch,
    )
    model = GPT2LMHeadModel(config)
    model.loss_type = "ForCausalLM"  # transformers warns once per process when this is unset
    return model


def load_model(path, tokenizer=None):
    """A GPT2LMHeadModel from a local folder (ours, or an original GPT-2 the user has).

    With a tokenizer that has more tokens than the checkpoint (GPT-2 plus our chat tokens), the
    embeddings grow to fit and the special ids are set."""
    path = Path(path)
    if not (path / "config.json").exists():
        raise FileNotFoundError(f"{path} has no config.json: point --init at a folder written by "
                                "train.py (runs/<name>/final) or at a local GPT-2 checkpoint")
    model = GPT2LMHeadModel.from_pretrained(str(path), local_files_only=True)
    model.loss_type = "ForCausalLM"  # transformers warns once per process when this is unset
    if tokenizer is not None:
        if tokenizer.get_vocab_size() != model.config.vocab_size:
            model.resize_token_embeddings(tokenizer.get_vocab_size())
        model.config.eos_token_id = tokenizer.token_to_id(END)
        model.config.pad_token_id = tokenizer.token_to_id(PAD)
        model.generation_config.eos_token_id = tokenizer.token_to_id(END)
        model.generation_config.pad_token_id = tokenizer.token_to_id(PAD)
    return model


def count_parameters(model):
    """Distinct parameters (the tied input/output embedding counted once)."""
    return sum(p.numel() for p in model.parameters())


@torch.no_grad()
def generate_replies(model, tokenizer, conversations, max_new_tokens=48, batch_size=32, device="cpu"):
    """Greedy replies to conversations whose last message is the viewer's, batched with left
    padding and a KV cache. Stops at <|end|>; returns plain strings."""
    model.eval()
    pad_id, end_id = tokenizer.token_to_id(PAD), tokenizer.token_to_id(END)
    assistant_id = tokenizer.token_to_id(ASSISTANT)
    replies = []
    for start in range(0, len(conversations), batch_size):
        prompts = [encode_chat(tokenizer, c)[0] + [assistant_id] for c in conversations[start:start + batch_size]]
        width = max(map(len, prompts))
        ids = torch.tensor([[pad_id] * (width - len(p)) + p for p in prompts], device=device)
        mask = torch.tensor([[0] * (width - len(p)) + [1] * len(p) for p in prompts], device=device)
        out = model.generate(input_ids=ids, attention_mask=mask, max_new_tokens=max_new_tokens,
                             do_sample=False, eos_token_id=end_id, pad_token_id=pad_id)
        for row in out[:, width:].tolist():
            row = row[:row.index(end_id)] if end_id in row else row
            replies.append(tokenizer.decode([t for t in row if t != pad_id]))
    return replies


def save_model(model, tokenizer_dir, out_dir, extra=None):
    """Saves weights + config (safetensors) and copies the tokenizer files beside them."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out))
    for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
        src = Path(tokenizer_dir) / name
        if src.exists():
            (out / name).write_bytes(src.read_bytes())
    if extra:
        (out / "training.json").write_text(json.dumps(extra, indent=2) + "\n")
