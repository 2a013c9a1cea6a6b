"""A user's own PyTorch training command, as `modelship train` (train.command) runs it: the GPU evidence.

It reads what modelship passes a training command (docs/training.md): MODELSHIP_OUTPUT_DIR (write
model.onnx and metrics.json there), MODELSHIP_TRAIN_DATA (a CSV; .gz is read too), MODELSHIP_SEED
and MODELSHIP_PARAMS (JSON). It trains an MLP on the Adult data's six numeric columns on CUDA when
torch sees a GPU, else on the CPU (saying so: a CPU run is not GPU evidence), exports it with
torch.onnx.export from the CPU copy of the CUDA-trained weights, and writes the wrapped metrics.json
(schemas/train-metrics.schema.json).

The model takes the raw columns (standardised inside the graph) in FEATURES order as one float input
`x` [N, 6] and outputs `probability` [N, 1], so `modelship evaluate` scores it with
`evaluate.features` alone. For the evidence only: TORCH_PREDICTIONS=<file> writes torch's own
probabilities for MODELSHIP_TEST_DATA's rows (one a line, file order) so a test can compare them with
onnxruntime's inside modelship, and TORCH_REQUIRE_CUDA=1 fails instead of falling back to the CPU.

Needs: torch and numpy (scikit-learn for val_roc_auc, skipped without it).
"""
import copy
import csv
import gzip
import inspect
import json
import os
import sys
import time

import numpy as np
import torch

FEATURES = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"]
LABEL = "Y"
POSITIVE = ">50K"


def read_rows(path):
    """The CSV's feature matrix and 0/1 labels; the Adult files write a space after each comma and `>50K.` in the test split."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", newline="") as f:
        rows = list(csv.DictReader(f, skipinitialspace=True))
    x = np.array([[float(row[name]) for name in FEATURES] for row in rows], dtype=np.float32)
    y = np.array([1.0 if row[LABEL].strip().rstrip(".") == POSITIVE else 0.0 for row in rows], dtype=np.float32)
    return x, y


class Net(torch.nn.Module):
    """Standardises the raw columns inside the model, so the exported graph takes them as they are."""

    def __init__(self, mean, std, hidden):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean))
        self.register_buffer("std", torch.tensor(std))
        layers, width = [], len(mean)
        for size in hidden:
            layers += [torch.nn.Linear(width, size), torch.nn.ReLU()]
            width = size
        layers.append(torch.nn.Linear(width, 1))
        self.mlp = torch.nn.Sequential(*layers)

    def forward(self, x):
        return self.mlp((x - self.mean) / self.std)


class Exported(torch.nn.Module):
    """The trained net with its sigmoid, as the ONNX file carries it (a probability, not a logit)."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return torch.sigmoid(self.net(x))


def export(model, path):
    """torch.onnx.export as a user calls it: the TorchScript exporter first (it needs nothing more), else the dynamo one."""
    kwargs = dict(input_names=["x"], output_names=["probability"], dynamic_axes={"x": {0: "N"}, "probability": {0: "N"}})
    example = (torch.zeros(2, len(FEATURES)),)
    # torch 2.9 made the dynamo exporter (which needs onnxscript) the default; dynamo=False keeps the TorchScript one.
    has_dynamo = "dynamo" in inspect.signature(torch.onnx.export).parameters
    try:
        torch.onnx.export(model, example, path, opset_version=17, **kwargs, **({"dynamo": False} if has_dynamo else {}))
    except Exception as error:  # noqa: BLE001  (a torch without the TorchScript exporter: try the other)
        if not has_dynamo:
            raise
        print(f"the TorchScript exporter failed ({str(error).splitlines()[0]}); exporting with dynamo=True", flush=True)
        torch.onnx.export(model, example, path, dynamo=True, **kwargs)


