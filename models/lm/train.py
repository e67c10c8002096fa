"""Pretrains or fine-tunes the tiny GPT-2 from a JSON config.

    python models/lm/train.py --config configs/pretrain.json          # whole dialogues, all tokens
    python models/lm/train.py --config configs/finetune.json          # ours: replies only, AdamW 1e-4
    python models/lm/train.py --config configs/finetune_seed.json     # the seed: len 50, Adam 1e-5
    python models/lm/train.py --config configs/pretrain.json --resume # continue from runs/<name>/ckpt.pt
    python models/lm/train.py --config configs/pretrain.json --set lr=3e-4 --set epochs=1

    python models/lm/train.py --config configs/pretrain.json --device cuda
    torchrun --nproc_per_node 4 models/lm/train.py --config configs/pretrain.json --device cuda

Prints step, loss, learning rate, tokens/s and ETA; writes runs/<name>/log.jsonl, a resumable
checkpoint (ckpt.pt) every `save_every` steps and on Ctrl-C, and runs/<name>/final/ (weights,
config, tokenizer) plus summary.json at the end. Under torchrun each rank takes every world-th
batch (DistributedDataParallel; NCCL on CUDA, Gloo on CPU) and rank 0 logs and saves.
"""
import json
import math
import random
import sys
import time
from pathlib import Path

import torch
import torch.distributed as dist

from batches import make_dataset, read_rows
from model import build_model, count_parameters, load_model, save_model
from tokenizer import load_tokenizer

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # models/, for the helpers the pipelines share (models/common)
from common import fmt_time, load_config, setup_distributed, stop_on_signals, train_parser  # noqa: E402
from common import resolve as resolve_under  # noqa: E402


def resolve(path):
    """A config path, under this pipeline's folder unless absolute or present from the working directory."""
    return resolve_under(path, HERE)


def seed_everything(seed):
    random.seed(seed)
    torch.manual_seed(seed)


def make_optimizer(model, cfg):
    """Adam (the seed's) or AdamW with weight decay on matrices only."""
    if cfg["optimizer"] == "adam":
        return torch.optim.Adam(model.parameters(), lr=cfg["lr"])
    decay = [p for p in model.parameters() if p.dim() >= 2]
    rest = [p for p in model.parameters() if p.dim() < 2]
    groups = [{"params": decay, "weight_decay": cfg.get("weight_decay", 0.1)},
              {"params": rest, "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=cfg["lr"], betas=tuple(cfg.get("betas", (0.9, 0.95))))


def lr_factor(step, total, cfg):
    """'constant' (the seed's), or linear warmup then cosine decay to 10%."""
    if cfg.get("schedule", "constant") == "constant":
        return 1.0
    warmup = cfg.get("warmup_steps", 0)
    if step < warmup:
        return (step + 1) / warmup
    progress = (step - warmup) / max(1, total - warmup)
    return 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))


@torch.no_grad()
def evaluate_loss(model, dataset, cfg, device, max_batches):
    """Mean loss over the first max_batches validation batches (fixed order)."""
    model.eval()
    total, n = 0.0, 0
    for i, batch in enumerate(dataset.epoch(cfg["seed"], 0, cfg["batch_size"])):
        if i == max_batches:
            break
        batch = {k: v.to(device) for k, v in batch.items()}
        total += model(**batch).loss.item()
        n += 1
    model.train()
    return total / max(1, n)


def save_checkpoint(path, model, opt, position, cfg):
    """Everything resume needs: weights, optimizer, position in the data (step, epoch, batch in
    epoch, and the token/time counters so far), RNG state."""
    tmp = Path(str(path) + ".tmp")
    torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(), **position, "config": cfg,
                "rng": torch.get_rng_state(), "model_config": model.config.to_dict()}, tmp)
    tmp.replace(path)


