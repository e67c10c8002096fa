"""PyTorch CPU peer of bench/gan.ts: batch-1 latency of the shipped generator's architecture.

Builds models/gan/model.py's Generator from the conditional config (weights do not change the
time of a forward pass), one thread, eval mode, inference mode; prints one JSON line.
Usage: .venv/bin/python bench/ganTorch.py WARMUP RUNS
"""

import json
import pathlib
import statistics
import sys
import time

import torch

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'models' / 'gan'))
from model import build  # noqa: E402

warmup, runs = int(sys.argv[1]), int(sys.argv[2])
torch.set_num_threads(1)
arch = json.loads((ROOT / 'models/gan/configs/conditional.json').read_text())['arch']
generator = build(arch)[0].eval()
z, c = torch.randn(1, 100), torch.zeros(1, 10)
times = []
with torch.inference_mode():
    for i in range(warmup + runs):
        start = time.perf_counter()
        generator(z, c)
        if i >= warmup:
            times.append((time.perf_counter() - start) * 1000)
print(json.dumps({'ms': statistics.median(times), 'torch': torch.__version__, 'ngf': arch.get('ngf', 64)}))
