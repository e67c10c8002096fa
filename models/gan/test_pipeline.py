"""pytest: a CI-sized run of the GAN pipeline in a temporary folder (procedural data, a few train
steps of a tiny conditional and seed model, resume, DDP with one Gloo rank, export, parity, the
sidecar), plus the face painter's and the folder loader's contracts. ~20 s on 2 CPU cores.

    .venv/bin/python -m pytest models/gan/test_pipeline.py
"""
import json
import socket

import numpy as np
import onnxruntime as ort
import pytest
import torch
from PIL import Image

import data
import export
import parity
import train
from faces import EDGE_SKIN, paint_face
from model import EXPRESSIONS, load_generator

TINY = {"ngf": 4, "ndf": 4, "resolution": 64, "inject": [1, 2], "d_norm": "batch", "minibatch_std": True}


@pytest.fixture(scope="module")
def faces(tmp_path_factory):
    root = tmp_path_factory.mktemp("gan")
    arrays = data.build(24, seed=0)
    data.save(arrays, root / "faces.npz", {"source": "procedural", "count": 24, "seed": 0, "resolution": 64})
    return root


def config(root, kind="conditional", **over):
    cfg = json.loads((train.HERE / "configs" / "smoke.json").read_text())
    cfg.update({"data": str(root / "faces.npz"), "arch": {"kind": kind, **TINY}, "batch_size": 4, "max_steps": 4,
                "mode_seeking": 1.0, "ema": 0.9, "sample_every": 0, "save_every": 100, "recalibrate_batches": 1, **over})
    return cfg


def run(cfg, out, *flags):
    train.train(cfg, train.parse_args(["--config", "unused", "--out", str(out), "--threads", "1", *flags]))


def region_change(a, b, rows, cols):
    return float(np.abs(a.astype(int) - b.astype(int))[rows, cols].mean())


def test_faces_are_deterministic_by_seed_and_index():
    a, b = data.face(7, 3), data.face(7, 3)
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    assert not np.array_equal(data.face(7, 4)[0], a[0])
    built = data.build(3, seed=7)
    assert np.array_equal(built["images"][2], data.face(7, 2)[0])
    assert built["images"].shape == (3, 64, 64, 3) and built["images"].dtype == np.uint8
    assert built["c"].shape == (3, len(EXPRESSIONS)) and built["c"].min() >= 0 and built["c"].max() <= 1


def test_face_edges_meet_the_skin_material():
    image = data.face(0, 0)[0].astype(float)
    edge = np.concatenate([image[16:, 0], image[16:, -1], image[-1]])  # the top sits under the fringe
    assert np.abs(edge - EDGE_SKIN * 255).max() <= 3


def test_expression_fields_move_their_own_features():
    ident = data.sample_identity(np.random.default_rng(1))
    neutral = paint_face(ident, np.zeros(10, np.float32)).astype(int)
    def with_field(name):
        c = np.zeros(10, np.float32)
        c[EXPRESSIONS.index(name)] = 1
        return paint_face(ident, c)
    mouth, right_eye, left_eye = (slice(40, 56), slice(22, 42)), (slice(16, 36), slice(8, 30)), (slice(16, 36), slice(34, 56))
    aa = with_field("aa")
    assert region_change(neutral, aa, *mouth) > 10 * region_change(neutral, aa, *left_eye) + 1
    blink = with_field("blinkLeft")  # the model's left eye is at u = 0.703, the image's right
    assert region_change(neutral, blink, *left_eye) > 10 * region_change(neutral, blink, *right_eye) + 1
    assert region_change(neutral, blink, *mouth) == 0


def test_folder_loader_reads_odd_images_and_names_bad_ones(tmp_path):
    good = tmp_path / "good"
    (good / "sub").mkdir(parents=True)
    Image.new("RGB", (90, 60), (200, 10, 10)).save(good / "wide.png")
    Image.new("RGBA", (64, 64), (0, 0, 255, 0)).save(good / "clear.png")
    Image.new("L", (80, 80), 128).save(good / "sub" / "grey.jpg")
    (good / "notes.txt").write_text("not an image")
    images = data.load_folder(good, 32)
    assert images.shape == (3, 32, 32, 3)
    assert tuple(images[0, 0, 0]) == (255, 255, 255)  # transparent -> white
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="no images"):
        data.load_folder(tmp_path / "empty", 32)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    with pytest.raises(ValueError, match="broken.png: not a readable image"):
        data.load_folder(bad, 32)
    tiny = tmp_path / "tiny"
    tiny.mkdir()
    Image.new("RGB", (8, 8)).save(tiny / "icon.png")
    with pytest.raises(ValueError, match="icon.png: 8x8 is too small"):
        data.load_folder(tiny, 32)
    with pytest.raises(ValueError, match="not a folder"):
        data.load_folder(tmp_path / "missing", 32)