def prepare(cfg, args, rank, world, device):
    """Tokenizer, model (fresh, from cfg['init'], or from a checkpoint), data, optimizer, run dir."""
    tokenizer = load_tokenizer(resolve(cfg["tokenizer"]))
    if cfg.get("init"):
        model = load_model(resolve(cfg["init"]), tokenizer)
    else:
        model = build_model(tokenizer, cfg.get("arch"))
    kind = "dialogues" if cfg["stage"] == "pretrain" else "chat"
    data_dir = resolve(cfg["data"])
    rows = read_rows(data_dir, "train", kind)
    if cfg.get("max_samples"):  # a fixed random subset (the same for every recipe with the same seed)
        rows = random.Random(cfg["seed"]).sample(rows, min(cfg["max_samples"], len(rows)))
    train = make_dataset(cfg["stage"], rows, tokenizer, cfg)
    val = make_dataset(cfg["stage"], read_rows(data_dir, "validation", kind), tokenizer, cfg)
    model.to(device).train()
    opt = make_optimizer(model, cfg)
    run_dir = Path(resolve(args.out or f"runs/{cfg['name']}"))
    state = {"step": 0, "epoch": 0, "batch_in_epoch": 0, "tokens": 0, "train_s": 0.0, "wall_s": 0.0}
    ckpt = run_dir / "ckpt.pt"
    if args.resume and ckpt.exists():
        saved = torch.load(ckpt, map_location=device, weights_only=False)
        model.load_state_dict(saved["model"])
        opt.load_state_dict(saved["optimizer"])
        torch.set_rng_state(saved["rng"])
        state = {k: saved.get(k, v) for k, v in state.items()}
        if rank == 0:
            print(f"resumed {ckpt} at step {state['step']}")
    elif args.resume and rank == 0:
        print(f"--resume: {ckpt} not found, starting fresh")
    if rank == 0:
        run_dir.mkdir(parents=True, exist_ok=True)
    return tokenizer, model, train, val, opt, run_dir, state


class Progress:
    """Rank 0's progress lines (console and log.jsonl) and the token/time counters that
    checkpoints carry, so a resumed run reports totals over all its sessions."""

    def __init__(self, run_dir, state, total, steps_per_epoch, enabled):
        self.log = open(run_dir / "log.jsonl", "a") if enabled else None
        self.prior, self.total, self.steps_per_epoch = state, total, steps_per_epoch
        self.started, self.t0, self.tokens, self.train_s = state["step"], time.time(), 0, 0.0

    def step(self, step, loss, lr, tokens, seconds, every):
        self.tokens += tokens
        self.train_s += seconds
        if self.log is None or (step % every and step != self.total):
            return
        elapsed = time.time() - self.t0
        rate = self.tokens / max(1e-9, elapsed)
        eta = elapsed / (step - self.started) * (self.total - step)
        entry = {"step": step, "epoch": round(step / self.steps_per_epoch, 3), "loss": round(loss, 4),
                 "lr": lr, "tokens_per_s": round(rate), "elapsed_s": round(elapsed, 1)}
        print(f"step {step:>5}/{self.total} | epoch {entry['epoch']:.2f} | loss {entry['loss']:.4f} | "
              f"lr {lr:.2e} | {rate:,.0f} tok/s | {fmt_time(elapsed)} | ETA {fmt_time(eta)}", flush=True)
        self.write(entry)

    def validation(self, step, val_loss):
        print(f"step {step:>5} | validation loss {val_loss:.4f}", flush=True)
        self.write({"step": step, "val_loss": round(val_loss, 4)})

    def write(self, entry):
        self.log.write(json.dumps(entry) + "\n")
        self.log.flush()

    def counters(self):
        """Totals including the runs this one resumed."""
        return {"tokens": self.prior["tokens"] + self.tokens, "train_s": self.prior["train_s"] + self.train_s,
                "wall_s": self.prior["wall_s"] + time.time() - self.t0}


def train_step(net, model, opt, batch, cfg, lr, amp, device):
    """One optimizer step; returns the loss."""
    for group in opt.param_groups:
        group["lr"] = lr
    batch = {k: v.to(device) for k, v in batch.items()}
    with torch.autocast(device.type, dtype=torch.bfloat16, enabled=amp):
        loss = net(**batch).loss
    opt.zero_grad(set_to_none=True)
    loss.backward()
    if cfg.get("grad_clip"):
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg["grad_clip"])
    opt.step()
    return loss.item()


def describe(cfg, model, train_set, total, steps_per_epoch, world, device):
    truncated = getattr(train_set, "truncated", None)
    print(f"{cfg['name']}: {count_parameters(model):,} parameters, {total} steps "
          f"({steps_per_epoch}/epoch x {world} rank(s), batch {cfg['batch_size']}), device {device}"
          + (f", {truncated} of {len(train_set.samples)} samples truncated to {cfg['max_length']}"
             if truncated is not None else ""))


