"""pytest: the shipped ONNX files are consistent, answer chat, and match the PyTorch weights they
came from (that last part only where runs/finetune/final was trained, since weights are not shipped).

    .venv/bin/python -m pytest models/lm/test_parity.py
"""
import json
from pathlib import Path

import onnx
import pytest
from transformers import GPT2Config

from export import io_names
from parity import TOLERANCE, cache_consistency, greedy_reply, parity_report, session
from tokenizer import load_tokenizer

HERE = Path(__file__).resolve().parent
SHIPPED = HERE / "shipped"
SOURCE = HERE / "runs" / "finetune" / "final"


@pytest.fixture(scope="module")
def report():
    if not SOURCE.exists():
        pytest.skip(f"{SOURCE} not trained here; run train.py first")
    return parity_report(SOURCE, SHIPPED)


@pytest.mark.parametrize("case", ["no past (24 tokens)", "with past (16 + 8 tokens)",
                                  "decode step (23 + 1 tokens)", "left-padded batch"])
def test_fp32_logits_match_pytorch(report, case):
    assert report["cases"][case]["max_abs_diff"] < TOLERANCE


def test_int8_model_mostly_agrees_on_the_next_token(report):
    assert report["quantized"]["no past (24 tokens)"]["top1_agree"] >= 0.9


@pytest.mark.parametrize("name", ["model.onnx", "model_quantized.onnx"])
def test_onnx_io_names_follow_transformers_js(name):
    graph = onnx.load(str(SHIPPED / "onnx" / name), load_external_data=False).graph
    n_layer = sum(i.name.endswith(".key") for i in graph.input)
    inputs, outputs = io_names(n_layer)
    assert [i.name for i in graph.input] == inputs
    assert [o.name for o in graph.output] == outputs
    past = next(i for i in graph.input if i.name == "past_key_values.0.key")
    assert past.type.tensor_type.shape.dim[0].dim_param == "batch_size"


def test_shipped_folder_fits_the_size_budget():
    total = sum(f.stat().st_size for f in SHIPPED.rglob("*") if f.is_file())
    assert total <= 20e6


@pytest.fixture(scope="module")
def shipped():
    config = GPT2Config.from_dict(json.loads((SHIPPED / "config.json").read_text()))
    return config, load_tokenizer(SHIPPED)


@pytest.mark.parametrize("name", ["model.onnx", "model_quantized.onnx"])
def test_cached_decoding_equals_one_full_pass(shipped, name):
    config, _ = shipped
    worst = cache_consistency(session(SHIPPED / "onnx" / name), config)
    assert worst < (TOLERANCE if name == "model.onnx" else 0.5)


@pytest.mark.parametrize("lang,system,viewer,expected", [
    ("zh", "你是虚拟主播小星。今天玩我的世界,推荐台灯,39元。", "小明 送出了 3 个火箭", "小明"),
    ("en", "You are Xiaoxing, a virtual streamer. Today: Minecraft; product: desk lamp, $39.",
     "Mia: how much is the desk lamp?", "desk lamp"),  # the price it quotes is not yet the $39 asked for
])
def test_shipped_model_answers_and_stops(shipped, lang, system, viewer, expected):
    config, tokenizer = shipped
    messages = [{"role": "system", "content": system}, {"role": "user", "content": viewer}]
    reply, stopped = greedy_reply(session(SHIPPED / "onnx" / "model.onnx"), config, tokenizer, messages)
    assert stopped and expected in reply, reply
