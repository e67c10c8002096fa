"""Exports a trained generator to ONNX (fp32 and fp16) with the sidecar the runtime reads.

    python models/gan/export.py                                   # runs/conditional/generator.pt -> shipped/
    python models/gan/export.py --checkpoint runs/dcgan/generator.pt --out shipped/dcgan
    python models/gan/export.py --untrained                       # a valid, untrained conditional model

Files (the contract with systems/face):
  generator.onnx       fp32, opset 17; inputs z float32 [batch, 100] (and c float32 [batch, 10] when
                       conditional), output image float32 [batch, 3, R, R] in [-1, 1], NCHW;
                       batch is a dynamic axis
  generator_fp16.onnx  the same graph computed in float16 (weights and activations), with float32
                       inputs and output: Cast nodes at the edges, so callers feed the same arrays
  generator.json       {"format": "genanchor-gan", "version": 1, "kind", "nz", "resolution",
                       "channels", "inputs", "output", "c": [{"name", "neutral"}...], "files",
                       "layout", "training": {...}}
Both ONNX files pass onnx.checker (full check); parity.py compares them with PyTorch.
"""
import argparse
import copy
import json
import warnings
from pathlib import Path

import onnx
import torch

from model import EXPRESSIONS, build, load_generator

HERE = Path(__file__).resolve().parent
OPSET = 17
SIZE_LIMIT_MB = 15.0
FORMAT, VERSION = "genanchor-gan", 1
LAYOUT = "assets/anchor/face-layout.json"


class Fp16Edges(torch.nn.Module):
    """The generator in float16 behind float32 inputs and output (Cast nodes in the graph)."""

    def __init__(self, g):
        super().__init__()
        self.g = copy.deepcopy(g).half()

    def forward(self, *inputs):
        return self.g(*(x.half() for x in inputs)).float()


def io_names(g):
    """(input names, output names) of the exported graph."""
    return (["z", "c"] if g.nc else ["z"]), ["image"]


def example_inputs(g, batch=2, seed=0):
    """Random (z,) or (z, c) for tracing and parity checks."""
    gen = torch.Generator().manual_seed(seed)
    z = torch.randn(batch, g.nz, generator=gen)
    return (z, torch.rand(batch, g.nc, generator=gen)) if g.nc else (z,)


def export_onnx(module, g, path):
    """Traces `module` (G or its fp16 wrapper) with a dynamic batch axis and checks the file."""
    inputs, outputs = io_names(g)
    axes = {name: {0: "batch"} for name in inputs + outputs}
    path.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():  # the TorchScript exporter's deprecation notice: it is the one that
        warnings.simplefilter("ignore", DeprecationWarning)  # needs no onnxscript, and traces G exactly
        torch.onnx.export(module.eval(), example_inputs(g), str(path), dynamo=False, opset_version=OPSET,
                          input_names=inputs, output_names=outputs, dynamic_axes=axes, do_constant_folding=True)
    onnx.checker.check_model(str(path), full_check=True)


def sidecar(g, training):
    """The generator.json the runtime reads before it opens the ONNX file."""
    inputs, _ = io_names(g)
    meta = {"format": FORMAT, "version": VERSION, "kind": g.kind, "nz": g.nz, "resolution": g.resolution,
            "channels": 3, "inputs": {name: name for name in inputs},
            "output": {"name": "image", "layout": "NCHW", "range": [-1, 1]},
            "c": [{"name": name, "neutral": 0} for name in EXPRESSIONS] if g.nc else [],
            "files": {"fp32": "generator.onnx", "fp16": "generator_fp16.onnx"},
            "fp16": "float16 weights and compute; float32 inputs and output (Cast nodes at the edges)",
            "layout": LAYOUT, "training": training}
    return meta


def export(g, out_dir, training):
    """Writes generator.onnx, generator_fp16.onnx and generator.json; returns file sizes in MB."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    g = g.eval().cpu()
    export_onnx(g, g, out / "generator.onnx")
    export_onnx(Fp16Edges(g), g, out / "generator_fp16.onnx")
    (out / "generator.json").write_text(json.dumps(sidecar(g, training), indent=2) + "\n")
    sizes = {f.name: round(f.stat().st_size / 1e6, 2) for f in sorted(out.iterdir()) if f.name.startswith("generator")}
    over = {name: mb for name, mb in sizes.items() if mb > SIZE_LIMIT_MB}
    if over:
        raise SystemExit(f"over the {SIZE_LIMIT_MB} MB limit per shipped file: {over}")
    return sizes


def training_summary(saved):
    """The sidecar's "training" block from a checkpoint's summary (what, how long, where)."""
    s = saved.get("summary") or {}
    keys = ("name", "steps", "images", "seconds", "images_per_s", "device", "world", "dataset", "torch")
    return {k: s[k] for k in keys if k in s}


def main():
    from parity import parity_report
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkpoint", default=str(HERE / "runs" / "conditional" / "generator.pt"))
    ap.add_argument("--out", default=str(HERE / "shipped"), help="output folder (default models/gan/shipped)")
    ap.add_argument("--untrained", action="store_true", help="export a freshly initialised conditional G")
    ap.add_argument("--ngf", type=int, default=64, help="with --untrained: generator width (default 64)")
    args = ap.parse_args()
    if args.untrained:
        torch.manual_seed(0)
        g, _ = build({"kind": "conditional", "ngf": args.ngf})
        training = {"name": "untrained", "steps": 0, "images": 0, "seconds": 0, "device": "none"}
    else:
        g, saved = load_generator(args.checkpoint)
        training = training_summary(saved)
    sizes = export(g, args.out, training)
    for name, mb in sizes.items():
        print(f"  {name:<22} {mb:6.2f} MB")
    report = parity_report(g, args.out)
    if not args.untrained:
        (HERE / "runs").mkdir(exist_ok=True)
        (HERE / "runs" / "parity.json").write_text(json.dumps(report, indent=2) + "\n")
    for name, diff in report["max_abs_diff"].items():
        print(f"  parity {name:<20} max |Δ| {diff:.2e}")
    if not report["ok"]:
        raise SystemExit(f"parity check failed: fp32 ONNX differs from PyTorch by >= {report['tolerance']}")
    print(f"parity ok -> {args.out}")


if __name__ == "__main__":
    main()
