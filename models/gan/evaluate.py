"""Scores the trained generators against real procedural faces and writes REPORT.md.

    python models/gan/evaluate.py --device cuda            # runs/{dcgan,conditional}/generator.pt
    python models/gan/evaluate.py --judge-images 4000 --judge-steps 300   # a quick CPU pass

What it measures (judge.py explains the network the scores use):
  KID       polynomial-kernel MMD² between judge features of 2,000 generated and 2,000 held-out
            real faces (×1000, mean ± std over 10 subsets of 500); real-vs-real is the floor
  c error   mean |ĉ − c| per field, ĉ read by the judge from faces generated for c; the judge's
            own error on real held-out faces is the floor
  identity  for 100 z × 11 expressions (neutral and each field at 1), the mean distance between
            judge identity vectors of the same z across expressions, divided by the mean distance
            between different z at the same expression (0 = identity untouched by c); the same
            ratio on real faces painted with one identity across the same expressions is the floor
Writes runs/evaluation.json, report/*.png (sample grids, identity figure) and REPORT.md (report.py).
"""
import argparse
import json
from pathlib import Path

import numpy as np
import torch

import data
from faces import paint_face
from judge import judge_outputs, to_input, train_judge
from model import EXPRESSIONS, load_generator
from train import PRESETS

HERE = Path(__file__).resolve().parent
MODELS = ("dcgan", "conditional")


def kid(f_real, f_fake, subsets=10, size=500, seed=0):
    """Kernel inception distance (unbiased MMD², cubic polynomial kernel) ×1000: (mean, std)."""
    rng = np.random.default_rng(seed)
    scale = f_real.double().pow(2).mean().sqrt()  # real features at unit RMS: a scale-free figure
    a, b = f_real.double() / scale, f_fake.double() / scale
    size = min(size, len(a), len(b))
    d, values = a.shape[1], []
    for _ in range(subsets):
        x = a[torch.from_numpy(rng.choice(len(a), size, replace=False))]
        y = b[torch.from_numpy(rng.choice(len(b), size, replace=False))]
        kxx, kyy, kxy = ((x @ x.T) / d + 1) ** 3, ((y @ y.T) / d + 1) ** 3, ((x @ y.T) / d + 1) ** 3
        off = size * (size - 1)
        mmd = (kxx.sum() - kxx.diagonal().sum()) / off + (kyy.sum() - kyy.diagonal().sum()) / off - 2 * kxy.mean()
        values.append(float(mmd) * 1000)
    return float(np.mean(values)), float(np.std(values))


@torch.no_grad()
def generate(g, z, c=None, batch=500):
    """Float images in [-1, 1] for z (and c), batched, on z's device."""
    parts = [g(z[i:i + batch], *(() if c is None else (c[i:i + batch],))) for i in range(0, len(z), batch)]
    return torch.cat(parts).clamp(-1, 1)


def to_uint8(x):
    return ((x + 1) * 127.5).round().byte().permute(0, 2, 3, 1).cpu().numpy()


def preset_c(nc=len(EXPRESSIONS)):
    """The 11 expression columns: neutral, then each field at 1."""
    c = np.zeros((len(PRESETS), nc), np.float32)
    for i in range(1, len(PRESETS)):
        c[i, i - 1] = 1
    return c


def stability(identity, n_ids, n_presets):
    """(within / between ratio, mean within, mean between, within per id) for identity vectors
    laid out [id][preset]."""
    v = identity.reshape(n_ids, n_presets, -1).double()
    within = torch.cdist(v, v).sum((1, 2)) / (n_presets * (n_presets - 1))  # per id, across presets
    across = torch.cdist(v.transpose(0, 1), v.transpose(0, 1)).sum((1, 2)) / (n_ids * (n_ids - 1))
    w, b = float(within.mean()), float(across.mean())
    return w / b, w, b, within.cpu().numpy()


