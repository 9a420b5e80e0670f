#!/usr/bin/python3
"""Independent GPT-2 reference for the trainer's checkpoint tests (plain PyTorch, no gitlore code).

Writes a tiny GPT-2 checkpoint in the Hugging Face layout (config.json + model.safetensors, names prefixed with
`transformer.` as save_pretrained writes them, plus the old `attn.bias` mask buffers some downloads still carry),
with every tensor random (LayerNorm gains and biases too, so nothing is tested at its trivial value), then computes
the logits of fixed token ids with a GPT-2 forward pass written from the published architecture
(pre-LayerNorm blocks, Conv1D = x @ W + b with W [in, out], gelu_new, causal softmax attention, tied head).

The other way round, `--load` reads a model directory the trainer exported (config.json + model.safetensors, read
here by a safetensors reader of its own), computes the logits of the token ids in a JSON file the trainer's side wrote
(bench/reference/exported_model_check.sh) with the same forward pass, and prints the largest difference from the
logits DJL computed there; it exits 1 when that is over 1e-4.

Usage: /usr/bin/python3 bench/reference/gpt2_reference.py <out-dir>
       /usr/bin/python3 bench/reference/gpt2_reference.py --load <model-dir> <djl-logits.json>
Needs Debian's python3-torch (apt-get install python3-torch): the first python3 on PATH may lack torch.
"""
import json
import math
import struct
import sys
from pathlib import Path

import torch


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


