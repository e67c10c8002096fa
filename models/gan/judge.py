"""The evaluation's own network: a small CNN trained on real procedural faces to read back the
expression c and the identity parameters. Its penultimate features are the space the KID is
measured in; its heads measure condition fidelity and identity stability.

It is trained here, on this project's data, so its scores compare models with each other on this
data only: they are NOT comparable with Inception-based FID/KID figures published elsewhere.
"""
import torch
from torch import nn
import torch.nn.functional as F

from model import NC

FEATURES = 256


class Judge(nn.Module):
    """image [B, 3, R, R] in [-1, 1] → (features [B, 256], c in [0, 1] [B, 10], identity [B, k])."""

    def __init__(self, n_identity, width=32):
        super().__init__()
        chans = [3, width, width * 2, width * 4, width * 8]
        layers = []
        for a, b in zip(chans, chans[1:]):
            layers += [nn.Conv2d(a, b, 3, 2, 1, bias=False), nn.BatchNorm2d(b), nn.ReLU(True),
                       nn.Conv2d(b, b, 3, 1, 1, bias=False), nn.BatchNorm2d(b), nn.ReLU(True)]
        self.trunk = nn.Sequential(*layers)
        self.features = nn.Linear(chans[-1], FEATURES)
        self.c_head = nn.Linear(FEATURES, NC)
        self.id_head = nn.Linear(FEATURES, n_identity)

    def forward(self, x):
        f = F.relu(self.features(self.trunk(x).mean((2, 3))))
        return f, torch.sigmoid(self.c_head(f)), self.id_head(f)


def to_input(images_uint8, device):
    """uint8 [N, R, R, 3] numpy → float [N, 3, R, R] in [-1, 1] on `device`."""
    return torch.from_numpy(images_uint8).to(device).permute(0, 3, 1, 2).float() / 127.5 - 1


def train_judge(images, c, identity, device, steps=2000, batch=256, seed=0, log=print):
    """Fits the judge (Adam 1e-3, cosine) to real faces; identity targets are standardised.
    Returns (judge in eval mode, identity mean, identity std)."""
    torch.manual_seed(seed)
    x = to_input(images, device)
    c = torch.from_numpy(c).to(device)
    ident = torch.from_numpy(identity).to(device)
    mean, std = ident.mean(0), ident.std(0).clamp_min(1e-6)
    ident = (ident - mean) / std
    judge = Judge(ident.shape[1]).to(device).train()
    opt = torch.optim.Adam(judge.parameters(), lr=1e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, steps)
    gen = torch.Generator(device=device).manual_seed(seed)
    for step in range(1, steps + 1):
        idx = torch.randint(len(x), (batch,), device=device, generator=gen)
        _, pc, pid = judge(x[idx])
        loss = F.mse_loss(pc, c[idx]) * 10 + F.mse_loss(pid, ident[idx])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        sched.step()
        if step % 500 == 0 or step == steps:
            log(f"judge step {step}/{steps} loss {loss.item():.4f}")
    return judge.eval(), mean, std


@torch.no_grad()
def judge_outputs(judge, x, batch=500):
    """(features, c, identity) for float images [N, 3, R, R] on the judge's device, batched."""
    parts = [judge(x[i:i + batch]) for i in range(0, len(x), batch)]
    return tuple(torch.cat(p) for p in zip(*parts))
