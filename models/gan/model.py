"""The face generators and their discriminators: the seed's DCGAN and the conditional variant.

`dcgan` is the seed exactly: G maps z ∈ R^100 through ConvTranspose 512/256/128/64 (BatchNorm +
ReLU) to a 3×64×64 Tanh image; D is Conv 64/128/256/512 with LeakyReLU(0.2) and BatchNorm (none on
the first block) ending in a 4×4 Conv and a Sigmoid; BCE loss; Adam 2e-4, betas (0.5, 0.999).

`conditional` keeps those layers and adds the expression vector c (EXPRESSIONS, 10 floats in
[0, 1]). G concatenates c to z and again, as constant channels, to the inputs of its second and
third blocks, so the mouth and eyes (4×4 and 8×8 scale) can follow c however the trunk has mixed
z; identity is left to z. D scores a face with a projection term (its pooled features dotted with
an embedding of c) and, AC-GAN style, regresses c from the face; G is rewarded when that
regression finds the c it was asked for. The shipped recipe (configs/conditional.json) also turns
on D's minibatch-standard-deviation channel; train.py adds mode seeking and a weight average of G.
`d_norm: "spectral"` (SN-GAN) is available; on this data it learned more slowly (README.md).

Size: ngf 64 is 3.72 M generator parameters (14.9 MB fp32), under the 15 MB the runtime ships.
128×128 adds one more upsampling block (`resolution` 128).
"""
import torch
from torch import nn

NZ = 100
EXPRESSIONS = ("aa", "ih", "ou", "ee", "oh", "blinkLeft", "blinkRight", "happy", "surprised", "angry")
NC = len(EXPRESSIONS)
KINDS = ("dcgan", "conditional")


