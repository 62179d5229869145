"""Executes one prepared notebook in a Jupyter kernel with nbclient: the engine behind `deeplinear run`.

Usage: python3 execute.py REQUEST.json

The request (written by DeepLinear.Notebooks' JupyterDriver) names the prepared notebook, where to write the
executed copy and the status, the kernelspec, the folder the kernel starts in, the per-cell time limit, and C#
code run silently before the first cell. The notebook runs cell by cell, papermill-style: the first error, a
cell past its time limit or a dead kernel stops it. Progress goes to stdout as one JSON object per line; the
status file says how the run ended and which cell stopped it. The kernel is always gone when this exits: a cell
past its limit is interrupted, and the kernel is killed if it has not stopped within the grace period (the
.NET kernel does not stop running code when interrupted, so that is the usual path); if this process's stdin
closes (the parent died), the kernel is killed too.
"""

import asyncio
import inspect
import json
import os
import re
import signal
import socket
import sys
import threading
import time
import traceback
from queue import Empty

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

LOG_TAIL_LINES = 12
PROGRESS_TEXT_LIMIT = 160


def emit(event, **fields):
    """One progress event for the parent, as a JSON line on stdout."""
    sys.stdout.write(json.dumps({"event": event, **fields}) + "\n")
    sys.stdout.flush()


def display_text(data):
    """The last line of an output's plain text (or of its HTML with tags removed), for live progress."""
    text = data.get("text/plain")
    if text is None and "text/html" in data:
        text = re.sub(r"<(style|script)[^>]*>.*?</\1>|<[^>]*>", " ", data["text/html"], flags=re.DOTALL | re.IGNORECASE)
    if not isinstance(text, str):
        return None
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:PROGRESS_TEXT_LIMIT] if lines else None


class ProgressClient(NotebookClient):
    """nbclient, reporting the latest displayed text of the running cell as it arrives."""

    def process_message(self, msg, cell, cell_index):
        if msg["msg_type"] in ("display_data", "update_display_data", "execute_result"):
            text = display_text(msg["content"].get("data", {}))
            if text:
                emit("output", index=cell_index, text=text)
        return super().process_message(msg, cell, cell_index)


def kernel_log_tail(path):
    """The last lines the kernel wrote to stdout/stderr, without the web host's info lines and stack frames."""
    try:
        with open(path, encoding="utf-8", errors="replace") as log:
            lines = [line.rstrip() for line in log]
    except OSError:
        return []
    kept = []
    skipping = False
    for line in lines:
        if line.startswith("info: "):
            skipping = True
            continue
        if skipping and line.startswith("      "):
            continue
        skipping = False
        if line.strip() and not line.lstrip().startswith("at "):
            kept.append(line)
    return kept[-LOG_TAIL_LINES:]


def error_output(cell):
    """The first error output of a cell, as (ename, evalue, traceback), or None."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return output.get("ename", ""), output.get("evalue", ""), list(output.get("traceback", []))
    return None


async def stop_after_timeout(client, grace):
    """Interrupts the kernel, waits up to `grace` seconds for it to answer or die, then kills it. Returns what stopped the cell."""
    km, kc = client.km, client.kc
    outcome = "killed"
    try:
        await km.interrupt_kernel()
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            if not await km.is_alive():
                outcome = "interrupt ended the kernel"
                break
            try:
                msg = await kc.shell_channel.get_msg(timeout=0.2)
                if msg["msg_type"] == "execute_reply":
                    outcome = "interrupted"
                    break
            except Empty:
                pass
    finally:
        if await km.is_alive():
            await km.shutdown_kernel(now=True)
    return outcome


def free_port():
    """A TCP port free on 127.0.0.1 now, for the kernel's HTTP endpoint.

    Every .NET kernel otherwise takes the first free port from 2048, and kernels starting together race for it: the
    loser's web host fails to bind and the kernel stops answering. The port is passed as --http-port-range P-P.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def run_prelude(client, code, timeout):
    """Runs the engine's C# setup silently (no outputs, no execution count); returns the error reply content or None."""
    msg_id = client.kc.execute(code, silent=True, store_history=False)
    if inspect.isawaitable(msg_id):
        msg_id = await msg_id
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            reply = await client.kc.shell_channel.get_msg(timeout=1)
        except Empty:
            if not await client.km.is_alive():
                return {"evalue": "the kernel died"}
            continue
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"] if reply["content"].get("status") != "ok" else None
    return {"evalue": f"no answer within {timeout} s"}