def train(cfg, args):
    """Runs one config to its end (or to Ctrl-C / SIGTERM / --stop-at, which save a checkpoint)."""
    rank, world, device = setup_distributed(args.device)
    stop_on_signals()
    torch.set_num_threads(args.threads)
    seed_everything(cfg["seed"] + rank)
    tokenizer, model, train_set, val_set, opt, run_dir, state = prepare(cfg, args, rank, world, device)
    net = torch.nn.parallel.DistributedDataParallel(model) if dist.is_initialized() else model
    steps_per_epoch = train_set.steps_per_epoch(cfg["batch_size"], world)
    total = cfg.get("max_steps") or steps_per_epoch * cfg["epochs"]
    amp = device.type == "cuda" and cfg.get("amp", True)
    progress = Progress(run_dir, state, total, steps_per_epoch, enabled=rank == 0)
    if rank == 0:
        describe(cfg, model, train_set, total, steps_per_epoch, world, device)
    step, epoch, batch_in_epoch = state["step"], state["epoch"], state["batch_in_epoch"]

    def position():
        return {"step": step, "epoch": epoch, "batch_in_epoch": batch_in_epoch, **progress.counters()}
    try:
        while step < total:
            for i, batch in enumerate(train_set.epoch(cfg["seed"], epoch, cfg["batch_size"], rank, world)):
                if i < batch_in_epoch:
                    continue  # resume: skip the batches this epoch already saw
                if step >= total:
                    break
                tic = time.time()
                lr = cfg["lr"] * lr_factor(step, total, cfg)
                loss = train_step(net, model, opt, batch, cfg, lr, amp, device)
                step, batch_in_epoch = step + 1, i + 1
                progress.step(step, loss, lr, int(batch["attention_mask"].sum()) * world, time.time() - tic,
                              cfg.get("log_every", 10))
                if args.stop_at == step:
                    raise KeyboardInterrupt  # --stop-at: behave as if Ctrl-C came here (tests resume)
                if rank == 0 and cfg.get("eval_every") and step % cfg["eval_every"] == 0:
                    progress.validation(step, evaluate_loss(model, val_set, cfg, device, cfg.get("eval_batches", 20)))
                if rank == 0 and cfg.get("save_every") and step % cfg["save_every"] == 0:
                    save_checkpoint(run_dir / "ckpt.pt", model, opt, position(), cfg)
            else:
                epoch, batch_in_epoch = epoch + 1, 0
    except KeyboardInterrupt:
        if rank == 0:
            save_checkpoint(run_dir / "ckpt.pt", model, opt, position(), cfg)
            print(f"\ninterrupted at step {step}: saved {run_dir / 'ckpt.pt'}; continue with --resume")
        sys.exit(130)
    if rank == 0:
        finish(cfg, model, opt, val_set, device, run_dir, position(), world)
    if dist.is_initialized():
        dist.destroy_process_group()


def finish(cfg, model, opt, val_set, device, run_dir, position, world):
    """Final validation loss, checkpoint, final/ folder and summary.json."""
    val_loss = evaluate_loss(model, val_set, cfg, device, cfg.get("eval_batches", 20))
    save_checkpoint(run_dir / "ckpt.pt", model, opt, position, cfg)
    step = position["step"]
    summary = {"name": cfg["name"], "parameters": count_parameters(model), "steps": step,
               "tokens": position["tokens"], "wall_s": round(position["wall_s"], 1),
               "tokens_per_s": round(position["tokens"] / max(1e-9, position["train_s"])),
               "val_loss": round(val_loss, 4), "device": str(device), "world": world,
               "threads": torch.get_num_threads(), "torch": torch.__version__, "config": cfg}
    save_model(model.cpu(), resolve(cfg["tokenizer"]), run_dir / "final", summary)
    (run_dir / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(f"done: {step} steps, {summary['tokens_per_s']:,} tok/s, validation loss {val_loss:.4f} -> {run_dir / 'final'}")


def parse_args(argv=None):
    """The command line as a namespace (train(cfg, parse_args([...])) runs it in-process)."""
    return train_parser(__doc__).parse_args(argv)


def main():
    args = parse_args()
    train(load_config(resolve(args.config), args.set), args)


if __name__ == "__main__":
    main()
