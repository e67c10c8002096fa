"""Turns corpus rows into training batches: packed blocks for pretraining, padded chat samples
for fine-tuning. Batch order is a pure function of (seed, epoch), which is what makes resume exact."""
import json
from pathlib import Path

import torch

from chat import PAD, encode_chat

IGNORE = -100  # label value the loss skips


def read_rows(data_dir, split, kind):
    """Rows of data/{split}_{kind}.jsonl (kind: 'dialogues' or 'chat')."""
    path = Path(data_dir) / f"{split}_{kind}.jsonl"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run `python models/lm/data.py` first")
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def epoch_order(n, seed, epoch):
    """A permutation of range(n), the same for the same (seed, epoch)."""
    g = torch.Generator().manual_seed(seed * 1000 + epoch)
    return torch.randperm(n, generator=g).tolist()


class PackedDialogues:
    """Whole dialogues joined by <|endoftext|> and cut into block_size windows; loss on every token."""

    def __init__(self, rows, tokenizer, block_size):
        self.docs = [encode_chat(tokenizer, r["messages"])[0] + [tokenizer.token_to_id(PAD)] for r in rows]
        self.block_size = block_size

    def epoch(self, seed, epoch, batch_size, rank=0, world=1):
        """Batches of one epoch: dialogues shuffled, packed, blocks dealt round-robin to ranks."""
        stream = [t for i in epoch_order(len(self.docs), seed, epoch) for t in self.docs[i]]
        n_blocks = len(stream) // self.block_size
        blocks = torch.tensor(stream[:n_blocks * self.block_size]).view(n_blocks, self.block_size)
        usable = n_blocks - n_blocks % (batch_size * world)
        for start in range(rank * batch_size, usable, batch_size * world):
            ids = blocks[start:start + batch_size]
            yield {"input_ids": ids, "attention_mask": torch.ones_like(ids), "labels": ids.clone()}

    def steps_per_epoch(self, batch_size, world=1):
        n_blocks = sum(map(len, self.docs)) // self.block_size
        return n_blocks // (batch_size * world)


class ChatSamples:
    """One conversation per row, truncated to max_length from the right (as a tokenizer's
    truncation=True does) and padded either to max_length or to the longest row of the batch.

    loss: 'assistant' scores only the replies (their text and closing <|end|>); 'all' scores every
    real token; with loss_on_padding the pad positions are scored too (labels = input_ids, as the
    seed script did)."""

    def __init__(self, rows, tokenizer, max_length, padding="longest", loss="assistant", loss_on_padding=False):
        self.pad_id = tokenizer.token_to_id(PAD)
        self.samples = [encode_chat(tokenizer, r["messages"]) for r in rows]
        self.max_length, self.padding = max_length, padding
        self.loss, self.loss_on_padding = loss, loss_on_padding
        self.truncated = sum(len(ids) > max_length for ids, _ in self.samples)

    def collate(self, items):
        """Tensors for a list of (ids, assistant mask) pairs."""
        items = [(ids[:self.max_length], mask[:self.max_length]) for ids, mask in items]
        width = self.max_length if self.padding == "max_length" else max(len(ids) for ids, _ in items)
        input_ids, attention, labels = [], [], []
        for ids, mask in items:
            pad = width - len(ids)
            keep = mask if self.loss == "assistant" else [1] * len(ids)
            input_ids.append(ids + [self.pad_id] * pad)
            attention.append([1] * len(ids) + [0] * pad)
            tail = [self.pad_id if self.loss_on_padding else IGNORE] * pad
            labels.append([t if k else IGNORE for t, k in zip(ids, keep)] + tail)
        return {"input_ids": torch.tensor(input_ids), "attention_mask": torch.tensor(attention),
                "labels": torch.tensor(labels)}

    def epoch(self, seed, epoch, batch_size, rank=0, world=1):
        order = epoch_order(len(self.samples), seed, epoch)
        usable = len(order) - len(order) % (batch_size * world)
        for start in range(rank * batch_size, usable, batch_size * world):
            yield self.collate([self.samples[i] for i in order[start:start + batch_size]])

    def steps_per_epoch(self, batch_size, world=1):
        return len(self.samples) // (batch_size * world)


def make_dataset(stage, rows, tokenizer, cfg):
    """PackedDialogues for stage 'pretrain', ChatSamples for 'finetune'."""
    if stage == "pretrain":
        return PackedDialogues(rows, tokenizer, cfg["block_size"])
    return ChatSamples(rows, tokenizer, cfg["max_length"], cfg.get("padding", "longest"),
                       cfg.get("loss", "assistant"), cfg.get("loss_on_padding", False))
