"""Scores the pretrained and fine-tuned models on the test split and writes models/lm/REPORT.md.

    python models/lm/evaluate.py                      # all runs found under runs/ -> REPORT.md
    python models/lm/evaluate.py --limit 64           # quicker, on the first 64 test samples per language

Metrics (test families are phrasings never seen in training):
  reply perplexity     exp(mean NLL) of the host's reply tokens (text + <|end|>) given the prompt
  dialogue perplexity  exp(mean NLL) of every token of whole test streams (the pretraining objective)
  BLEU                 sacrebleu corpus BLEU of greedy replies against the family's reference
                       phrasings: character-level (tokenize='zh') for Chinese, '13a' for English
  ends reply           share of greedy replies that close with <|end|> within 48 tokens
  copies slots         share of the names/items the reference repeats from the prompt (viewer,
                       gift, product, price, game, ...) that the reply repeats too
"""
import argparse
import json
import math
import subprocess
import time
from pathlib import Path

import sacrebleu
import torch

from batches import IGNORE, ChatSamples, PackedDialogues, read_rows
from chat import END
from model import count_parameters, generate_replies, load_model
from templates import SLOTS
from tokenizer import load_tokenizer

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MODELS = {  # report label -> run folder
    "pretrained": "runs/pretrain/final",
    "fine-tuned, seed recipe": "runs/finetune_seed/final",
    "fine-tuned, ours": "runs/finetune/final",
}
MAX_NEW_TOKENS = 48


@torch.no_grad()
def perplexity(model, batches):
    """exp of the mean NLL over every labelled token of the batches."""
    model.eval()
    nll, count = 0.0, 0
    for batch in batches:
        logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits[:, :-1]
        labels = batch["labels"][:, 1:]
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1),
                                                 ignore_index=IGNORE, reduction="sum")
        nll += loss.item()
        count += int((labels != IGNORE).sum())
    return math.exp(nll / count)


def bleu(hypotheses, references, lang):
    """Multi-reference corpus BLEU; references are per-sample lists of varying length."""
    width = max(map(len, references))
    streams = [[refs[i] if i < len(refs) else None for refs in references] for i in range(width)]
    return sacrebleu.corpus_bleu(hypotheses, streams, tokenize="zh" if lang == "zh" else "13a").score


def score_model(path, tokenizer, chat_rows, dialogue_rows):
    """All metrics and the greedy replies for one model folder."""
    model = load_model(path)
    model.config.use_cache = True
    chat = ChatSamples(chat_rows, tokenizer, max_length=256, padding="longest", loss="assistant")
    dlg = ChatSamples(dialogue_rows, tokenizer, max_length=256, padding="longest", loss="all")
    t0 = time.time()
    prompts = [r["messages"][:-1] for r in chat_rows]
    replies = generate_replies(model, tokenizer, prompts, MAX_NEW_TOKENS)
    gen_s = time.time() - t0
    ends = ends_reply(model, tokenizer, replies)
    result = {
        "parameters": count_parameters(model),
        "reply_ppl": perplexity(model, chat.epoch(0, 0, 32)),
        "dialogue_ppl": perplexity(model, dlg.epoch(0, 0, 16)),
        "replies": replies,
        "ends_reply": ends,
        "slot_recall": slot_recall(replies, chat_rows),
        "generation_s": gen_s,
    }
    for lang in ("zh", "en"):
        idx = [i for i, r in enumerate(chat_rows) if r["lang"] == lang]
        result[f"bleu_{lang}"] = bleu([replies[i] for i in idx], [chat_rows[i]["references"] for i in idx], lang)
    result["bleu_by_intent"] = {}
    for intent in sorted({r["intent"] for r in chat_rows}):
        result["bleu_by_intent"][intent] = {
            lang: bleu([replies[i] for i, r in enumerate(chat_rows) if r["intent"] == intent and r["lang"] == lang],
                       [r["references"] for r in chat_rows if r["intent"] == intent and r["lang"] == lang], lang)
            for lang in ("zh", "en")}
    return result


