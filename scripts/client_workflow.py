"""The whole lrtune workflow through the Python client generated from /v3/api-docs (see docs/api.md, "Generate a client").

Uploads a CSV, runs a range test, polls it, reads its recommendation, trains with one_cycle at the recommended
rate, polls, and reads the curve; then runs a study of four schedules and trains with its winner. Exits non-zero
on the first thing that does not work.

    python3 scripts/client_workflow.py [http://localhost:8080]
"""
import math
import random
import sys
import time

import lrtune_client
from lrtune_client.models import (AnalyzeRequest, ConstantSpec, CosineSpec, CyclicSpec, ExponentialSpec, JobRequest,
                                  ModelRequest, OneCycleSpec, OptimizerRequest, PreviewRequest, RangeTestRequest,
                                  ScheduleSpec, StrategyRequest, StudyRequest, TrainingRequest, WarmupSpec)

url = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080"
client = lrtune_client.ApiClient(lrtune_client.Configuration(host=url))
datasets = lrtune_client.DatasetsApi(client)
jobs = lrtune_client.JobsApi(client)
schedules = lrtune_client.SchedulesApi(client)
range_tests = lrtune_client.RangeTestsApi(client)
studies = lrtune_client.StudiesApi(client)

# Schedules: the catalogue, and a preview of a nested schedule (oneOf with a discriminator, twice)
types = schedules.list_schedule_types()
print(f"{len(types)} schedule types: {', '.join(t.type for t in types)}")
warmup = ScheduleSpec(WarmupSpec(type="warmup", warmup_steps=5, then=ScheduleSpec(CosineSpec(type="cosine", lr=0.1, t_max=10))))
preview = schedules.preview_schedule(PreviewRequest(schedule=warmup, steps=16))
print("warmup into cosine:", [round(lr, 4) for lr in preview.lr])
try:
    schedules.preview_schedule(PreviewRequest(
        schedule=ScheduleSpec(CyclicSpec(type="cyclic", base_lr=0.01, max_lr=0.001)), steps=10))
    sys.exit("a cyclic schedule with maxLr < baseLr was accepted")
except lrtune_client.exceptions.BadRequestException as e:
    print(f"invalid schedule: {e.status} {e.body}")

# The analysis of a curve measured elsewhere
analysis = range_tests.analyze_range_test(AnalyzeRequest(
    lr=[1e-5, 3.16e-5, 1e-4, 3.16e-4, 1e-3, 3.16e-3, 1e-2, 3.16e-2, 1e-1, 3.16e-1, 1],
    loss=[2.30, 2.30, 2.29, 2.26, 2.15, 1.90, 1.52, 1.20, 1.35, 2.70, None], smoothing=0, skip_start=0, skip_end=0))
print(f"analysis: recommended lr {analysis.recommended_lr:.4g} ({analysis.method})")

# Two noisy interleaved half-moons, 600 rows, written as CSV text
rng = random.Random(7)
rows = ["x1,x2,label"]
for i in range(600):
    t = rng.uniform(0, math.pi)
    x, y, label = (math.cos(t), math.sin(t), "upper") if i % 2 == 0 else (1 - math.cos(t), 0.5 - math.sin(t), "lower")
    rows.append(f"{x + rng.gauss(0, 0.15):.4f},{y + rng.gauss(0, 0.15):.4f},{label}")
dataset = datasets.upload_dataset("\n".join(rows) + "\n", name="moons-client", target="label")
print(f"dataset {dataset.id}: {dataset.rows_parsed} rows parsed, {dataset.rows_dropped} dropped, "
      f"{dataset.features} features, classes {dataset.classes}")


def wait(job_id):
    while True:
        job = jobs.get_job(job_id)
        if job.status not in ("queued", "running"):
            return job
        p = job.progress
        print(f"  job {job_id} {job.status}: {p.iteration}/{p.total_iterations} ({p.fraction:.0%}), eta {p.eta_seconds}")
        time.sleep(0.5)


