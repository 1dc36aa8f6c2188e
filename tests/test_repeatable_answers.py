"""Same question, same index => same answer, in every process.

Four ``rujukan ask - --json`` processes read the same 50 golden questions at the same time
from one copy of the full index; their answers must be byte-identical (the time each answer
took, ``elapsed_ms``, aside). Dense search was the one part that differed between processes
while it went through Chroma's HNSW graph.
"""

from __future__ import annotations

import json
import shutil
import subprocess

from evals.golden import load_golden
from tests.fixtures.tiny_corpus import REPO, command

PROCESSES = 4
QUESTIONS = 50


def test_the_same_questions_in_four_processes_give_identical_answers(full_data, tmp_path):
    import os

    data = tmp_path / "data"
    shutil.copytree(full_data / "index", data / "index")  # opening Chroma writes to its folder
    golden = [q.question for q in load_golden().questions]
    step = max(1, len(golden) // QUESTIONS)
    questions = [q.replace("\n", " ") for q in golden[::step][:QUESTIONS]]
    assert len(questions) == QUESTIONS
    env = dict(os.environ, RUJUKAN_DATA=str(data))
    procs = [
        subprocess.Popen(command("ask", "-", "--json"), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
        for _ in range(PROCESSES)
    ]  # fmt: skip
    outputs = []
    for proc in procs:
        out, err = proc.communicate("\n".join(questions) + "\n", timeout=1800)
        assert proc.returncode == 0, err[-2000:]
        answers = [json.loads(line) for line in out.splitlines()]
        assert [a["question"] for a in answers] == questions
        for a in answers:
            a.pop("elapsed_ms")
        outputs.append(json.dumps(answers, ensure_ascii=False))
    assert sum(not json.loads(outputs[0])[i]["abstained"] for i in range(QUESTIONS)) >= 25  # real answers
    assert outputs[1:] == [outputs[0]] * (PROCESSES - 1)
