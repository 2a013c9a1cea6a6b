"""The last step of run.sh: what the run proves, in OUT/environment.json and OUT/onnxruntime-check.json.

environment.json names the GPU model, driver and CUDA version (from the nvidia-smi captures, as
modelship reads them), the software versions, whether this run is GPU evidence at all, and the peak
utilization sampled during the training. onnxruntime-check.json runs the exported model.onnx in
Python's onnxruntime (the CPU provider, and CUDA's when it is there) on the test rows and compares
it with torch's own probabilities; without onnxruntime it says so.
"""
import argparse
import json
import os
import platform
import re
import sys
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train_cuda import read_rows  # noqa: E402  (the same columns the training read)


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except FileNotFoundError:
        return None


def gpus(out):
    """The GPU list as src/train/gpu.ts's parseGpuList reads it: index, uuid, name, memory.total, driver_version."""
    text = read(os.path.join(out, "nvidia-smi", "gpu-list.txt")) or ""
    found = []
    for line in text.splitlines():
        fields = [field.strip() for field in line.split(",")]
        if len(fields) >= 5:
            found.append({"index": fields[0], "uuid": fields[1], "name": fields[2], "memoryTotalMiB": fields[3], "driverVersion": fields[4]})
    return found


def peak_utilization(out):
    folder = os.path.join(out, "nvidia-smi", "utilization")
    if not os.path.isdir(folder):
        return None
    peak = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".txt"):
            continue
        for line in (read(os.path.join(folder, name)) or "").splitlines():
            fields = [field.strip() for field in line.split(",")]
            if len(fields) == 3 and fields[1].isdigit():
                peak[fields[0]] = max(peak.get(fields[0], 0), int(fields[1]))
    return peak


def versions():
    found = {"python": platform.python_version()}
    for module in ("torch", "onnx", "onnxruntime", "sklearn", "numpy"):
        try:
            found[module] = __import__(module).__version__
        except ImportError:
            found[module] = None
    try:
        import torch

        found["torch_cuda"] = torch.version.cuda
        found["torch_cuda_available"] = torch.cuda.is_available()
        found["torch_device"] = torch.cuda.get_device_name(0) if torch.cuda.is_available() else None
    except ImportError:
        pass
    return found


def check_onnx(out, test_data):
    """onnxruntime's probabilities of model.onnx on the test rows against torch's (TORCH_PREDICTIONS)."""
    try:
        import numpy as np
        import onnxruntime
    except ImportError:
        return {"skipped": "onnxruntime is not installed in this Python"}
    torch_p = read(os.path.join(out, "torch-predictions.txt"))
    if torch_p is None:
        return {"skipped": "the training wrote no torch-predictions.txt"}
    expected = np.array([float(line) for line in torch_p.split()], dtype=np.float64)
    x, _ = read_rows(test_data)
    result = {"onnxruntime": onnxruntime.__version__, "rows": len(expected), "providers": {}}
    for provider in ("CPUExecutionProvider", "CUDAExecutionProvider"):
        if provider not in onnxruntime.get_available_providers():
            result["providers"][provider] = {"skipped": "not in onnxruntime.get_available_providers()"}
            continue
        try:
            session = onnxruntime.InferenceSession(os.path.join(out, "model", "model.onnx"), providers=[provider])
            got = session.run(["probability"], {"x": x})[0].reshape(-1).astype(np.float64)
            result["providers"][provider] = {"used": session.get_providers(), "max_abs_difference": float(np.max(np.abs(got - expected)))}
        except Exception as error:  # noqa: BLE001  (a provider that fails is a finding, not a crash)
            result["providers"][provider] = {"error": str(error).splitlines()[0]}
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--test-data", required=True)
    parser.add_argument("--gpu-reason", default="")
    parser.add_argument("--command", default="")
    args = parser.parse_args()

    metrics = json.loads(read(os.path.join(args.out, "model", "metrics.json")) or "{}")
    header = read(os.path.join(args.out, "nvidia-smi", "header.txt")) or ""
    cuda = re.search(r"CUDA Version:\s*([\d.]+)", header)
    listed = gpus(args.out)
    device = metrics.get("params", {}).get("device")
    peak = peak_utilization(args.out)
    evidence = bool(listed) and device == "cuda"
    environment = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "evidence": evidence,
        "why_not": None if evidence else (args.gpu_reason or f"the training ran on {device or 'an unknown device'}, not CUDA"),
        "gpus": listed,
        "driver": listed[0]["driverVersion"] if listed else None,
        "cuda_version": cuda.group(1) if cuda else None,
        "cuda_visible_devices": os.environ.get("CUDA_VISIBLE_DEVICES"),
        "peak_utilization_percent": peak,
        "command": args.command,
        "platform": platform.platform(),
        "versions": versions(),
    }
    with open(os.path.join(args.out, "environment.json"), "w") as f:
        json.dump(environment, f, indent=2)
        f.write("\n")
    with open(os.path.join(args.out, "onnxruntime-check.json"), "w") as f:
        json.dump(check_onnx(args.out, args.test_data), f, indent=2)
        f.write("\n")

    if evidence:
        print(f"gpu-evidence: {listed[0]['name']}, driver {environment['driver']}, CUDA {environment['cuda_version']}; peak utilization {peak}", file=sys.stderr)
        if peak is not None and max(peak.values(), default=0) < 10:
            print("gpu-evidence: the GPU never passed 10% utilization in the samples: raise MAX_SECONDS or the batch size", file=sys.stderr)
    else:
        print(f"gpu-evidence: NOT GPU evidence ({environment['why_not']}); the outputs show the layout only", file=sys.stderr)


if __name__ == "__main__":
    main()