def upsample_block(cin, cout):
    """ConvTranspose 4×4 stride 2 (doubles the side) + BatchNorm + ReLU."""
    return nn.Sequential(nn.ConvTranspose2d(cin, cout, 4, 2, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(True))


def downsample_block(cin, cout, norm=True):
    """Conv 4×4 stride 2 (halves the side) + optional BatchNorm + LeakyReLU(0.2)."""
    layers = [nn.Conv2d(cin, cout, 4, 2, 1, bias=False)]
    if norm:
        layers.append(nn.BatchNorm2d(cout))
    layers.append(nn.LeakyReLU(0.2, inplace=True))
    return nn.Sequential(*layers)


def channel_plan(ngf, resolution):
    """Channels per block, widest first: ngf·8, ·4, ·2, ·1 at 64×64; one more ·1 block at 128."""
    if resolution not in (64, 128):
        raise ValueError(f"resolution must be 64 or 128, not {resolution}")
    return [ngf * 8, ngf * 4, ngf * 2, ngf] + ([ngf] if resolution == 128 else [])


class Generator(nn.Module):
    """z [B, nz] (and c [B, nc] when conditional) → image [B, 3, R, R] in [-1, 1]."""

    def __init__(self, kind="dcgan", nz=NZ, nc=NC, ngf=64, resolution=64, inject=(1, 2)):
        super().__init__()
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        self.kind, self.nz, self.nc, self.resolution = kind, nz, nc if kind == "conditional" else 0, resolution
        self.inject = tuple(inject) if kind == "conditional" else ()
        chans = channel_plan(ngf, resolution)
        self.stem = nn.Sequential(nn.ConvTranspose2d(nz + self.nc, chans[0], 4, 1, 0, bias=False),
                                  nn.BatchNorm2d(chans[0]), nn.ReLU(True))
        extra = lambda i: self.nc if i in self.inject else 0  # noqa: E731  c channels at block i's input
        self.blocks = nn.ModuleList(upsample_block(chans[i - 1] + extra(i), chans[i]) for i in range(1, len(chans)))
        self.head = nn.Sequential(nn.ConvTranspose2d(chans[-1], 3, 4, 2, 1, bias=False), nn.Tanh())

    def forward(self, z, c=None):
        if self.nc and c is None:
            raise ValueError("the conditional generator needs c [batch, 10]")
        x = torch.cat([z, c], 1) if self.nc else z
        h = self.stem(x[:, :, None, None])
        for i, block in enumerate(self.blocks, start=1):
            if i in self.inject:
                h = torch.cat([h, c[:, :, None, None].expand(-1, -1, h.shape[2], h.shape[3])], 1)
            h = block(h)
        return self.head(h)


class MinibatchStd(nn.Module):
    """Appends the batch's mean feature standard deviation as one more channel (ProGAN): a
    generator that ignores z gives itself away by a low value, so D can punish the collapse."""

    def forward(self, h):
        std = h.float().std(0, unbiased=False).mean().to(h.dtype)
        return torch.cat([h, std.expand(h.shape[0], 1, h.shape[2], h.shape[3])], 1)


class Discriminator(nn.Module):
    """image [B, 3, R, R] (and c) → (probability real [B], predicted c [B, nc] or None).

    `norm` "batch" is the seed's; "spectral" replaces BatchNorm by spectral normalisation of every
    weight (SN-GAN), which bounds how fast D can outrun G. `minibatch_std` adds MinibatchStd."""

    def __init__(self, kind="dcgan", nc=NC, ndf=64, resolution=64, norm="batch", minibatch_std=False):
        super().__init__()
        if norm not in ("batch", "spectral"):
            raise ValueError(f"norm must be 'batch' or 'spectral', not {norm!r}")
        self.nc = nc if kind == "conditional" else 0
        chans = [ndf, ndf * 2, ndf * 4, ndf * 8]
        bn = norm == "batch"
        layers = [downsample_block(3, ndf if resolution == 64 else ndf // 2, norm=False)]
        if resolution == 128:
            layers.append(downsample_block(ndf // 2, ndf, norm=bn))
        layers += [downsample_block(chans[i - 1], chans[i], norm=bn) for i in range(1, 4)]
        self.trunk = nn.Sequential(*layers)
        self.mbstd = MinibatchStd() if minibatch_std else None
        self.out = nn.Conv2d(chans[-1] + (1 if minibatch_std else 0), 1, 4, 1, 0, bias=False)
        if self.nc:
            self.embed = nn.Linear(self.nc, chans[-1], bias=False)  # projection term
            self.aux = nn.Linear(chans[-1], self.nc)                # c regression (AC-GAN)
        self.spectral = norm == "spectral"

    def apply_spectral_norm(self):
        """Wraps every conv/linear weight in spectral normalisation (call after initialisation)."""
        for m in list(self.modules()):
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                nn.utils.parametrizations.spectral_norm(m)

    def forward(self, x, c=None):
        h = self.trunk(x)
        logit = self.out(self.mbstd(h) if self.mbstd else h).flatten()
        if not self.nc:
            return torch.sigmoid(logit), None
        pooled = h.mean((2, 3))
        logit = logit + (self.embed(c) * pooled).sum(1)
        return torch.sigmoid(logit), torch.sigmoid(self.aux(pooled))


def init_weights(module):
    """The seed's initialisation: conv weights N(0, 0.02), BatchNorm weight N(1, 0.02), bias 0."""
    name = type(module).__name__
    if "Conv" in name:
        nn.init.normal_(module.weight, 0.0, 0.02)
    elif "BatchNorm" in name:
        nn.init.normal_(module.weight, 1.0, 0.02)
        nn.init.zeros_(module.bias)


def build(arch):
    """(G, D) from an arch dict: kind, ngf, ndf, resolution, inject, d_norm, minibatch_std (nz and
    nc are fixed by the runtime contract). Defaults are the seed's."""
    kind, res = arch.get("kind", "dcgan"), arch.get("resolution", 64)
    g = Generator(kind, ngf=arch.get("ngf", 64), resolution=res, inject=arch.get("inject", (1, 2)))
    d = Discriminator(kind, ndf=arch.get("ndf", 64), resolution=res, norm=arch.get("d_norm", "batch"),
                      minibatch_std=arch.get("minibatch_std", False))
    g.apply(init_weights)
    d.apply(init_weights)
    if d.spectral:
        d.apply_spectral_norm()
    return g, d


def count_parameters(module):
    return sum(p.numel() for p in module.parameters())


def load_generator(path, map_location="cpu"):
    """The generator from a checkpoint (ckpt.pt or generator.pt written by train.py), in eval mode."""
    saved = torch.load(path, map_location=map_location, weights_only=False)
    if "arch" not in saved or "generator" not in saved:
        raise ValueError(f"{path} is not a GAN checkpoint from models/gan/train.py (no 'arch'/'generator')")
    g, _ = build(saved["arch"])
    g.load_state_dict(saved["generator"])
    return g.eval(), saved


@torch.no_grad()
def recalibrate_batchnorm(g, sample_inputs, batches=64):
    """Replaces G's BatchNorm running statistics with exact averages over `batches` batches.

    Training uses batch statistics; the shipped model runs batch 1 in eval mode on the running
    averages, which an exponential average over the last steps of a moving G only approximates.
    `sample_inputs()` returns one batch of (z,) or (z, c)."""
    norms = [m for m in g.modules() if isinstance(m, nn.BatchNorm2d)]
    for m in norms:
        m.reset_running_stats()
        m.momentum = None  # cumulative average
    g.train()
    for _ in range(batches):
        g(*sample_inputs())
    for m in norms:
        m.momentum = 0.1
    return g.eval()
