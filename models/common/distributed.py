"""The device and process group of a plain run or a torchrun worker."""
import os
import sys

import torch
import torch.distributed as dist


def setup_distributed(device_arg, cudnn_benchmark=False):
    """(rank, world size, device) for --device auto|cpu|cuda.

    torchrun sets RANK, WORLD_SIZE and LOCAL_RANK: then a process group is made (NCCL on CUDA, Gloo
    on CPU), even for one process, so a one-rank torchrun runs the same code path as many. A plain
    run is rank 0 of 1 with no group. `cudnn_benchmark` suits fixed-shape convolutions (the GAN).
    """
    rank, world = int(os.environ.get("RANK", "0")), int(os.environ.get("WORLD_SIZE", "1"))
    local = int(os.environ.get("LOCAL_RANK", "0"))
    if device_arg == "cuda" and not torch.cuda.is_available():
        sys.exit("--device cuda: no CUDA device is visible (check nvidia-smi / CUDA_VISIBLE_DEVICES)")
    cuda = device_arg == "cuda" or (device_arg == "auto" and torch.cuda.is_available())
    device = torch.device(f"cuda:{local}" if cuda else "cpu")
    if cuda:
        torch.cuda.set_device(device)
        torch.backends.cudnn.benchmark = cudnn_benchmark
    if "LOCAL_RANK" in os.environ and not dist.is_initialized():
        dist.init_process_group("nccl" if cuda else "gloo")
    return rank, world, device
