"""Splink 4 (DuckDB) on the prepared, label-free file of compare.bench.ts.

Trains a model the way Splink's documentation sets one up for person data, predicts,
clusters at each threshold and writes `unique_id,threshold,cluster_id` to --clusters-out.
Prints one JSON object of timings and model facts on stdout; no record value ever reaches
the output (Splink's own logging is kept at WARNING).
"""

import argparse
import json
import logging
import sys
import time
from importlib.metadata import version

import duckdb
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on


def settings() -> SettingsCreator:
    """Person-data settings after Splink's examples: library comparisons per column."""
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[
            # NameComparison puts a term-frequency adjustment on its exact level.
            cl.NameComparison("first_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("dob", input_is_string=True, datetime_format="%Y-%m-%d"),
            cl.EmailComparison("email"),
            # Splink 4.0 has no phone comparison; a shared household line is common, so
            # the exact level is weighted by how often the number occurs.
            cl.ExactMatch("phone").configure(term_frequency_adjustments=True),
            cl.PostcodeComparison("postcode"),
            cl.ExactMatch("loyalty"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"),
            block_on("surname", "dob"),
            block_on("first_name", "dob"),
            block_on("email"),
            block_on("phone"),
            block_on("postcode", "surname"),
            block_on("postcode", "first_name"),
            block_on("loyalty"),
            # Typing slips past the second letter of either name.
            block_on("substr(first_name, 1, 2)", "substr(surname, 1, 2)"),
        ],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )


# Rules expected to admit almost no false positives, for the prior.
DETERMINISTIC_RULES = [
    block_on("first_name", "surname", "dob"),
    block_on("email"),
    block_on("phone", "first_name"),
]
# Each EM session estimates m for every comparison its blocking rule does not use:
# names in the second, everything else in the first.
EM_BLOCKING_RULES = [block_on("first_name", "surname"), block_on("dob"), block_on("email")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", required=True, help="prepared CSV with a unique_id column")
    parser.add_argument("--clusters-out", required=True)
    parser.add_argument("--thresholds", default="0.95", help="comma-separated match probabilities")
    parser.add_argument("--recall", type=float, default=0.7, help="assumed recall of the deterministic rules")
    parser.add_argument("--max-pairs", type=float, default=1e7, help="random pairs for u")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    thresholds = [float(t) for t in args.thresholds.split(",")]

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="splink: %(message)s")

    phases: dict[str, float] = {}
    started = time.perf_counter()

    def phase(name: str) -> None:
        nonlocal started
        now = time.perf_counter()
        phases[name] = round(now - started, 3)
        started = now

    con = duckdb.connect()
    con.execute(f"SET threads = {int(args.threads)}")
    con.execute("CREATE TABLE records AS SELECT * FROM read_csv(?, header = true, all_varchar = true)", [args.input])
    records = con.execute("SELECT count(*) FROM records").fetchone()[0]
    linker = Linker("records", settings(), db_api=DuckDBAPI(connection=con), set_up_basic_logging=False)
    phase("load")

    linker.training.estimate_probability_two_random_records_match(DETERMINISTIC_RULES, recall=args.recall)
    prior = linker._settings_obj._probability_two_random_records_match
    phase("prior")
    linker.training.estimate_u_using_random_sampling(max_pairs=args.max_pairs, seed=args.seed)
    phase("u")
    for rule in EM_BLOCKING_RULES:
        linker.training.estimate_parameters_using_expectation_maximisation(rule)
    phase("em")

    predictions = linker.inference.predict(threshold_match_probability=min(thresholds))
    scored = con.execute(f"SELECT count(*) FROM {predictions.physical_name}").fetchone()[0]
    phase("predict")

    con.execute("CREATE TABLE clusters (unique_id VARCHAR, threshold DOUBLE, cluster_id VARCHAR)")
    for threshold in thresholds:
        clustered = linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, threshold_match_probability=threshold
        )
        con.execute(
            f"INSERT INTO clusters SELECT unique_id, {threshold}, cluster_id FROM {clustered.physical_name}"
        )
        phase(f"cluster {threshold}")
    con.execute("COPY clusters TO ? (HEADER, DELIMITER ',')", [args.clusters_out])
    phase("write")

    json.dump(
        {
            "splink": version("splink"),
            "duckdb": version("duckdb"),
            "records": records,
            "probabilityTwoRandomRecordsMatch": prior,
            "maxPairs": args.max_pairs,
            "recall": args.recall,
            "scoredPairsAboveLowestThreshold": scored,
            "phases": phases,
        },
        sys.stdout,
    )
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
