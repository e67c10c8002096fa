"""PyTorch vs onnxruntime logits for an exported folder: fresh prompt (empty cache), continuation
with a cache, and a left-padded batch; fp32 must agree within 1e-3, int8 is reported."""
from pathlib import Path

import numpy as np
import onnxruntime as ort
import torch

from export import cache_shape, io_names
from model import load_model

TOLERANCE = 1e-3


def session(path):
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 2
    return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])


def run(sess, config, ids, mask, positions, past=None):
    """(logits, presents) from an ONNX session; an empty cache when past is None."""
    inputs, _ = io_names(config.n_layer)
    if past is None:
        past = [np.zeros(cache_shape(config, ids.shape[0], 0), np.float32)] * (2 * config.n_layer)
    feed = dict(zip(inputs, [ids, mask, positions, *past]))
    out = sess.run(None, feed)
    return out[0], out[1:]


def compare(reference, actual, keep=None):
    """Max |difference| and top-1 agreement, on the positions where keep is true."""
    reference, actual = np.asarray(reference), np.asarray(actual)
    if keep is not None:
        reference, actual = reference[keep], actual[keep]
    return {"max_abs_diff": float(np.abs(reference - actual).max()),
            "top1_agree": float((reference.argmax(-1) == actual.argmax(-1)).mean())}


def cases(model, sess, seed=0):
    """The three comparisons for one ONNX session against the PyTorch model."""
    cfg = model.config
    g = torch.Generator().manual_seed(seed)
    ids = torch.randint(0, cfg.vocab_size, (2, 24), generator=g)
    with torch.no_grad():
        full = model(input_ids=ids).logits.numpy()
    np_ids = ids.numpy()
    ones = np.ones_like(np_ids)
    pos = np.tile(np.arange(24), (2, 1))
    out = {}
    logits, _ = run(sess, cfg, np_ids, ones, pos)
    out["no past (24 tokens)"] = compare(full, logits)
    _, past = run(sess, cfg, np_ids[:, :16], ones[:, :16], pos[:, :16])
    logits, _ = run(sess, cfg, np_ids[:, 16:], ones, pos[:, 16:], past)
    out["with past (16 + 8 tokens)"] = compare(full[:, 16:], logits)
    _, past = run(sess, cfg, np_ids[:, :23], ones[:, :23], pos[:, :23])
    logits, _ = run(sess, cfg, np_ids[:, 23:], ones, pos[:, 23:], past)
    out["decode step (23 + 1 tokens)"] = compare(full[:, 23:], logits)
    mask = ones.copy()
    mask[0, :5] = 0  # row 0 is left-padded by 5
    padded_pos = np.clip(np.cumsum(mask, 1) - 1, 0, None)
    with torch.no_grad():
        ref = model(input_ids=ids, attention_mask=torch.from_numpy(mask),
                    position_ids=torch.from_numpy(padded_pos)).logits.numpy()
    logits, _ = run(sess, cfg, np_ids, mask, padded_pos)
    out["left-padded batch"] = compare(ref, logits, keep=mask.astype(bool))
    return out


def parity_report(model_dir, shipped_dir, prompts=()):
    """{"cases": {...}, "quantized": {...}, "ok": fp32 within TOLERANCE everywhere}, plus, given
    conversations to answer, how often the int8 model's greedy reply equals the fp32 one."""
    model = load_model(model_dir).eval()
    shipped = Path(shipped_dir)
    fp32_sess, q8_sess = session(shipped / "onnx" / "model.onnx"), session(shipped / "onnx" / "model_quantized.onnx")
    fp32, q8 = cases(model, fp32_sess), cases(model, q8_sess)
    ok = all(r["max_abs_diff"] < TOLERANCE for r in fp32.values())
    report = {"tolerance": TOLERANCE, "cases": fp32, "quantized": q8, "ok": ok}
    if prompts:
        from tokenizer import load_tokenizer
        tokenizer = load_tokenizer(shipped)
        same = sum(greedy_reply(fp32_sess, model.config, tokenizer, p)[0] == greedy_reply(q8_sess, model.config, tokenizer, p)[0]
                   for p in prompts)
        report["quantized_greedy_same"] = {"same": same, "of": len(prompts)}
    return report


def cache_consistency(sess, config, length=20, seed=0):
    """Max |difference| between one pass over `length` tokens and the same tokens fed one at a
    time through the cache: an ONNX-only check that needs no PyTorch weights."""
    rng = np.random.default_rng(seed)
    ids = rng.integers(0, config.vocab_size, (1, length))
    full, _ = run(sess, config, ids, np.ones_like(ids), np.arange(length)[None])
    past, worst = None, 0.0
    for t in range(length):
        logits, past = run(sess, config, ids[:, t:t + 1], np.ones((1, t + 1), np.int64), np.array([[t]]), past)
        worst = max(worst, float(np.abs(logits[0, -1] - full[0, t]).max()))
    return worst


def greedy_reply(sess, config, tokenizer, messages, max_new_tokens=48):
    """The reply onnxruntime generates greedily with the cache, as transformers.js would."""
    from chat import ASSISTANT, END, encode_chat
    ids = encode_chat(tokenizer, messages)[0] + [tokenizer.token_to_id(ASSISTANT)]
    end = tokenizer.token_to_id(END)
    feed, past, out = np.array([ids]), None, []
    for _ in range(max_new_tokens):
        start = len(ids) + len(out) - feed.shape[1]
        total = start + feed.shape[1]
        logits, past = run(sess, config, feed, np.ones((1, total), np.int64),
                           np.arange(start, total)[None], past)
        nxt = int(logits[0, -1].argmax())
        if nxt == end:
            return tokenizer.decode(out), True
        out.append(nxt)
        feed = np.array([[nxt]])
    return tokenizer.decode(out), False