range_test = jobs.submit_job(JobRequest(
    type="range_test", dataset=str(dataset.id), model=ModelRequest(type="mlp", hidden=[32]), seed=1,
    range_test=RangeTestRequest(start_lr=1e-5, end_lr=100, iterations=300, repeats=2)))
finished = wait(range_test.id)
assert finished.status == "succeeded", finished
recommendation = jobs.get_recommendation(range_test.id)
print(f"range test {range_test.id}: recommended lr {recommendation.recommended_lr:.4g} ({recommendation.method}); "
      f"suggestions {recommendation.suggestions.to_dict()}")

training = jobs.submit_job(JobRequest(
    type="training", dataset=str(dataset.id), model=ModelRequest(type="mlp", hidden=[32]), seed=1,
    optimizer=OptimizerRequest(type="sgd", momentum=0.9),
    training=TrainingRequest(iterations=600, evaluate_every=50, schedule=ScheduleSpec(OneCycleSpec(
        type="one_cycle", max_lr=recommendation.recommended_lr, total_steps=600)))))
print(f"training {training.id}: schedule echoed as {training.request.training.schedule.to_dict()}")
finished = wait(training.id)
assert finished.status == "succeeded", finished
curve = jobs.get_curve(training.id, max_points=200)
print(f"training {training.id}: {finished.result.iterations} iterations, validation loss "
      f"{finished.result.validation_loss:.4f}, accuracy {finished.result.validation_accuracy:.3f}; curve "
      f"{len(curve.iteration)} points, lr {min(curve.lr):.3g}..{max(curve.lr):.3g}, {len(curve.validation.iteration)} evaluations")

# A study: four schedules sized for 900 iterations, halving by 3 from 100; then its winner as a plain training job
candidates = [ScheduleSpec(ConstantSpec(type="constant", lr=recommendation.recommended_lr)),
              ScheduleSpec(ExponentialSpec(type="exponential", lr=recommendation.recommended_lr, decay_rate=0.01,
                                           decay_steps=900)),
              ScheduleSpec(CosineSpec(type="cosine", lr=recommendation.recommended_lr, t_max=900)),
              ScheduleSpec(OneCycleSpec(type="one_cycle", max_lr=recommendation.cyclic_bounds.max_lr, total_steps=900))]
study = studies.submit_study(StudyRequest(
    dataset=str(dataset.id), model=ModelRequest(type="mlp", hidden=[32]), seed=1, iterations=900, evaluate_every=50,
    candidates=candidates, strategy=StrategyRequest(type="successive_halving", eta=3, min_iterations=100)))
while study.status == "running":
    time.sleep(0.5)
    study = studies.get_study(study.id)
assert study.status == "succeeded", study
print(f"study {study.id}: rungs {study.rungs}; " + ", ".join(
    f"#{t.rank} {t.schedule.actual_instance.type} (rung {t.rung}, validation loss {t.validation_loss:.4f}"
    f"{', pruned' if t.pruned else ''})" for t in study.trials))
winner = jobs.submit_job(JobRequest(
    type="training", dataset=str(dataset.id), model=ModelRequest(type="mlp", hidden=[32]), seed=study.request.seed,
    training=TrainingRequest(iterations=study.best.iterations, evaluate_every=50, schedule=study.best.schedule)))
finished = wait(winner.id)
assert finished.result.validation_loss == study.best.validation_loss, (finished.result, study.best)
print(f"best schedule re-run as job {winner.id}: validation loss {finished.result.validation_loss:.4f}, as in the study")
assert len(jobs.list_jobs(study_id=study.id, size=100).items) == 4 + 1 + 1

try:
    jobs.get_job(10**12)
    sys.exit("an unknown job was not a 404")
except lrtune_client.exceptions.NotFoundException as e:
    print(f"unknown job: {e.status} {e.body}")
print("workflow OK")
