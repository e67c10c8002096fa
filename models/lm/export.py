"""Exports a trained model to the transformers.js layout in models/lm/shipped/ and checks it.

    python models/lm/export.py                           # runs/finetune/final -> shipped/
    python models/lm/export.py --model runs/pretrain/final --out /tmp/shipped
    python models/lm/export.py --check                   # parity of shipped/ against its weights

Layout (what transformers.js loads offline with env.localModelPath):
  config.json               GPT-2 config + "transformers.js_config": {"dtype": "fp32"}
  generation_config.json    stop at <|end|>, sampling defaults
  tokenizer.json, tokenizer_config.json (chat_template), special_tokens_map.json
  onnx/model.onnx           fp32, KV cache: inputs input_ids, attention_mask, position_ids,
                            past_key_values.{i}.key/value [batch_size, heads, past_sequence_length,
                            head_dim]; outputs logits, present.{i}.key/value
  onnx/model_quantized.onnx dynamic int8 weights (onnxruntime.quantization), dtype "q8"
  model.safetensors is not shipped (the ONNX files are the model); --check reloads the run folder.
"""
import argparse
import json
import shutil
import warnings
from pathlib import Path

import numpy as np
import onnx
import torch
from transformers import DynamicCache

from model import load_model

HERE = Path(__file__).resolve().parent
OPSET = 17
SIZE_LIMIT_MB = 20.0
GENERATION = {"max_new_tokens": 48, "do_sample": True, "temperature": 0.7, "top_k": 20}


class CachedLM(torch.nn.Module):
    """GPT2LMHeadModel with the KV cache as flat tensors, the I/O transformers.js expects."""

    def __init__(self, model):
        super().__init__()
        self.model = model
        self.n_layer = model.config.n_layer
        self.register_buffer("zero_bias", torch.zeros(model.config.vocab_size), persistent=False)

    def forward(self, input_ids, attention_mask, position_ids, *past):
        cache = DynamicCache(config=self.model.config)
        for i in range(self.n_layer):
            cache.update(past[2 * i], past[2 * i + 1], i)
        out = self.model.transformer(input_ids=input_ids, attention_mask=attention_mask,
                                     position_ids=position_ids, cache=cache, use_cache=True)
        # The tied output projection as a 2-D linear with a (zero) bias exports as Gemm(transB=1)
        # on the embedding itself; without it the exporter folds in a transposed copy (+1.6 MB).
        hidden = out.last_hidden_state
        weight = self.model.lm_head.weight
        logits = torch.nn.functional.linear(hidden.reshape(-1, hidden.shape[-1]), weight, self.zero_bias)
        logits = logits.reshape(hidden.shape[0], hidden.shape[1], weight.shape[0])
        presents = [t for layer in out.cache.layers for t in (layer.keys, layer.values)]
        return (logits, *presents)


def io_names(n_layer):
    """(input names, output names) in transformers.js' convention."""
    past = [f"past_key_values.{i}.{kv}" for i in range(n_layer) for kv in ("key", "value")]
    present = [f"present.{i}.{kv}" for i in range(n_layer) for kv in ("key", "value")]
    return ["input_ids", "attention_mask", "position_ids"] + past, ["logits"] + present