def slot_recall(replies, rows):
    """Of the slot values that a reference reply copies from its prompt, the share the reply has.
    Counts (1, 2, 3, ...) are left out: as substrings they would match almost anything."""
    hit = total = 0
    for reply, row in zip(replies, rows):
        ref = row["messages"][-1]["content"]
        prompt = " ".join(m["content"] for m in row["messages"][:-1])
        values = {v for slot, vals in SLOTS[row["lang"]].items() if slot != "count"
                  for v in vals if v in ref and v in prompt}
        values = {v for v in values if not any(v != w and v in w for w in values)}
        hit += sum(v in reply for v in values)
        total += len(values)
    return hit / max(1, total)


def ends_reply(model, tokenizer, replies):
    """Share of replies that stopped at <|end|> (not cut at MAX_NEW_TOKENS)."""
    lengths = [len(tokenizer.encode(r, add_special_tokens=False).ids) for r in replies]
    return sum(n < MAX_NEW_TOKENS for n in lengths) / max(1, len(lengths))


def limit_rows(rows, limit):
    if not limit:
        return rows
    out = []
    for lang in ("zh", "en"):
        out += [r for r in rows if r["lang"] == lang][:limit]
    return out


def environment():
    """Install time/disk of the venv, package versions, machine."""
    venv = ROOT / ".venv"
    setup = venv / "genanchor-setup.json"
    info = json.loads(setup.read_text()) if setup.exists() else {}
    du = subprocess.run(["du", "-sm", str(venv)], capture_output=True, text=True).stdout.split()
    info["disk_mb_now"] = int(du[0]) if du else None
    import onnxruntime, tokenizers, transformers
    info["versions"] = {"torch": torch.__version__, "transformers": transformers.__version__,
                        "tokenizers": tokenizers.__version__, "onnxruntime": onnxruntime.__version__,
                        "sacrebleu": sacrebleu.__version__}
    info["cpus"] = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    return info


def main():
    from report import write_report
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(HERE / "data"), help="corpus folder (default models/lm/data)")
    ap.add_argument("--out", default=str(HERE / "REPORT.md"), help="report path (default models/lm/REPORT.md)")
    ap.add_argument("--limit", type=int, default=0, help="test samples per language (default all)")
    ap.add_argument("--threads", type=int, default=2, help="CPU threads (default 2)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    tokenizer = load_tokenizer(HERE / "data" / "tokenizer")
    chat_rows = limit_rows(read_rows(args.data, "test", "chat"), args.limit)
    dialogue_rows = read_rows(args.data, "test", "dialogues")
    results = {}
    for label, folder in MODELS.items():
        if (HERE / folder).exists():
            print(f"evaluating {label} ({folder}) on {len(chat_rows)} replies ...", flush=True)
            results[label] = score_model(HERE / folder, tokenizer, chat_rows, dialogue_rows)
            r = results[label]
            print(f"  reply ppl {r['reply_ppl']:.2f} | dialogue ppl {r['dialogue_ppl']:.2f} | "
                  f"BLEU zh {r['bleu_zh']:.1f} en {r['bleu_en']:.1f} | ends reply {r['ends_reply']:.0%} | "
                  f"copies slots {r['slot_recall']:.0%}")
        else:
            print(f"skipping {label}: {folder} not found")
    env = environment()
    (HERE / "runs").mkdir(exist_ok=True)
    (HERE / "runs" / "evaluation.json").write_text(json.dumps(
        {"results": results, "rows": chat_rows, "data": str(args.data), "environment": env}, ensure_ascii=False) + "\n")
    write_report(args.out, results, chat_rows, args.data, env)
    print(f"-> {args.out} (runs/evaluation.json keeps the scores: `python models/lm/report.py` re-renders)")


if __name__ == "__main__":
    main()
