"""Trains the seed's DCGAN or the conditional face GAN from a JSON config.

    python models/gan/train.py --config models/gan/configs/dcgan.json         # the seed, exactly
    python models/gan/train.py --config models/gan/configs/conditional.json   # identity z + expression c
    python models/gan/train.py --config models/gan/configs/conditional.json --resume
    python models/gan/train.py --config models/gan/configs/dcgan.json --set data=data/folder64.npz
    python models/gan/train.py --config models/gan/configs/conditional.json --device cuda --set max_minutes=5
    torchrun --nproc_per_node 4 models/gan/train.py --config models/gan/configs/conditional.json --device cuda

Prints the seed's line ([epoch/epochs][step/total] Loss_D Loss_G D(x) D(G(z)) before / after the G
step) with images/s, elapsed time and ETA; writes runs/<name>/log.jsonl, sample grids
(runs/<name>/samples/step_NNNNNN.png: fixed z per row, and for the conditional model a fixed
expression per column), a resumable ckpt.pt every `save_every` steps and on Ctrl-C / SIGTERM, and at
the end generator.pt (BatchNorm statistics recalibrated for batch-1 inference) and summary.json.
Under torchrun each rank takes every world-th image of the same seeded order and
DistributedDataParallel averages gradients (NCCL on CUDA, Gloo on CPU); rank 0 logs and saves.
"""
import copy
import json
import os
import sys
import time
from pathlib import Path

import torch
import torch.distributed as dist
import torch.nn.functional as F

from data import grid, load, save_png
from model import EXPRESSIONS, build, count_parameters, recalibrate_batchnorm

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # models/, for the helpers the pipelines share (models/common)
from common import fmt_time, load_config, setup_distributed, stop_on_signals, train_parser  # noqa: E402
from common import resolve as resolve_under  # noqa: E402


def resolve(path):
    """A config path, under this pipeline's folder unless absolute or present from the working directory."""
    return resolve_under(path, HERE)
PRESETS = ["neutral", *EXPRESSIONS]  # sample-grid columns of the conditional model


