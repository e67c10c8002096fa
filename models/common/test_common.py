"""The shared train.py helpers (run by `pytest models/common`)."""
import json
import os
import signal

import pytest
import torch

from common import fmt_time, load_config, resolve, setup_distributed, stop_on_signals, train_parser


def test_load_config_applies_set_overrides_as_json_when_they_parse(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"lr": 1e-4, "name": "base"}))
    cfg = load_config(path, ["lr=3e-4", "name=tuned", "layers=[1, 2]"])
    assert cfg == {"lr": 3e-4, "name": "tuned", "layers": [1, 2]}


def test_resolve_prefers_absolute_and_existing_paths_then_the_pipeline_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "here.txt").write_text("x")
    assert resolve(None, "/base") is None
    assert resolve("/abs/file", "/base") == "/abs/file"
    assert resolve("here.txt", "/base") == "here.txt"
    assert resolve("data/faces.npz", "/base") == os.path.join("/base", "data/faces.npz")


def test_fmt_time():
    assert fmt_time(725.9) == "12m05s"
    assert fmt_time(0) == "0m00s"


def test_a_plain_cpu_run_is_rank_0_of_1_without_a_process_group(monkeypatch):
    for key in ("RANK", "WORLD_SIZE", "LOCAL_RANK"):
        monkeypatch.delenv(key, raising=False)
    rank, world, device = setup_distributed("cpu")
    assert (rank, world, device) == (0, 1, torch.device("cpu"))
    assert not torch.distributed.is_initialized()


def test_cuda_asked_for_without_a_device_exits_with_a_sentence(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(SystemExit, match="no CUDA device is visible"):
        setup_distributed("cuda")


def test_sigterm_raises_keyboard_interrupt_so_training_saves():
    previous = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    try:
        stop_on_signals()
        with pytest.raises(KeyboardInterrupt):
            signal.raise_signal(signal.SIGTERM)
    finally:
        signal.signal(signal.SIGTERM, previous[0])
        signal.signal(signal.SIGINT, previous[1])


def test_train_parser_takes_the_shared_flags_with_their_defaults():
    args = train_parser("doc").parse_args(["--config", "c.json", "--set", "lr=1", "--set", "epochs=2"])
    assert (args.config, args.set, args.device, args.threads, args.resume, args.stop_at) == ("c.json", ["lr=1", "epochs=2"], "cpu", 2, False, None)
