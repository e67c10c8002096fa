"""Renders models/gan/REPORT.md from runs/evaluation.json (evaluate.py), runs/parity.json
(export.py), the shipped sidecar and file sizes, and runs/cpu_speed/summary.json when measured.

    python models/gan/report.py
"""
import json
from pathlib import Path

from model import EXPRESSIONS

HERE = Path(__file__).resolve().parent


def read(path):
    path = HERE / path
    return json.loads(path.read_text()) if path.exists() else None


def fmt_kid(k):
    return f"{k[0]:.2f} ± {k[1]:.2f}" if abs(k[0]) < 1000 else f"{k[0]:,.0f} ± {k[1]:,.0f}"


def training_rows(models):
    rows = ["| | seed DCGAN (`dcgan`) | conditional (`conditional`) |", "|---|---|---|"]
    def cell(name, key, fmt="{}"):
        t = (models.get(name) or {}).get("training", {})
        return fmt.format(t[key]) if key in t else "–"
    def both(label, key, fmt="{}"):
        rows.append(f"| {label} | {cell('dcgan', key, fmt)} | {cell('conditional', key, fmt)} |")
    both("device", "device")
    both("steps", "steps", "{:,}")
    both("epochs", "epochs")
    both("images seen", "images", "{:,}")
    both("training time (s)", "seconds")
    both("images/s (D + G step)", "images_per_s", "{:,}")
    rows.append(f"| generator parameters | {(models.get('dcgan') or {}).get('parameters_g', 0):,} | "
                f"{(models.get('conditional') or {}).get('parameters_g', 0):,} |")
    return rows


def seed_baseline_lines():
    """What the seed's run did, read from its log: where both probabilities sat and for how long."""
    path = HERE / "runs" / "dcgan" / "log.jsonl"
    if not path.exists():
        return []
    log = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    stuck = [e for e in log if e["D_x"] in (0.0, 1.0) and e["D_G_z1"] in (0.0, 1.0)]
    if not stuck:
        return []
    first, last = stuck[0], log[-1]
    return ["", f"The seed's recipe does not learn this data. From step {first['step']:,} (its first log line) to "
            f"the last ({last['step']:,}) it reads D(x) = {first['D_x']:.4f}, D(G(z)) = {first['D_G_z1']:.4f}, "
            f"Loss_D = {first['loss_D']:.1f}, Loss_G = {first['loss_G']:.1f}: D's sigmoid has saturated (BCE clamps "
            "log 0 at −100), so neither network gets a gradient again and G stays noise. README.md, "
            "\"What was tried\", has the runs behind the conditional recipe."]


