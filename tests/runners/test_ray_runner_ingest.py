"""The Ray runner: stages mapped with Ray Data over a local 2-CPU cluster, written to PostgreSQL by the workers.

A worker process is SIGKILLed mid-run; Ray retries its task and, because ``put`` is idempotent by id,
every document is stored exactly once.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from communique.errors import ConfigError
from communique.model import document_id
from communique.store.factory import open_store

HERE = Path(__file__).parent
FAULT_MODULE = "communique_test_faults"
LIGHT_STAGES = ("communique.clean.v1", "communique.metadata.v1")
COUNTRIES = ["Kenya", "Japan", "Brazil", "Poland", "Vietnam", "Ghana", "Chile", "Norway", "Jordan", "Peru"]
TOPICS = ["maritime security", "critical minerals", "vaccine supply chains", "clean energy investment",
          "counternarcotics cooperation"]


def readout(n: int) -> str:
    country, topic = COUNTRIES[n % len(COUNTRIES)], TOPICS[n % len(TOPICS)]
    return (
        f"Readout of the Secretary's Meeting with the Foreign Minister of {country} (No. {n})\n\n"
        f"The Secretary met today with Foreign Minister Ana Delgado-{n} of {country} in Washington. "
        f"They discussed {topic} and agreed to hold a follow-up dialogue within {n % 9 + 2} months. "
        f"The Secretary welcomed {country}'s pledge of ${n * 7 + 15} million toward the regional fund.\n"
    )


def write_inputs(folder: Path, count: int, kill: tuple[int, ...]) -> dict[str, str]:
    """Files on disk; returns {document id: file name}. Documents listed in ``kill`` carry a kill marker."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = {}
    for n in range(count):
        text = readout(n) + (f"\nKILL-WORKER-{n}\n" if n in kill else "")
        path = folder / f"readout-{n:03d}.txt"
        path.write_text(text, encoding="utf-8")
        ids[document_id(path.read_bytes())] = path.name
    return ids


@pytest.fixture(scope="module")
def ray_cluster(tmp_path_factory):
    """A local Ray cluster of 2 CPUs (2 worker processes run the map tasks); workers find the fault stages."""
    ray = pytest.importorskip("ray", reason="ray[data] is an optional extra: pip install 'communique[ray]'")
    pytest.importorskip("ray.data", reason="ray[data] is an optional extra: pip install 'communique[ray]'")
    fault_dir = tmp_path_factory.mktemp("faults")
    env = {"PYTHONPATH": str(HERE), "COMMUNIQUE_FAULT_DIR": str(fault_dir)}
    sys.path.insert(0, str(HERE))
    ray.init(num_cpus=2, include_dashboard=False, logging_level="WARNING", runtime_env={"env_vars": env})
    try:
        yield fault_dir
    finally:
        ray.shutdown()
        sys.path.remove(str(HERE))


@pytest.mark.slow
def test_ray_ingest_survives_killed_workers(ray_cluster, postgres_url, tmp_path, monkeypatch):
    from communique.runners.ray_runner import ingest_ray

    monkeypatch.setenv("COMMUNIQUE_FAULT_DIR", str(ray_cluster))
    kill = (9,)  # the third of six batches: mid-run, with batches already stored before and after it
    expected = write_inputs(tmp_path / "in", 24, kill)
    seen: list[str] = []
    report = ingest_ray([str(tmp_path / "in")], postgres_url, stages=(*LIGHT_STAGES, "test.kill_once.v1"),
                        batch_size=4, modules=(FAULT_MODULE,), on_document=lambda d: seen.append(d.source))
    assert {p.name for p in ray_cluster.glob("killed-*")} == {f"killed-{n}" for n in kill}  # the kills fired
    assert report.errors == []
    assert (report.read, report.added, report.unchanged) == (24, 24, 0)
    assert len(seen) == 24
    with open_store(postgres_url) as store:
        docs = list(store.iter_documents())
    assert sorted(d.id for d in docs) == sorted(expected)  # nothing lost, nothing twice
    assert all(d.text.startswith("Readout of the Secretary") for d in docs)  # the stages ran before the write
    again = ingest_ray([str(tmp_path / "in")], postgres_url, stages=(*LIGHT_STAGES, "test.kill_once.v1"),
                       batch_size=4, modules=(FAULT_MODULE,))
    assert (again.read, again.added, again.unchanged) == (24, 0, 24)  # idempotent rerun


@pytest.mark.slow
def test_ray_ingest_sqlite_driver_writes(ray_cluster, tmp_path):
    from communique.runners.ray_runner import ingest_ray

    expected = write_inputs(tmp_path / "in", 12, ())
    (tmp_path / "in" / "broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    db = str(tmp_path / "kb.db")
    report = ingest_ray([str(tmp_path / "in")], db, stages=LIGHT_STAGES, batch_size=5)
    assert (report.read, report.added) == (12, 12)
    assert len(report.errors) == 1 and "broken.pdf" in report.errors[0]
    with open_store(db) as store:
        assert sorted(d.id for d in store.iter_documents()) == sorted(expected)


@pytest.mark.parametrize(
    ("stages", "cluster", "gpus"),
    [
        (LIGHT_STAGES, {"CPU": 2.0}, 0),
        (LIGHT_STAGES, {"CPU": 8.0, "GPU": 1.0}, 0),  # no stage can use it
        ((*LIGHT_STAGES, "test.gpu_capable.v1"), {"CPU": 2.0}, 0),  # CPU path: no GPU in the cluster
        ((*LIGHT_STAGES, "test.gpu_capable.v1"), {"CPU": 8.0, "GPU": 2.0}, 1),
    ],
)
def test_task_resources_requests_gpu_only_when_usable(stages, cluster, gpus, monkeypatch):
    monkeypatch.syspath_prepend(str(HERE))
    __import__(FAULT_MODULE)
    from communique.runners.ray_runner import task_resources

    assert task_resources(stages, cluster) == {"num_cpus": 1.0, "num_gpus": gpus}


def test_require_ray_names_the_install_command(monkeypatch):
    from communique.runners.ray_runner import require_ray

    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    with pytest.raises(ConfigError, match=r"pip install 'communique\[ray\]'"):
        require_ray()
