#!/usr/bin/python3
"""Same-machine baseline for bench/train.sh: a plain PyTorch training loop of the same GPT shape (pre-LayerNorm,
causal attention, gelu_new MLP, tied head), the same vocabulary, batch and context, on the rows the Java benchmark
trained on, with AdamW and gradient clipping as the trainer does. Prints training tokens/s after the same warm-up.

Usage: /usr/bin/python3 bench/reference/train_reference.py <bench-out-dir> <threads>
"""
import json
import math
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

out = Path(sys.argv[1])
torch.set_num_threads(int(sys.argv[2]))
torch.manual_seed(42)
shape = json.loads((out / "shape.json").read_text())
V, T, L, H, D, B = (shape[k] for k in ("vocab", "context", "layers", "heads", "width", "batch"))
rows = np.fromfile(out / "rows.bin", dtype="<i8").reshape(-1, T + 1)


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln_1, self.ln_2 = nn.LayerNorm(D), nn.LayerNorm(D)
        self.c_attn, self.c_proj = nn.Linear(D, 3 * D), nn.Linear(D, D)
        self.c_fc, self.mlp_proj = nn.Linear(D, 4 * D), nn.Linear(4 * D, D)
        self.register_buffer("mask", torch.triu(torch.full((T, T), -1e9), 1))

    def forward(self, x):
        b, t, _ = x.shape
        q, k, v = self.c_attn(self.ln_1(x)).split(D, 2)
        q, k, v = [z.view(b, t, H, D // H).transpose(1, 2) for z in (q, k, v)]
        s = (q @ k.transpose(-1, -2)) / math.sqrt(D // H) + self.mask[:t, :t]
        y = (s.softmax(-1) @ v).transpose(1, 2).reshape(b, t, D)
        x = x + self.c_proj(y)
        return x + self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x)), approximate="tanh"))


class GPT(nn.Module):
    def __init__(self):
        super().__init__()
        self.wte, self.wpe = nn.Embedding(V, D), nn.Embedding(T, D)
        self.h = nn.ModuleList(Block() for _ in range(L))
        self.ln_f = nn.LayerNorm(D)

    def forward(self, ids):
        x = self.wte(ids) + self.wpe(torch.arange(ids.shape[1]))
        for block in self.h:
            x = block(x)
        return self.ln_f(x) @ self.wte.weight.T


model = GPT()
decay = [p for p in model.parameters() if p.dim() >= 2]
no_decay = [p for p in model.parameters() if p.dim() < 2]
opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}],
                        lr=1e-3, betas=(0.9, 0.95), eps=1e-8)
warmup, timed = shape["warmup"], shape["timed"]
start, tokens = None, 0
for step in range(warmup + timed):
    if step == warmup:
        start, tokens = time.perf_counter(), 0
    batch = torch.from_numpy(rows[step * B:(step + 1) * B])
    logits = model(batch[:, :-1])
    loss = F.cross_entropy(logits.reshape(-1, V), batch[:, 1:].reshape(-1))
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    tokens += B * T
elapsed = time.perf_counter() - start
print(f"pytorch {torch.__version__} ({torch.get_num_threads()} threads): vocab {V}, context {T}, batch {B}: "
      f"{tokens / elapsed:.0f} tokens/s over {timed} timed steps")