def write_report():
    ev = read("runs/evaluation.json")
    if ev is None:
        raise SystemExit("runs/evaluation.json not found: run evaluate.py first")
    models, real = ev["models"], ev["real"]
    parity, meta = read("runs/parity.json"), read("shipped/generator.json")
    cpu = read("runs/cpu_speed/summary.json")
    judge = ev["judge"]
    lines = ["# GAN face report", "",
             "Written by `evaluate.py` / `report.py` (do not edit by hand). Commands: `README.md`.", "",
             "## Samples", "",
             "Real procedural faces (held out), the seed DCGAN (32 random z), and the conditional model "
             "(rows: one z each; columns: " + ", ".join(["neutral", *EXPRESSIONS]) + " at 1):", "",
             "| real | seed DCGAN |", "|---|---|", "| ![real](report/real.png) | ![dcgan](report/dcgan.png) |", "",
             "![conditional](report/conditional.png)", "",
             "## Scores", "",
             f"The judge is a small CNN (`judge.py`) trained on {judge['train_images']:,} real procedural faces "
             f"({judge['steps']} steps) to read back c and the identity parameters. **Its KID is measured in "
             "this project's own feature space and is not comparable with Inception FID/KID figures.** "
             "Lower is better everywhere; the *real* column is the floor (real vs real, the judge on real faces).", "",
             "| | real (floor) | seed DCGAN | conditional |", "|---|---|---|---|"]
    def get(name, *keys):
        node = real if name == "real" else models.get(name)
        for k in keys:
            node = None if node is None else node.get(k)
        return node
    kid_cells = [fmt_kid(get(n, "kid_x1000")) if get(n, "kid_x1000") else "–" for n in ("real", "dcgan", "conditional")]
    lines.append(f"| KID ×1000 (2,000 vs 2,000, 10 subsets) | {' | '.join(kid_cells)} |")
    for name in EXPRESSIONS:
        r, c = get("real", "c_mae", name), get("conditional", "c_mae", name)
        lines.append(f"| c error \\|ĉ − c\\| `{name}` | {r:.3f} | – | {c:.3f} |" if c is not None else f"| `{name}` | {r:.3f} | – | – |")
    def mean_mae(n):
        m = get(n, "c_mae")
        return f"{sum(m.values()) / len(m):.3f}" if m else "–"
    lines.append(f"| c error, mean of the 10 | {mean_mae('real')} | – | {mean_mae('conditional')} |")
    ri, ci = get("real", "identity"), get("conditional", "identity")
    lines.append(f"| identity drift across c (within / between) | {ri['ratio']:.3f} | – | "
                 f"{ci['ratio']:.3f} |" if ci else f"| identity drift | {ri['ratio']:.3f} | – | – |")
    lines += ["", "Identity stability: for 100 identities × 11 expressions, the judge's identity vector "
              "(standardised skin, hair, eye colour/shape, brows, mouth, blush, fringe) should move little when "
              "only c changes. Each bar is one identity's mean distance across the 11 expressions; the dashed line "
              "is the mean distance between different identities at the same expression.", "",
              "![identity](report/identity.png)", "", "## Training", ""]
    lines += training_rows(models)
    count = ((models.get("conditional") or {}).get("training", {}).get("dataset") or {}).get("count")
    lines += ["", "Both runs shared one GPU while the seed's ran (its first minutes), so each images/s is a "
              f"shared-GPU rate. Training data: {count or '?':,} procedural faces (`data.py`, seed 0)."]
    lines += seed_baseline_lines()
    if cpu:
        lines += ["", f"CPU reference: the conditional model (ngf 64, batch {cpu['config']['batch_size']}) trained at "
                  f"**{cpu['images_per_s']:,} images/s** on this project's shared 2-core machine "
                  f"({cpu['device']}, {cpu['seconds']} s measured, load average {cpu.get('load_average', '?')} "
                  "from the other jobs on it: a figure for a busy machine, not for the hardware)."]
    if meta and parity:
        sizes = {f.name: f.stat().st_size / 1e6 for f in (HERE / "shipped").glob("generator*.onnx")}
        diffs = parity["max_abs_diff"]
        fp32 = max(v for k, v in diffs.items() if not k.startswith("fp16"))
        fp16 = max(v for k, v in diffs.items() if k.startswith("fp16"))
        lines += ["", "## Shipped model", "",
                  f"`shipped/` holds the `{meta['kind']}` generator (z {meta['nz']}, c {len(meta['c'])}, "
                  f"{meta['resolution']}×{meta['resolution']}, opset 17, `onnx.checker` full check clean):", "",
                  "| file | size | max \\|ONNX − PyTorch\\| (onnxruntime CPU) |", "|---|---|---|",
                  f"| `generator.onnx` (fp32) | {sizes.get('generator.onnx', 0):.2f} MB | {fp32:.1e} (limit 1e-3) |",
                  f"| `generator_fp16.onnx` (fp16 compute, fp32 I/O) | {sizes.get('generator_fp16.onnx', 0):.2f} MB | {fp16:.1e} |"]
    (HERE / "REPORT.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    write_report()
    print(f"-> {HERE / 'REPORT.md'}")