def forward(w, L, H, D, eps, ids):
    """GPT-2's forward pass over weights named as in the Hugging Face layout without the `transformer.` prefix."""
    b, t = ids.shape
    x = w["wte.weight"][ids] + w["wpe.weight"][torch.arange(t)]
    mask = torch.tril(torch.ones(t, t, dtype=torch.bool))
    for i in range(L):
        p = f"h.{i}."
        a = torch.nn.functional.layer_norm(x, (D,), w[p + "ln_1.weight"], w[p + "ln_1.bias"], eps)
        qkv = a @ w[p + "attn.c_attn.weight"] + w[p + "attn.c_attn.bias"]
        q, k, v = qkv.split(D, dim=2)
        q, k, v = [z.view(b, t, H, D // H).transpose(1, 2) for z in (q, k, v)]
        s = (q @ k.transpose(-1, -2)) / math.sqrt(D // H)
        s = s.masked_fill(~mask, torch.finfo(s.dtype).min)
        y = (torch.softmax(s, dim=-1) @ v).transpose(1, 2).reshape(b, t, D)
        x = x + (y @ w[p + "attn.c_proj.weight"] + w[p + "attn.c_proj.bias"])
        m = torch.nn.functional.layer_norm(x, (D,), w[p + "ln_2.weight"], w[p + "ln_2.bias"], eps)
        x = x + (gelu_new(m @ w[p + "mlp.c_fc.weight"] + w[p + "mlp.c_fc.bias"]) @ w[p + "mlp.c_proj.weight"]
                 + w[p + "mlp.c_proj.bias"])
    x = torch.nn.functional.layer_norm(x, (D,), w["ln_f.weight"], w["ln_f.bias"], eps)
    head = w.get("lm_head.weight", w["wte.weight"])  # tied: save_pretrained leaves the head out
    return x @ head.T


def read_safetensors(path):
    data = Path(path).read_bytes()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    dtypes = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16}
    tensors = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        start, end = meta["data_offsets"]
        raw = bytearray(data[8 + n + start:8 + n + end])
        tensors[name] = torch.frombuffer(raw, dtype=dtypes[meta["dtype"]]).reshape(meta["shape"]).to(torch.float32)
    return tensors


def compare_exported(model_dir, logits_file):
    model_dir = Path(model_dir)
    cfg = json.loads((model_dir / "config.json").read_text())
    w = {k[len("transformer."):] if k.startswith("transformer.") else k: v
         for k, v in read_safetensors(model_dir / "model.safetensors").items()}
    theirs = json.loads(Path(logits_file).read_text())
    ids = torch.tensor(theirs["ids"])
    with torch.no_grad():
        ours = forward(w, cfg["n_layer"], cfg["n_head"], cfg["n_embd"], cfg["layer_norm_epsilon"], ids)
    djl = torch.tensor(theirs["logits"]).reshape(ours.shape)
    diff = (ours - djl).abs().max().item()
    print(f"{model_dir}: {cfg['n_layer']} layers, width {cfg['n_embd']}, vocabulary {cfg['vocab_size']}, "
          f"{len(w)} tensors; logits {tuple(ours.shape)} with torch {torch.__version__}; "
          f"largest |logit| {ours.abs().max().item():.3f}; max abs diff from DJL {diff:.3g}")
    return diff


if len(sys.argv) > 1 and sys.argv[1] == "--load":
    sys.exit(0 if compare_exported(sys.argv[2], sys.argv[3]) <= 1e-4 else 1)

torch.manual_seed(1234)
out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)

V, N_POS, L, H, D = 97, 32, 2, 4, 64
eps = 1e-5
config = {"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "vocab_size": V, "n_positions": N_POS,
          "n_ctx": N_POS, "n_embd": D, "n_layer": L, "n_head": H, "activation_function": "gelu_new",
          "layer_norm_epsilon": eps, "tie_word_embeddings": True}

w = {}
def rnd(*shape, std=0.2):
    return torch.randn(*shape) * std

w["wte.weight"] = rnd(V, D)
w["wpe.weight"] = rnd(N_POS, D, std=0.05)
for i in range(L):
    p = f"h.{i}."
    w[p + "ln_1.weight"] = 1 + rnd(D, std=0.1)
    w[p + "ln_1.bias"] = rnd(D, std=0.1)
    w[p + "attn.c_attn.weight"] = rnd(D, 3 * D, std=0.1)
    w[p + "attn.c_attn.bias"] = rnd(3 * D, std=0.05)
    w[p + "attn.c_proj.weight"] = rnd(D, D, std=0.1)
    w[p + "attn.c_proj.bias"] = rnd(D, std=0.05)
    w[p + "ln_2.weight"] = 1 + rnd(D, std=0.1)
    w[p + "ln_2.bias"] = rnd(D, std=0.1)
    w[p + "mlp.c_fc.weight"] = rnd(D, 4 * D, std=0.1)
    w[p + "mlp.c_fc.bias"] = rnd(4 * D, std=0.05)
    w[p + "mlp.c_proj.weight"] = rnd(4 * D, D, std=0.1)
    w[p + "mlp.c_proj.bias"] = rnd(D, std=0.05)
w["ln_f.weight"] = 1 + rnd(D, std=0.1)
w["ln_f.bias"] = rnd(D, std=0.1)


def write_safetensors(path, tensors):
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name, t in tensors.items():
        data = t.contiguous().to(torch.float32).numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    head = json.dumps(header).encode()
    head += b" " * ((8 - len(head) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(head)))
        f.write(head)
        for b in blobs:
            f.write(b)


saved = {"transformer." + k: v for k, v in w.items()}
for i in range(L):  # the causal-mask buffer of older exports: a loader must skip it
    saved[f"transformer.h.{i}.attn.bias"] = torch.tril(torch.ones(N_POS, N_POS)).view(1, 1, N_POS, N_POS)
write_safetensors(out / "model.safetensors", saved)
(out / "config.json").write_text(json.dumps(config, indent=2))


ids = torch.tensor([[3, 14, 15, 92, 65, 35, 89, 79, 32, 38, 46, 26], [2, 71, 82, 81, 82, 84, 59, 4, 5, 23, 53, 60]])
with torch.no_grad():
    logits = forward(w, L, H, D, eps, ids)
(out / "logits.json").write_text(json.dumps({"torch": torch.__version__, "ids": ids.tolist(),
                                             "logits": logits.tolist()}))
print(f"wrote {out}: logits {tuple(logits.shape)} with torch {torch.__version__}")