class Faces:
    """The training set on the device: uint8 images (NCHW) and c, batched in a seeded order."""

    def __init__(self, path, device, resolution):
        arrays = load(path)
        images = arrays["images"]
        if images.shape[1] != resolution:
            raise ValueError(f"{path} holds {images.shape[1]}px images; the config wants {resolution}px "
                             f"(make the data with --resolution {resolution} or set resolution)")
        self.meta = arrays["meta"]
        self.images = torch.from_numpy(images).permute(0, 3, 1, 2).contiguous().to(device)
        self.c = torch.from_numpy(arrays["c"]).to(device)

    def __len__(self):
        return len(self.images)

    def steps_per_epoch(self, batch, world):
        return len(self) // (batch * world)

    def batches(self, seed, epoch, batch, rank, world):
        """(images in [-1, 1], c) for one epoch: the order depends only on seed and epoch."""
        order = torch.randperm(len(self), generator=torch.Generator().manual_seed(seed * 1000 + epoch))
        order = order[rank::world].to(self.images.device)
        for i in range(len(self) // (batch * world)):
            idx = order[i * batch:(i + 1) * batch]
            yield self.images[idx].float() / 127.5 - 1, self.c[idx]


def fixed_inputs(g, seed, device):
    """The sample grid's inputs: 8 z rows × the presets (conditional) or 64 z (dcgan)."""
    gen = torch.Generator().manual_seed(seed + 12345)
    if not g.nc:
        return (torch.randn(64, g.nz, generator=gen).to(device),)
    z = torch.randn(8, g.nz, generator=gen).repeat_interleave(len(PRESETS), 0)
    c = torch.zeros(len(PRESETS), g.nc)
    for i in range(1, len(PRESETS)):
        c[i, i - 1] = 1
    return z.to(device), c.repeat(8, 1).to(device)


@torch.no_grad()
def sample_grid(g, inputs, path):
    was_training = g.training
    g.eval()
    images = ((g(*inputs).clamp(-1, 1) + 1) * 127.5).round().byte().permute(0, 2, 3, 1).cpu().numpy()
    g.train(was_training)
    save_png(grid(images, len(PRESETS) if g.nc else 8), path, scale=2)


def gan_step(nets, models, opts, real, c_real, cfg):
    """One step in the seed's order: D on real, D on fake, then G. Returns the seed's figures.

    Beyond the seed (each off when its weight is 0): `aux_weight` scores D's c regression on
    real faces and G's faces; `mode_seeking` (MSGAN) pairs the fakes by c and divides the distance
    between z by the distance between their images, so G cannot ignore z."""
    net_g, net_d = nets
    g = models[0]
    opt_g, opt_d = opts
    b, device = real.shape[0], real.device
    ones, zeros = torch.ones(b, device=device), torch.zeros(b, device=device)
    z = torch.randn(b, g.nz, device=device)
    ms = cfg.get("mode_seeking", 0.0)
    c_fake = None
    if g.nc:  # labels as often as they occur in the data; pairs share c for mode seeking
        half = c_real[torch.randperm(b, device=device)[:(b + 1) // 2]]
        c_fake = torch.cat([half, half])[:b] if ms else c_real[torch.randperm(b, device=device)]
    aux_w = cfg.get("aux_weight", 0.0) if g.nc else 0.0

    opt_d.zero_grad(set_to_none=True)
    p_real, aux_real = net_d(real, c_real if g.nc else None)
    err_real = F.binary_cross_entropy(p_real, ones)
    if aux_w:
        err_real = err_real + aux_w * F.binary_cross_entropy(aux_real, c_real)
    err_real.backward()
    fake = net_g(z, c_fake) if g.nc else net_g(z)
    p_fake, _ = net_d(fake.detach(), c_fake)
    err_fake = F.binary_cross_entropy(p_fake, zeros)
    err_fake.backward()
    opt_d.step()

    opt_g.zero_grad(set_to_none=True)
    p_gen, aux_gen = net_d(fake, c_fake)
    err_g = F.binary_cross_entropy(p_gen, ones)
    if aux_w:
        err_g = err_g + aux_w * F.binary_cross_entropy(aux_gen, c_fake)
    if ms:
        h = b // 2
        ratio = (fake[:h] - fake[h:2 * h]).abs().mean() / (z[:h] - z[h:2 * h]).abs().mean()
        err_g = err_g + ms / (ratio + 1e-5)
    err_g.backward()
    opt_g.step()
    return {"loss_D": (err_real + err_fake).item(), "loss_G": err_g.item(), "D_x": p_real.mean().item(),
            "D_G_z1": p_fake.mean().item(), "D_G_z2": p_gen.mean().item()}


@torch.no_grad()
def update_ema(ema, g, decay):
    """ema ← decay·ema + (1 − decay)·g for parameters; buffers copied (recalibrated at the end)."""
    for pe, p in zip(ema.parameters(), g.parameters()):
        pe.lerp_(p, 1 - decay)
    for be, b in zip(ema.buffers(), g.buffers()):
        be.copy_(b)


def save_checkpoint(path, models, ema, opts, position, cfg):
    """Everything resume needs: both nets (and G's average), both optimizers, the position in the
    data, RNG state."""
    tmp = Path(str(path) + ".tmp")
    torch.save({"arch": cfg["arch"], "generator": models[0].state_dict(), "discriminator": models[1].state_dict(),
                "generator_ema": ema.state_dict() if ema is not None else None,
                "opt_g": opts[0].state_dict(), "opt_d": opts[1].state_dict(), **position, "config": cfg,
                "rng": torch.get_rng_state(),
                "cuda_rng": torch.cuda.get_rng_state() if torch.cuda.is_available() else None}, tmp)
    tmp.replace(path)


class Progress:
    """Rank 0's progress lines (console and log.jsonl) and counters that survive a resume."""

    def __init__(self, run_dir, state, total, epochs, enabled):
        self.log = open(run_dir / "log.jsonl", "a") if enabled else None
        self.prior, self.total, self.epochs = state, total, epochs
        self.started, self.t0, self.images, self.train_s = state["step"], time.time(), 0, 0.0

    def step(self, step, epoch, figures, images, seconds, every, limit_s=None):
        self.images += images
        self.train_s += seconds
        if self.log is None or (step % every and step != self.total):
            return
        elapsed = time.time() - self.t0
        rate = self.images / max(1e-9, self.train_s)
        eta = elapsed / max(1, step - self.started) * (self.total - step)
        if limit_s:
            eta = min(eta, max(0.0, limit_s - elapsed))
        f = figures
        print(f"[{epoch}/{self.epochs}][{step}/{self.total}] Loss_D: {f['loss_D']:.4f} Loss_G: {f['loss_G']:.4f} "
              f"D(x): {f['D_x']:.4f} D(G(z)): {f['D_G_z1']:.4f} / {f['D_G_z2']:.4f} | {rate:,.0f} img/s | "
              f"{fmt_time(elapsed)} | ETA {fmt_time(eta)}", flush=True)
        self.log.write(json.dumps({"step": step, "epoch": epoch, **{k: round(v, 4) for k, v in f.items()},
                                   "images_per_s": round(rate), "elapsed_s": round(elapsed, 1)}) + "\n")
        self.log.flush()

    def counters(self):
        return {"images": self.prior["images"] + self.images, "train_s": self.prior["train_s"] + self.train_s,
                "wall_s": self.prior["wall_s"] + time.time() - self.t0}


def prepare(cfg, args, rank, device):
    """Data, models (fresh or from ckpt.pt), optimizers, run folder and the position to start at."""
    data = Faces(resolve(cfg["data"]), device, cfg["arch"].get("resolution", 64))
    if cfg["arch"]["kind"] == "conditional" and data.meta.get("source") != "procedural":
        raise ValueError(f"{cfg['data']} has no expression labels ({data.meta.get('source')}); "
                         "train the unconditional model (configs/dcgan.json) on a folder of images")
    g, d = build(cfg["arch"])
    g.to(device).train()
    d.to(device).train()
    ema = None
    if cfg.get("ema"):  # an exponential moving average of G's weights: the model that is sampled and shipped
        ema = copy.deepcopy(g).requires_grad_(False)
    betas = tuple(cfg.get("betas", (0.5, 0.999)))
    opts = (torch.optim.Adam(g.parameters(), lr=cfg["lr"], betas=betas),
            torch.optim.Adam(d.parameters(), lr=cfg["lr"], betas=betas))
    run_dir = Path(resolve(args.out or f"runs/{cfg['name']}"))
    state = {"step": 0, "epoch": 0, "batch_in_epoch": 0, "images": 0, "train_s": 0.0, "wall_s": 0.0}
    ckpt = run_dir / "ckpt.pt"
    if args.resume and ckpt.exists():
        saved = torch.load(ckpt, map_location=device, weights_only=False)
        g.load_state_dict(saved["generator"])
        d.load_state_dict(saved["discriminator"])
        if ema is not None and saved.get("generator_ema") is not None:
            ema.load_state_dict(saved["generator_ema"])
        opts[0].load_state_dict(saved["opt_g"])
        opts[1].load_state_dict(saved["opt_d"])
        torch.set_rng_state(saved["rng"])
        if device.type == "cuda" and saved.get("cuda_rng") is not None:
            torch.cuda.set_rng_state(saved["cuda_rng"])
        state = {k: saved.get(k, v) for k, v in state.items()}
        if rank == 0:
            print(f"resumed {ckpt} at step {state['step']}")
    elif args.resume and rank == 0:
        print(f"--resume: {ckpt} not found, starting fresh")
    if rank == 0:
        (run_dir / "samples").mkdir(parents=True, exist_ok=True)
    return data, (g, d), ema, opts, run_dir, state


def train(cfg, args):
    """Runs one config to its end (epochs, max_steps or max_minutes) or to Ctrl-C / --stop-at."""
    rank, world, device = setup_distributed(args.device, cudnn_benchmark=True)
    stop_on_signals()
    torch.set_num_threads(args.threads)
    torch.manual_seed(cfg["seed"] + rank)
    data, models, ema, opts, run_dir, state = prepare(cfg, args, rank, device)
    shown = ema if ema is not None else models[0]  # the G that sample grids show
    nets = models
    if dist.is_initialized():  # D's c head sits idle on the fake pass, hence find_unused_parameters
        nets = (torch.nn.parallel.DistributedDataParallel(models[0]),
                torch.nn.parallel.DistributedDataParallel(models[1], find_unused_parameters=bool(models[1].nc)))
    batch = cfg["batch_size"]
    steps_per_epoch = data.steps_per_epoch(batch, world)
    if steps_per_epoch == 0:
        raise ValueError(f"{len(data)} images are fewer than one batch of {batch} x {world} rank(s)")
    total = cfg.get("max_steps") or steps_per_epoch * cfg["epochs"]
    limit_s = cfg["max_minutes"] * 60 if cfg.get("max_minutes") else None
    progress = Progress(run_dir, state, total, -(-total // steps_per_epoch), enabled=rank == 0)
    fixed = fixed_inputs(models[0], cfg["seed"], device)
    if rank == 0:
        print(f"{cfg['name']}: {cfg['arch']['kind']} G {count_parameters(models[0]):,} / D {count_parameters(models[1]):,} "
              f"parameters, {len(data):,} images, {total} steps ({steps_per_epoch}/epoch x {world} rank(s), "
              f"batch {batch}), device {device}" + (f", stops after {cfg['max_minutes']} min" if limit_s else ""))
    step, epoch, batch_in_epoch = state["step"], state["epoch"], state["batch_in_epoch"]

    def position():
        return {"step": step, "epoch": epoch, "batch_in_epoch": batch_in_epoch, **progress.counters()}

    def out_of_time():
        """max_minutes reached; under DDP rank 0's clock decides for all, so no rank waits alone."""
        if not limit_s:
            return False
        flag = torch.tensor([float(time.time() - progress.t0 > limit_s)], device=device)
        if dist.is_initialized():
            dist.broadcast(flag, 0)
        return bool(flag.item())
    try:
        while step < total and not out_of_time():
            for i, (real, c) in enumerate(data.batches(cfg["seed"], epoch, batch, rank, world)):
                if i < batch_in_epoch:
                    continue  # resume: skip what this epoch already saw
                if step >= total or out_of_time():
                    break
                tic = time.time()
                figures = gan_step(nets, models, opts, real, c, cfg)
                if ema is not None:
                    update_ema(ema, models[0], cfg["ema"])
                step, batch_in_epoch = step + 1, i + 1
                progress.step(step, epoch, figures, real.shape[0] * world, time.time() - tic,
                              cfg.get("log_every", 50), limit_s)
                if args.stop_at == step:
                    raise KeyboardInterrupt  # --stop-at: as if Ctrl-C came here (tests resume)
                if rank == 0 and cfg.get("sample_every") and step % cfg["sample_every"] == 0:
                    sample_grid(shown, fixed, run_dir / "samples" / f"step_{step:06d}.png")
                if rank == 0 and cfg.get("save_every") and step % cfg["save_every"] == 0:
                    save_checkpoint(run_dir / "ckpt.pt", models, ema, opts, position(), cfg)
            else:
                epoch, batch_in_epoch = epoch + 1, 0
    except KeyboardInterrupt:
        if rank == 0:
            save_checkpoint(run_dir / "ckpt.pt", models, ema, opts, position(), cfg)
            print(f"\ninterrupted at step {step}: saved {run_dir / 'ckpt.pt'}; continue with --resume")
        sys.exit(130)
    if rank == 0:
        finish(cfg, data, models, ema, opts, run_dir, position(), world, device, fixed)
    if dist.is_initialized():
        dist.destroy_process_group()


def finish(cfg, data, models, ema, opts, run_dir, position, world, device, fixed):
    """ckpt.pt, then generator.pt (the average when `ema` is on) with BatchNorm recalibrated, the
    final grid and summary.json."""
    save_checkpoint(run_dir / "ckpt.pt", models, ema, opts, position, cfg)
    g = ema if ema is not None else models[0]
    gen = torch.Generator(device=device).manual_seed(cfg["seed"] + 777)

    def sample_inputs():
        n = cfg["batch_size"]
        z = torch.randn(n, g.nz, device=device, generator=gen)
        idx = torch.randint(len(data), (n,), device=device, generator=gen)
        return (z, data.c[idx]) if g.nc else (z,)
    recalibrate_batchnorm(g, sample_inputs, cfg.get("recalibrate_batches", 64))
    summary = {"name": cfg["name"], "kind": cfg["arch"]["kind"], "parameters_g": count_parameters(g),
               "steps": position["step"], "epochs": round(position["step"] / data.steps_per_epoch(cfg["batch_size"], world), 2),
               "images": position["images"], "seconds": round(position["train_s"], 1),
               "wall_s": round(position["wall_s"], 1),
               "images_per_s": round(position["images"] / max(1e-9, position["train_s"])),
               "device": torch.cuda.get_device_name(device) if device.type == "cuda" else f"cpu ({torch.get_num_threads()} threads)",
               "world": world, "dataset": {"path": cfg["data"], **data.meta}, "torch": torch.__version__, "config": cfg}
    if device.type == "cpu":
        summary["load_average"] = round(os.getloadavg()[0], 1)  # CPU figures mean little on a busy machine
    torch.save({"arch": cfg["arch"], "generator": {k: v.cpu() for k, v in g.state_dict().items()}, "summary": summary},
               run_dir / "generator.pt")
    sample_grid(g, fixed, run_dir / "samples" / "final.png")
    (run_dir / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(f"done: {position['step']} steps, {summary['images_per_s']:,} img/s, {fmt_time(position['train_s'])} "
          f"-> {run_dir / 'generator.pt'}")


def parse_args(argv=None):
    """The command line as a namespace (train(cfg, parse_args([...])) runs it in-process)."""
    return train_parser(__doc__).parse_args(argv)


def main():
    args = parse_args()
    train(load_config(resolve(args.config), args.set), args)


if __name__ == "__main__":
    main()
