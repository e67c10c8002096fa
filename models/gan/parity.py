"""PyTorch vs onnxruntime for an exported generator: fp32 must agree within 1e-3 (batch 1 and a
batch of 4, neutral and random c); the fp16 file's difference is reported (it is expected near 1e-2).

    python models/gan/parity.py --checkpoint runs/conditional/generator.pt --shipped shipped
"""
import argparse
import json
from pathlib import Path

import numpy as np
import onnxruntime as ort
import torch

from export import example_inputs, io_names
from model import load_generator

TOLERANCE = 1e-3


def session(path, threads=2):
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])


def check_io(sess, g):
    """Raises when the ONNX file's inputs/outputs are not the contract's names and shapes."""
    inputs, outputs = io_names(g)
    got_in = {i.name: i.shape for i in sess.get_inputs()}
    got_out = {o.name: o.shape for o in sess.get_outputs()}
    want_in = {"z": ["batch", g.nz], "c": ["batch", g.nc]}
    for name in inputs:
        if got_in.get(name) != want_in[name]:
            raise ValueError(f"input {name}: expected {want_in[name]}, the file has {got_in.get(name)}")
    if set(got_in) != set(inputs) or got_out.get("image") != ["batch", 3, g.resolution, g.resolution]:
        raise ValueError(f"I/O {got_in} -> {got_out} does not match the contract ({inputs} -> {outputs})")


def cases(g):
    """Named input tuples: batch 1 and 4, random c, and the neutral face (c = 0) when conditional."""
    out = {"batch 1": example_inputs(g, 1, seed=1), "batch 4": example_inputs(g, 4, seed=2)}
    if g.nc:
        z, _ = example_inputs(g, 4, seed=3)
        out["neutral c"] = (z, torch.zeros(4, g.nc))
        out["c at 1"] = (z, torch.ones(4, g.nc))
    return out


def parity_report(g, shipped_dir):
    """{"max_abs_diff": {case: fp32 diff, "fp16 " + case: ...}, "ok": fp32 all < TOLERANCE, ...}."""
    shipped = Path(shipped_dir)
    g = g.eval().cpu()
    fp32, fp16 = session(shipped / "generator.onnx"), session(shipped / "generator_fp16.onnx")
    check_io(fp32, g)
    check_io(fp16, g)
    names, _ = io_names(g)
    diffs = {}
    for case, inputs in cases(g).items():
        with torch.no_grad():
            ref = g(*inputs).numpy()
        feed = {n: x.numpy() for n, x in zip(names, inputs)}
        diffs[case] = float(np.abs(fp32.run(None, feed)[0] - ref).max())
        diffs["fp16 " + case] = float(np.abs(fp16.run(None, feed)[0] - ref).max())
    ok = all(v < TOLERANCE for k, v in diffs.items() if not k.startswith("fp16"))
    return {"tolerance": TOLERANCE, "max_abs_diff": diffs, "ok": ok}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkpoint", required=True, help="generator.pt or ckpt.pt from train.py")
    ap.add_argument("--shipped", required=True, help="folder with generator.onnx and generator_fp16.onnx")
    args = ap.parse_args()
    g, _ = load_generator(args.checkpoint)
    report = parity_report(g, args.shipped)
    print(json.dumps(report, indent=2))
    if not report["ok"]:
        raise SystemExit("parity check failed")


if __name__ == "__main__":
    main()