def real_stability_faces(n_ids, seed=3, resolution=64):
    """Real faces: n_ids identities, each painted with every preset expression."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n_ids):
        ident = data.sample_identity(rng)
        out += [paint_face(ident, c, resolution) for c in preset_c()]
    return np.stack(out)


def evaluate_model(name, judge, real, device, n=2000, n_ids=100, seed=0):
    """The figures for one trained run (None when runs/<name>/generator.pt is missing)."""
    path = HERE / "runs" / name / "generator.pt"
    if not path.exists():
        return None, None
    g, saved = load_generator(path, map_location=device)
    g.to(device)
    n = min(n, len(real["c"]))
    gen = torch.Generator(device=device).manual_seed(seed)
    z = torch.randn(n, g.nz, device=device, generator=gen)
    c = torch.from_numpy(real["c"][:n]).to(device) if g.nc else None
    fake = generate(g, z, c)
    feats, c_hat, _ = judge_outputs(judge, fake)
    out = {"kid_x1000": kid(real["features"], feats), "training": saved.get("summary", {}),
           "parameters_g": sum(p.numel() for p in g.parameters())}
    grids = {}
    if g.nc:
        err = (c_hat - c).abs().mean(0).cpu().numpy()
        out["c_mae"] = dict(zip(EXPRESSIONS, map(float, err)))
        zi = torch.randn(n_ids, g.nz, device=device, generator=gen).repeat_interleave(len(PRESETS), 0)
        ci = torch.from_numpy(preset_c()).to(device).repeat(n_ids, 1)
        faces = generate(g, zi, ci)
        _, _, ident = judge_outputs(judge, faces)
        ratio, within, between, per_id = stability(ident, n_ids, len(PRESETS))
        out["identity"] = {"ratio": ratio, "within": within, "between": between}
        out["identity_within_per_id"] = per_id.tolist()
        grids[f"{name}.png"] = data.grid(to_uint8(faces[:8 * len(PRESETS)]), len(PRESETS))
    else:
        grids[f"{name}.png"] = data.grid(to_uint8(fake[:32]), 8)
    return out, grids


def identity_figure(series, width=560, height=220):
    """Bars: per source ({name: (within distance per identity, mean between-identity distance)}),
    each identity's distance across expressions, sorted, against the distance between identities
    (the dashed line); uint8 RGB."""
    from PIL import Image, ImageDraw
    im = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(im)
    series = [(k, np.sort(v), b) for k, (v, b) in series.items()]
    top = max(max(v.max(), b) for _, v, b in series) * 1.1
    colours = {"real": (90, 160, 90), "conditional": (210, 90, 120)}
    panel = (width - 20) // max(1, len(series))
    for p, (name, values, between) in enumerate(series):
        x0 = 10 + p * panel
        draw.text((x0 + 4, 4), f"{name}: distance across c, per identity", fill=(0, 0, 0))
        bar = (panel - 20) / len(values)
        for i, v in enumerate(values):
            h = (height - 40) * v / top
            draw.rectangle([x0 + i * bar, height - 20 - h, x0 + (i + 1) * bar - 1, height - 20], fill=colours.get(name, (80, 80, 200)))
        yb = height - 20 - (height - 40) * between / top
        for xs in range(int(x0), int(x0 + panel - 20), 8):
            draw.line([xs, yb, xs + 4, yb], fill=(0, 0, 0), width=1)
        draw.text((x0 + 4, yb - 12), "between identities", fill=(0, 0, 0))
    return np.asarray(im)


def score_real(args, device):
    """Trains the judge and measures the floors on real faces.
    Returns (judge, {"features", "c"} of the held-out faces, the "real" figures, (within per id, between))."""
    train_set = data.build(args.judge_images, seed=1, workers=args.workers)
    test_set = data.build(args.test_images, seed=2, workers=args.workers)
    judge, _, _ = train_judge(train_set["images"], train_set["c"], train_set["identity"], device, steps=args.judge_steps)
    feats, c_hat, _ = judge_outputs(judge, to_input(test_set["images"], device))
    ref_feats, _, _ = judge_outputs(judge, to_input(train_set["images"][:args.test_images], device))
    floor_c = np.abs(c_hat.cpu().numpy() - test_set["c"]).mean(0)
    _, _, real_ident = judge_outputs(judge, to_input(real_stability_faces(100), device))
    ratio, within, between, per_id = stability(real_ident, 100, len(PRESETS))
    figures = {"kid_x1000": kid(feats, ref_feats), "c_mae": dict(zip(EXPRESSIONS, map(float, floor_c))),
               "identity": {"ratio": ratio, "within": within, "between": between}}
    data.save_png(data.grid(test_set["images"][:64], 8), HERE / "report" / "real.png")
    return judge, {"features": feats, "c": test_set["c"]}, figures, (per_id, between)


def main():
    from report import write_report
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--device", default="cpu", choices=("cpu", "cuda"))
    ap.add_argument("--judge-images", type=int, default=20000, help="real faces the judge trains on")
    ap.add_argument("--judge-steps", type=int, default=2000)
    ap.add_argument("--test-images", type=int, default=2000, help="held-out real faces")
    ap.add_argument("--workers", type=int, default=1, help="processes painting faces")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--runs", nargs="+", default=list(MODELS), help="run names under runs/ (default dcgan conditional)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    out_dir = HERE / "report"
    out_dir.mkdir(exist_ok=True)
    judge, real, real_figures, real_series = score_real(args, device)
    result = {"judge": {"train_images": args.judge_images, "steps": args.judge_steps,
                        "test_images": args.test_images, "device": str(device)},
              "real": real_figures, "models": {}}
    per_id_series = {"real": real_series}
    for name in args.runs:
        figures, grids = evaluate_model(name, judge, real, device)
        if figures is None:
            print(f"{name}: runs/{name}/generator.pt not found, skipped")
            continue
        per = figures.pop("identity_within_per_id", None)
        if per is not None:
            per_id_series[name] = (np.array(per), figures["identity"]["between"])
        result["models"][name] = figures
        for file, image in grids.items():
            data.save_png(image, out_dir / file)
        extra = (f", c error {np.mean(list(figures['c_mae'].values())):.3f}, identity drift "
                 f"{figures['identity']['ratio']:.3f}" if "c_mae" in figures else "")
        print(f"{name}: KID×1000 {figures['kid_x1000'][0]:.2f} ± {figures['kid_x1000'][1]:.2f}{extra}")
    data.save_png(identity_figure(per_id_series), out_dir / "identity.png")
    (HERE / "runs").mkdir(exist_ok=True)
    (HERE / "runs" / "evaluation.json").write_text(json.dumps(result, indent=2) + "\n")
    write_report()
    print(f"-> {HERE / 'runs' / 'evaluation.json'}, {out_dir}/, REPORT.md")


if __name__ == "__main__":
    main()