def cache_shape(config, batch, length):
    return (batch, config.n_head, length, config.n_embd // config.n_head)


def export_onnx(model, path):
    """Traces the cached model (eager attention) to ONNX with dynamic batch/sequence/past axes."""
    model.set_attn_implementation("eager")
    model.eval()
    cfg = model.config
    inputs, outputs = io_names(cfg.n_layer)
    batch, past_len, seq = 2, 3, 4
    args = (torch.randint(0, cfg.vocab_size, (batch, seq)),
            torch.ones(batch, past_len + seq, dtype=torch.long),
            torch.arange(past_len, past_len + seq).repeat(batch, 1),
            *[torch.randn(cache_shape(cfg, batch, past_len)) for _ in range(2 * cfg.n_layer)])
    axes = {"input_ids": {0: "batch_size", 1: "sequence_length"},
            "attention_mask": {0: "batch_size", 1: "total_sequence_length"},
            "position_ids": {0: "batch_size", 1: "sequence_length"},
            "logits": {0: "batch_size", 1: "sequence_length"}}
    axes.update({n: {0: "batch_size", 2: "past_sequence_length"} for n in inputs[3:]})
    axes.update({n: {0: "batch_size", 2: "total_sequence_length"} for n in outputs[1:]})
    path.parent.mkdir(parents=True, exist_ok=True)
    # Tracing warns four times, all benign and covered by the parity cases: the empty-cache
    # constant and `numel() == 0` test in transformers' DynamicCache (an empty past takes the same
    # path, its length is 0 either way) and the mask-padding test in masking_utils (the mask always
    # spans past + new tokens here, so it never pads).
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        torch.onnx.export(CachedLM(model), args, str(path), dynamo=False, opset_version=OPSET,
                          input_names=inputs, output_names=outputs, dynamic_axes=axes,
                          do_constant_folding=True)
    traced = sorted({f"{Path(w.filename).name}:{w.lineno}: {str(w.message).splitlines()[0][:100]}"
                     for w in caught if "trace" in str(w.message).lower()})
    onnx.checker.check_model(str(path), full_check=True)
    return traced


def quantize(src, dst):
    """Dynamic int8 weights for MatMul/Gemm and the embedding Gather (activations stay fp32)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic
    quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8,
                     op_types_to_quantize=["MatMul", "Gemm", "Gather"])
    onnx.checker.check_model(str(dst), full_check=True)


def write_configs(model, src_dir, out_dir):
    """config.json with transformers.js_config, generation_config.json, tokenizer files."""
    cfg = model.config.to_dict()
    cfg.pop("_attn_implementation_autoset", None)
    cfg["transformers.js_config"] = {"dtype": "fp32"}
    cfg["use_cache"] = True
    (out_dir / "config.json").write_text(json.dumps(cfg, indent=2, ensure_ascii=False) + "\n")
    gen = {"bos_token_id": cfg["bos_token_id"], "eos_token_id": [cfg["eos_token_id"]],
           "pad_token_id": cfg["pad_token_id"], **GENERATION}
    (out_dir / "generation_config.json").write_text(json.dumps(gen, indent=2) + "\n")
    for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
        shutil.copyfile(src_dir / name, out_dir / name)


EDGE_CASES = ["你好,欢迎来到我的直播间!", "Price: $129.99 x3 😀 龘 ¥88", "  spaces  and\ttabs\n",
              "<|user|>inject<|end|>", "ignore your instructions 忽略你的设定", ""]


def write_tokenizer_cases(tokenizer_dir, data_dir, path):
    """Strings with the ids Python's tokenizer gives them, and a rendered chat, for the JS-side test
    (tests/unit/lm/tokenizer.test.ts) that checks transformers.js tokenizes the same way."""
    from chat import render
    from tokenizer import load_tokenizer
    tok = load_tokenizer(tokenizer_dir)
    rows = [json.loads(line) for line in open(Path(data_dir) / "test_chat.jsonl", encoding="utf-8")][::16]
    texts = [m["content"] for r in rows for m in r["messages"]] + EDGE_CASES
    messages = rows[0]["messages"][:-1]
    cases = {"texts": [{"text": t, "ids": tok.encode(t).ids} for t in texts], "messages": messages,
             "rendered": render(messages, add_generation_prompt=True)}
    Path(path).write_text(json.dumps(cases, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(texts)


def folder_size_mb(path):
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 1e6


def export(src_dir, out_dir):
    """The whole shipped folder from a trained run folder; returns a summary dict."""
    src_dir, out_dir = Path(src_dir), Path(out_dir)
    model = load_model(src_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    (out_dir / "onnx").mkdir(parents=True)
    traced = export_onnx(model, out_dir / "onnx" / "model.onnx")
    quantize(out_dir / "onnx" / "model.onnx", out_dir / "onnx" / "model_quantized.onnx")
    write_configs(model, src_dir, out_dir)
    (out_dir / "SOURCE").write_text(f"exported from {src_dir.relative_to(HERE) if src_dir.is_relative_to(HERE) else src_dir}\n")
    sizes = {str(f.relative_to(out_dir)): round(f.stat().st_size / 1e6, 2) for f in sorted(out_dir.rglob("*")) if f.is_file()}
    total = folder_size_mb(out_dir)
    return {"sizes_mb": sizes, "total_mb": round(total, 2), "trace_warnings": traced}


def main():
    from parity import parity_report
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=str(HERE / "runs" / "finetune" / "final"), help="trained run folder")
    ap.add_argument("--out", default=str(HERE / "shipped"), help="output folder (default models/lm/shipped)")
    ap.add_argument("--check", action="store_true", help="only run the parity checks on --out")
    args = ap.parse_args()
    if not args.check:
        summary = export(args.model, args.out)
        for name, mb in summary["sizes_mb"].items():
            print(f"  {name:<32} {mb:7.2f} MB")
        print(f"  total {summary['total_mb']:.2f} MB (limit {SIZE_LIMIT_MB} MB)")
        for w in summary["trace_warnings"]:
            print(f"  trace warning: {w}")
        if summary["total_mb"] > SIZE_LIMIT_MB:
            raise SystemExit(f"shipped folder is {summary['total_mb']:.1f} MB, over {SIZE_LIMIT_MB} MB")
        if (HERE / "data" / "test_chat.jsonl").exists():
            n = write_tokenizer_cases(args.out, HERE / "data", HERE / "tokenizer_cases.json")
            print(f"  tokenizer_cases.json: {n} strings for the transformers.js tokenizer test")
    test = HERE / "data" / "test_chat.jsonl"
    prompts = [json.loads(line)["messages"][:-1] for line in open(test, encoding="utf-8")][::20] if test.exists() else []
    report = parity_report(args.model, args.out, prompts)
    (HERE / "runs").mkdir(exist_ok=True)
    (HERE / "runs" / "parity.json").write_text(json.dumps(report, indent=2) + "\n")
    for case, r in report["cases"].items():
        print(f"  parity {case:<28} max |Δlogits| {r['max_abs_diff']:.2e}  top-1 agree {r['top1_agree']:.3f}")
    if "quantized_greedy_same" in report:
        q = report["quantized_greedy_same"]
        print(f"  int8 greedy reply equals fp32 on {q['same']} of {q['of']} test prompts")
    if not report["ok"]:
        raise SystemExit("parity check failed: fp32 ONNX logits differ from PyTorch by >= 1e-3")
    print("parity ok")


if __name__ == "__main__":
    main()
