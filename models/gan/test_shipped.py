"""pytest: the committed shipped/ generator keeps the runtime contract and behaves like a face:
a viseme moves the mouth, a blink the eye, z changes who it is, and the edges meet the skin.
Parity against PyTorch runs only where runs/conditional/generator.pt was trained (weights are not
shipped).

    .venv/bin/python -m pytest models/gan/test_shipped.py
"""
import json
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest

from faces import EDGE_SKIN
from model import EXPRESSIONS, load_generator
from parity import parity_report

HERE = Path(__file__).resolve().parent
SHIPPED = HERE / "shipped"
MOUTH, RIGHT_EYE, LEFT_EYE = (slice(40, 56), slice(22, 42)), (slice(16, 36), slice(8, 30)), (slice(16, 36), slice(34, 56))


@pytest.fixture(scope="module")
def meta():
    return json.loads((SHIPPED / "generator.json").read_text())


@pytest.fixture(scope="module")
def generate():
    sess = ort.InferenceSession(str(SHIPPED / "generator.onnx"), providers=["CPUExecutionProvider"])
    z = np.random.default_rng(0).standard_normal((4, 100)).astype(np.float32)

    def run(fields=(), z=z):
        c = np.zeros((len(z), 10), np.float32)
        for name in fields:
            c[:, EXPRESSIONS.index(name)] = 1
        return (sess.run(None, {"z": z, "c": c})[0] + 1) * 127.5  # [B, 3, 64, 64] in 0..255
    return run


def change(a, b, region):
    return float(np.abs(a - b)[:, :, region[0], region[1]].mean())


def test_sidecar_matches_the_contract(meta):
    assert meta["format"] == "genanchor-gan" and meta["version"] == 1 and meta["kind"] == "conditional"
    assert meta["nz"] == 100 and meta["resolution"] == 64 and meta["channels"] == 3
    assert meta["inputs"] == {"z": "z", "c": "c"}
    assert meta["output"] == {"name": "image", "layout": "NCHW", "range": [-1, 1]}
    assert [e["name"] for e in meta["c"]] == list(EXPRESSIONS)
    assert meta["files"] == {"fp32": "generator.onnx", "fp16": "generator_fp16.onnx"}
    assert meta["layout"] == "assets/anchor/face-layout.json"
    assert meta["training"]["steps"] > 1000 and meta["training"]["images"] > 0


@pytest.mark.parametrize("name", ["generator.onnx", "generator_fp16.onnx"])
def test_onnx_files_are_valid_with_a_dynamic_batch(name):
    path = SHIPPED / name
    assert path.stat().st_size <= 15e6
    onnx.checker.check_model(str(path), full_check=True)
    model = onnx.load(str(path))
    assert model.opset_import[0].version == 17
    dims = {i.name: [d.dim_param or d.dim_value for d in i.type.tensor_type.shape.dim] for i in model.graph.input}
    assert dims == {"z": ["batch", 100], "c": ["batch", 10]}
    out = model.graph.output[0]
    assert out.name == "image" and out.type.tensor_type.elem_type == onnx.TensorProto.FLOAT


def test_a_viseme_moves_the_mouth_and_little_else(generate):
    neutral, aa = generate(), generate(["aa"])
    assert change(neutral, aa, MOUTH) > 5 * change(neutral, aa, LEFT_EYE)


def test_blink_left_closes_the_models_left_eye(generate):
    neutral, blink = generate(), generate(["blinkLeft"])
    assert change(neutral, blink, LEFT_EYE) > 5 * change(neutral, blink, RIGHT_EYE)
    assert change(neutral, blink, LEFT_EYE) > 5 * change(neutral, blink, MOUTH)


def test_z_changes_the_identity(generate):
    faces = generate()
    assert np.abs(faces[0] - faces[1]).mean() > 2


def test_edges_meet_the_skin_material(generate):
    faces = generate()
    sides = np.concatenate([faces[:, :, 16:, 0], faces[:, :, 16:, -1], faces[:, :, -1, :]], axis=2)
    assert np.abs(sides.mean(axis=(0, 2)) - EDGE_SKIN * 255).max() < 10


def test_parity_with_the_trained_weights():
    source = HERE / "runs" / "conditional" / "generator.pt"
    if not source.exists():
        pytest.skip(f"{source} not trained here; run train.py (or copy it from the GPU run) first")
    g, _ = load_generator(source)
    report = parity_report(g, SHIPPED)
    assert report["ok"], report["max_abs_diff"]