def watch_parent(kill):
    """Kills the kernel and exits when stdin closes: the parent that started this driver has gone."""
    def wait():
        sys.stdin.read()
        kill()
    threading.Thread(target=wait, daemon=True).start()


async def run_cell(client, cell, index, request, status):
    """Runs one code cell, records it in `status`; returns False when the notebook stops here (error, timeout, crash)."""
    emit("cell_started", index=index)
    started = time.monotonic()
    outcome = "ok"
    reply = ("Error", "", [])
    try:
        await client.async_execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
    except CellExecutionError as error:
        outcome = "error"
        reply = (error.ename, error.evalue, [])
    except CellTimeoutError:
        outcome = "timeout"
        status["timeout_action"] = await stop_after_timeout(client, request["interrupt_grace"])
    except DeadKernelError:
        outcome = "crash"
    seconds = round(time.monotonic() - started, 3)
    if outcome == "ok" and error_output(cell) is not None:
        outcome = "error"
    status["cells"].append({"index": index, "seconds": seconds, "status": outcome})
    emit("cell_finished", index=index, seconds=seconds, status=outcome)
    if outcome == "ok":
        return True
    status.update(status=outcome, cell_index=index)
    if outcome == "error":
        ename, evalue, tb = error_output(cell) or reply
        status.update(ename=ename, evalue=evalue, traceback=tb)
    if outcome == "crash":
        process = client.km.provisioner.process
        process.wait(timeout=10)
        status["exit_code"] = process.returncode
    return False


async def execute(request):
    nb = nbformat.read(request["notebook"], as_version=4)
    port = free_port()
    client = ProgressClient(
        nb,
        kernel_name=request["kernel_name"],
        timeout_func=lambda cell: request["cell_timeout"],
        startup_timeout=request["startup_timeout"],
        interrupt_on_timeout=False,
        allow_errors=False,
        shutdown_kernel="immediate",
        extra_arguments=["--http-port-range", f"{port}-{port}"],
        resources={"metadata": {"path": request["cwd"]}},
    )
    status = {"status": "ok", "cell_index": None, "cells": []}
    log_path = request["kernel_log"]
    started = time.monotonic()
    with open(log_path, "w", encoding="utf-8") as log:
        client.km = client.create_kernel_manager()

        def kill_kernel():
            process = getattr(client.km.provisioner, "process", None) if client.km.provisioner else None
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            os._exit(3)

        watch_parent(kill_kernel)
        try:
            context = client.async_setup_kernel(stdout=log, stderr=log)
            await context.__aenter__()
        except Exception as error:
            status.update(status="kernel_failed", evalue=f"{type(error).__name__}: {error}", log=kernel_log_tail(log_path))
            return nb, status
        try:
            process = client.km.provisioner.process
            status["kernel_pid"] = process.pid
            status["startup_seconds"] = round(time.monotonic() - started, 3)
            emit("kernel_started", pid=process.pid, seconds=status["startup_seconds"])
            client.reset_execution_trackers()
            failed = await run_prelude(client, request["prelude"], request["startup_timeout"])
            if failed is not None:
                status.update(status="kernel_failed", evalue="the engine's kernel setup failed: " + failed.get("evalue", ""))
                return nb, status
            for index, cell in enumerate(nb.cells):
                if cell.cell_type == "code" and cell.source.strip() and not await run_cell(client, cell, index, request, status):
                    break
        finally:
            await context.__aexit__(None, None, None)
            if status["status"] in ("crash", "timeout", "kernel_failed"):
                status["log"] = kernel_log_tail(log_path)
    return nb, status


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        request = json.load(file)
    try:
        nb, status = asyncio.run(execute(request))
        nbformat.write(nb, request["output"])
    except Exception:
        status = {"status": "engine_error", "evalue": traceback.format_exc()}
    with open(request["status"], "w", encoding="utf-8") as file:
        json.dump(status, file)


if __name__ == "__main__":
    main()