def main():
    out = os.environ["MODELSHIP_OUTPUT_DIR"]
    params = json.loads(os.environ.get("MODELSHIP_PARAMS", "{}"))
    seed = int(os.environ.get("MODELSHIP_SEED", "0"))
    hidden = [int(size) for size in str(params.get("hidden", "512,256")).split(",") if size.strip()]
    batch = int(params.get("batch_size", "1024"))
    max_epochs = int(params.get("epochs", "400"))
    max_seconds = float(params.get("max_seconds", "60"))
    lr = float(params.get("lr", "0.001"))

    if torch.cuda.is_available():
        device = torch.device("cuda")
        gpu = torch.cuda.get_device_name(0)
        print(f"CUDA: training on {gpu} (torch {torch.__version__}, CUDA {torch.version.cuda})", flush=True)
    else:
        if os.environ.get("TORCH_REQUIRE_CUDA") == "1":
            sys.exit(f"TORCH_REQUIRE_CUDA=1 but torch {torch.__version__} sees no CUDA device (built for CUDA {torch.version.cuda})")
        device, gpu = torch.device("cpu"), None
        print(f"No CUDA device (torch {torch.__version__}, built for CUDA {torch.version.cuda}): training on the CPU. This run is not GPU evidence.", flush=True)

    torch.manual_seed(seed)
    x, y = read_rows(os.environ["MODELSHIP_TRAIN_DATA"])
    order = np.random.default_rng(seed).permutation(len(y))
    held = max(1, len(y) // 5)
    val, train = order[:held], order[held:]
    mean, std = x[train].mean(axis=0), x[train].std(axis=0) + 1e-6
    net = Net(mean, std, hidden).to(device)
    optimizer = torch.optim.Adam(net.parameters(), lr=lr)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    # The whole training set lives on the device: the epochs measure the GPU, not host-to-device copies.
    x_train, y_train = torch.tensor(x[train], device=device), torch.tensor(y[train], device=device).unsqueeze(1)
    x_val, y_val = torch.tensor(x[val], device=device), y[val]
    generator = torch.Generator(device="cpu").manual_seed(seed)

    history, started = [], time.perf_counter()
    for epoch in range(1, max_epochs + 1):
        epoch_started = time.perf_counter()
        net.train()
        permutation = torch.randperm(len(train), generator=generator).to(device)
        total = torch.zeros((), device=device)
        for start in range(0, len(train), batch):
            index = permutation[start : start + batch]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(net(x_train[index]), y_train[index])
            loss.backward()
            optimizer.step()
            total += loss.detach() * len(index)
        net.eval()
        with torch.no_grad():
            val_probability = torch.sigmoid(net(x_val)).squeeze(1).cpu().numpy()
        seconds = time.perf_counter() - epoch_started
        entry = {"epoch": epoch, "loss": float(total.item() / len(train)), "val_accuracy": float(np.mean((val_probability >= 0.5) == (y_val == 1))), "seconds": round(seconds, 4)}
        history.append(entry)
        if epoch == 1 or epoch % 10 == 0:
            print(f"epoch {epoch}: loss {entry['loss']:.4f}, val_accuracy {entry['val_accuracy']:.4f}, {len(train) / seconds:,.0f} rows/s", flush=True)
        if time.perf_counter() - started >= max_seconds:
            print(f"stopping after {epoch} epochs: max_seconds {max_seconds:g} reached", flush=True)
            break
    train_seconds = time.perf_counter() - started

    metrics = {"val_accuracy": history[-1]["val_accuracy"], "loss": history[-1]["loss"], "train_seconds": round(train_seconds, 3)}
    metrics["rows_per_second"] = round(len(train) * len(history) / train_seconds, 1)
    try:
        from sklearn.metrics import roc_auc_score

        metrics["val_roc_auc"] = float(roc_auc_score(y_val, val_probability))
    except ImportError:
        print("scikit-learn is not installed: no val_roc_auc", flush=True)

    # A CPU copy of the CUDA-trained weights is exported; `net` stays on the device for the predictions below.
    export(Exported(copy.deepcopy(net)).to("cpu").eval(), os.path.join(out, "model.onnx"))
    predictions = os.environ.get("TORCH_PREDICTIONS")
    if predictions and os.environ.get("MODELSHIP_TEST_DATA"):
        # torch's probabilities on the device it trained on, to compare with onnxruntime's on the CPU.
        x_test, _ = read_rows(os.environ["MODELSHIP_TEST_DATA"])
        with torch.no_grad():
            p = torch.sigmoid(net(torch.tensor(x_test, device=device))).squeeze(1).cpu().numpy()
        with open(predictions, "w") as f:
            f.writelines(f"{float(value)!r}\n" for value in p)

    run_params = {"device": device.type, "gpu": gpu, "torch": torch.__version__, "cuda": torch.version.cuda, "hidden": ",".join(map(str, hidden)), "batch_size": batch, "lr": lr, "epochs": len(history), "seed": seed}
    with open(os.path.join(out, "metrics.json"), "w") as f:
        json.dump({"metrics": metrics, "params": run_params, "history": history}, f, indent=1)
    print(f"wrote model.onnx and metrics.json: {json.dumps(metrics)}", flush=True)


if __name__ == "__main__":
    main()