def test_conditional_training_refuses_unlabelled_images(faces, tmp_path):
    arrays = data.load(faces / "faces.npz")
    data.save({k: arrays[k] for k in ("images", "c", "identity")}, tmp_path / "folder.npz", {"source": "folder"})
    with pytest.raises(ValueError, match="no expression labels"):
        run(config(faces, data=str(tmp_path / "folder.npz")), tmp_path / "run")


def test_resume_continues_exactly(faces, tmp_path):
    cfg = config(faces)
    run(cfg, tmp_path / "straight")
    with pytest.raises(SystemExit):
        run(cfg, tmp_path / "resumed", "--stop-at", "2")
    run(cfg, tmp_path / "resumed", "--resume")
    a = torch.load(tmp_path / "straight" / "ckpt.pt", weights_only=False)
    b = torch.load(tmp_path / "resumed" / "ckpt.pt", weights_only=False)
    for part in ("generator", "discriminator", "generator_ema"):
        assert all(torch.equal(a[part][k], b[part][k]) for k in a[part]), part
    summary = json.loads((tmp_path / "resumed" / "summary.json").read_text())
    assert summary["steps"] == 4 and summary["images"] == 16


def test_max_minutes_ends_the_run_like_its_last_step(faces, tmp_path):
    run(config(faces, max_steps=10_000, max_minutes=0.0005), tmp_path / "timed")
    summary = json.loads((tmp_path / "timed" / "summary.json").read_text())
    assert summary["steps"] < 10_000 and (tmp_path / "timed" / "generator.pt").exists()


def test_export_parity_and_sidecar(faces, tmp_path):
    run(config(faces), tmp_path / "run")
    g, saved = train_generator(tmp_path / "run")
    sizes = export.export(g, tmp_path / "shipped", export.training_summary(saved))
    meta = json.loads((tmp_path / "shipped" / "generator.json").read_text())
    assert meta["format"] == "genanchor-gan" and meta["version"] == 1 and meta["kind"] == "conditional"
    assert meta["nz"] == 100 and meta["resolution"] == 64 and meta["inputs"] == {"z": "z", "c": "c"}
    assert [e["name"] for e in meta["c"]] == list(EXPRESSIONS) and all(e["neutral"] == 0 for e in meta["c"])
    assert meta["output"] == {"name": "image", "layout": "NCHW", "range": [-1, 1]}
    assert meta["training"]["steps"] == 4 and set(sizes) >= {"generator.onnx", "generator_fp16.onnx"}
    report = parity.parity_report(g, tmp_path / "shipped")
    assert report["ok"], report
    fp16 = ort.InferenceSession(str(tmp_path / "shipped" / "generator_fp16.onnx"))
    assert [i.type for i in fp16.get_inputs()] == ["tensor(float)"] * 2
    out = fp16.run(None, {"z": np.zeros((3, 100), np.float32), "c": np.zeros((3, 10), np.float32)})[0]
    assert out.shape == (3, 3, 64, 64) and out.dtype == np.float32  # dynamic batch


def test_seed_dcgan_exports_with_z_only(faces, tmp_path):
    run(config(faces, kind="dcgan", mode_seeking=0.0, ema=0), tmp_path / "run")
    g, saved = train_generator(tmp_path / "run")
    export.export(g, tmp_path / "shipped", export.training_summary(saved))
    sess = ort.InferenceSession(str(tmp_path / "shipped" / "generator.onnx"))
    assert [i.name for i in sess.get_inputs()] == ["z"]
    assert json.loads((tmp_path / "shipped" / "generator.json").read_text())["kind"] == "dcgan"
    assert parity.parity_report(g, tmp_path / "shipped")["ok"]


def test_ddp_with_one_gloo_rank(faces, tmp_path, monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    for key, value in {"LOCAL_RANK": "0", "RANK": "0", "WORLD_SIZE": "1", "MASTER_ADDR": "127.0.0.1",
                       "MASTER_PORT": str(port)}.items():
        monkeypatch.setenv(key, value)
    run(config(faces, max_steps=2), tmp_path / "ddp")
    assert not torch.distributed.is_initialized()
    assert json.loads((tmp_path / "ddp" / "summary.json").read_text())["steps"] == 2


def train_generator(run_dir):
    return load_generator(run_dir / "generator.pt")
