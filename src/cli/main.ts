import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { isDomainError } from '../errors/domain-error.ts';
import { connect } from './connect.ts';
import { loadActiveModel } from '../match/match-settings.service.ts';
import { describeFailures } from '../match/model-checks.ts';
import { summary, trainingText } from '../match/train-text.ts';
import { verifyAudit } from './audit.command.ts';
import { AuthCommandError, createKeyCommand, listKeysCommand, revokeKeyCommand, tokenCommand } from './auth.command.ts';
import { evaluateFile, formatRuns } from './eval.command.ts';
import { importFile } from './import.command.ts';
import { formatPreview, formatReport } from './resolve.command.ts';
import { followJob, formatJob, formatJobs, kindOf, runJobCommand, statusOf } from './job.command.ts';
import type { ResolveReport } from '../match/bulk-resolve.service.ts';
import type { RefreshViewResultModel } from '../jobs/refresh-view.job.ts';
import { formatRotation } from './rotate-keys.command.ts';
import { finishedStatuses } from '../jobs/job.ts';
import type { TrainOutcome } from '../match/train.ts';
import { formatComparison } from '../match/compare-models.ts';
import { qualityCommand } from './quality.command.ts';

const USAGE = `Usage: npm run cli -- <command> [options]

  import --source NAME FILE [--format csv|ndjson] [--chunk N] [--restart]
      Import a CSV (header row) or NDJSON file into a registered source. Resumes an
      interrupted import of the same file unless --restart is given.
  register-source MAPPING.json
      Register (or update) a user-defined source from a mapping file.
  sources
      List the registered sources.
  rejections [--source NAME] [--first N]
      List open rejected records (position, field, reason; never the values).
  replay --source NAME
      Run a source's open rejections through its current mapping again.
  quality [--source NAME] [--first N]
      Count and list the values records were stored without because they did not parse
      or validate (data-quality issues: record, field, code, reason; never the values).
  train [--out models/NAME.json]
      Train a matching model on the records in the database (no labels needed): u from
      1,000,000 random pairs, the prior from the deterministic rules (recall 0.8), m by EM
      in rounds over blocked pairs. Prints each level's weight and writes the model only
      if it passes the sanity checks (else names each failed check and exits 1); serve it
      with MATCH_MODEL_PATH, then run resolve. Runs as a TRAIN job (progress on stderr).
  model [MODEL.json]
      Print a matching model's levels with their m, u and weight (default: the one
      MATCH_MODEL_PATH names, else the shipped model). Needs no database.
  resolve [--dry-run] [--force]
      Re-run identity resolution over every record, keeping customer ids stable. With
      --dry-run, print what it would change (merged, split, unchanged customers, sizes,
      the largest customers) and write nothing. Refuses (exit 1) a change beyond the
      RESOLVE_MAX_* bounds unless --force is given; every change can be undone. Runs as a
      RESOLVE_ALL job with a progress bar on stderr; Ctrl-C stops it after the current
      page, and running resolve again (or a running API) resumes it where it stopped.
  refresh-view [--follow]
      Bring every customer's search tokens and segment properties to the current view
      version (customers written before an upgrade), from their stored golden records: a
      REFRESH_VIEW job worked here with progress on stderr, or, with --follow, the one a
      running API started (else one worked here). Safe to run again: it skips customers
      already current.
  rotate-keys [--follow] [--plaintext] [--window N]
      Re-encrypt every stored value that names a key other than the current one
      (FIELD_ENCRYPTION_CURRENT_KEY), in pages, with reads going on: a ROTATE_KEYS job
      worked here, or with --follow the one a running API started. --plaintext also
      encrypts values stored before encryption and re-keys identifier lookups (the
      upgrade). Prints how many values still name each key id: a key may leave the ring
      once no value names it. Ctrl-C stops it after the current page; run it again to resume.
  job ID [--follow]
      Show a job (status, phase, progress, error, result); --follow shows its progress
      until it finishes.
  jobs [--kind RESOLVE_ALL|TRAIN|REFRESH_VIEW|ROTATE_KEYS] [--status STATUS] [--first N]
      List jobs, newest first.
  compare-models A.json B.json [--first N]
      Score every stored candidate pair with both models and count the pairs whose
      decision changes, by direction (link -> review, ...), with N example pairs each.
  crosswalk [--source NAME] [--out FILE.csv]
      Export source, source record id and customer id of every resolved record.
  eval FILE.csv --mapping MAPPING.json --truth-column COLUMN --empty-database [--model-out FILE] [--bulk-only]
      EMPTIES THE DATABASE, then measures resolution on a labelled file four ways (bulk and
      one record at a time; shipped and self-trained model) and prints precision, recall,
      F1, duplicate-profile and over-merge rates. Labels never reach the product.
  verify-audit [--anchor SEQ:HASH ...]
      Seal pending audit entries, then recompute the audit hash chain; exits 1 and names
      the first broken entry when any was edited or deleted. Each --anchor is a head the
      API logged ('audit chain sealed', auditAnchor): the chain must still match it, which
      catches a rewrite of the whole chain.
  token [--role ROLE ...] [--id ID] [--hours N]
      Print a development bearer token (default role admin) signed with AUTH_JWT_SECRET or
      the development secret. Refused when NODE_ENV=production. Needs no database.
  create-key --scope source:NAME|partner:NAME --name NAME [--days N]
      Issue an API key for a source system or an enrichment partner; printed once.
  keys
      List API keys (id, scope, expiry, last use; never the secret).
  revoke-key ID
      Refuse a key from now on.

Neo4j: NEO4J_URI if set, otherwise the local Neo4j of \`npm start\` / \`npm run neo4j\`.`;

/** The CLI acts as the operating-system user who runs it, as the audit trail records. */
const cliActor = { id: `cli:${process.env.USER ?? 'unknown'}`, role: 'operator', requestId: null };

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      source: { type: 'string' },
      format: { type: 'string' },
      chunk: { type: 'string' },
      first: { type: 'string' },
      anchor: { type: 'string', multiple: true },
      out: { type: 'string' },
      mapping: { type: 'string' },
      'truth-column': { type: 'string' },
      'model-out': { type: 'string' },
      'empty-database': { type: 'boolean', default: false },
      'bulk-only': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      restart: { type: 'boolean', default: false },
      role: { type: 'string', multiple: true },
      id: { type: 'string' },
      hours: { type: 'string' },
      scope: { type: 'string' },
      name: { type: 'string' },
      days: { type: 'string' },
      kind: { type: 'string' },
      status: { type: 'string' },
      follow: { type: 'boolean', default: false },
      plaintext: { type: 'boolean', default: false },
      window: { type: 'string' },
    },
  });
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  if (command === 'model') {
    const model = await loadActiveModel(positionals[0] ?? loadConfig().match.modelPath);
    print(summary(model));
    return 0;
  }
  if (command === 'token') {
    print(await tokenCommand(loadConfig().auth, { roles: values.role ?? [], id: values.id, hours: values.hours }));
    return 0;
  }
  const connection = await connect();
  const { services } = connection;
  try {
    switch (command) {
      case 'import': {
        const file = positionals[0];
        if (!values.source || !file) throw usage('import needs --source NAME and a FILE');
        const result = await importFile(services, {
          source: values.source,
          file,
          ...(values.format ? { format: values.format } : {}),
          ...(values.chunk ? { chunk: Number(values.chunk) } : {}),
          restart: values.restart,
          actor: cliActor,
        });
        const rate = Math.round(result.received / Math.max(result.seconds, 0.001));
        print(`Imported ${result.received} records into ${values.source} in ${result.seconds.toFixed(1)} s (${rate} records/s): ${result.stored} stored, ${result.unchanged} unchanged, ${result.rejectedCount} rejected.`);
        for (const r of result.rejected.slice(0, 20)) print(`  record ${r.position}: ${r.code} at ${r.field.join('.') || '(record)'}: ${r.reason}`);
        if (result.rejectedCount > 20) print(`  ... and ${result.rejectedCount - 20} more: npm run cli -- rejections --source ${values.source}`);
        if (result.dataQualityIssueCount > 0) print(`${result.dataQualityIssueCount} value(s) left out of stored records as data-quality issues: npm run cli -- quality --source ${values.source}`);
        return 0;
      }
      case 'register-source': {
        const file = positionals[0];
        if (!file) throw usage('register-source needs a MAPPING.json file');
        const spec = JSON.parse(await readFile(file, 'utf8')) as { name?: unknown };
        const source = await services.sources.register({ name: String(spec.name ?? ''), mapping: spec }, cliActor);
        print(`Registered source ${source.name} (priority ${source.priority}).`);
        return 0;
      }
      case 'sources': {
        const sources = await services.sources.list();
        const counts = await services.sources.counts(sources.map((s) => s.name));
        for (const s of sources) {
          const c = counts.get(s.name);
          print(`${s.name.padEnd(24)} ${s.adapter.padEnd(12)} priority ${String(s.priority).padStart(4)}  records ${c?.records ?? 0}  open rejections ${c?.openRejections ?? 0}`);
        }
        return 0;
      }
      case 'rejections': {
        const list = await services.rejections.list({ source: values.source ?? null, status: 'open', first: Number(values.first ?? 100) });
        for (const r of list) print(`${r.id} ${r.source} record ${r.position}: ${r.code} at ${r.field.join('.') || '(record)'}: ${r.reason}`);
        print(`${list.length} open rejection(s).`);
        return 0;
      }
      case 'quality':
        (await qualityCommand(services, { source: values.source, first: values.first })).forEach(print);
        return 0;
      case 'replay': {
        if (!values.source) throw usage('replay needs --source NAME');
        const outcome = await services.rejections.replay(values.source, null, cliActor);
        print(`Replayed ${outcome.received}: ${outcome.stored} stored, ${outcome.unchanged} unchanged, ${outcome.rejected.length} still rejected.`);
        return 0;
      }
      case 'train': {
        const attempt = await runJobCommand(services.jobs, 'TRAIN', {}, cliActor);
        if (attempt.stopped) return 130;
        const outcome = attempt.value as TrainOutcome | undefined;
        if (attempt.job.status === 'FAILED' || !outcome) throw attempt.value ?? new Error(`Job ${attempt.job.id} ${attempt.job.status}: ${attempt.job.error ?? ''}`);
        if (outcome.status === 'rejected') {
          print(summary(outcome.candidate));
          print(`\n${trainingText(outcome.report)}`);
          process.stderr.write(`\nThe trained model failed ${outcome.failures.length} check(s) and was not written:\n${describeFailures(outcome.failures)}\n`);
          return 1;
        }
        const out = values.out ?? `models/${outcome.model.version}.json`;
        await writeFile(out, `${JSON.stringify(outcome.model, null, 2)}\n`);
        print(summary(outcome.model));
        print(`\n${trainingText(outcome.report)}`);
        print(`Trained ${outcome.model.version}; it passed every check and was written to ${out}.`);
        print(`Serve it with MATCH_MODEL_PATH=${out}, then re-resolve: npm run cli -- resolve`);
        return 0;
      }
      case 'resolve': {
        if (values['dry-run']) {
          print(formatPreview(await services.bulkResolve.preview()));
          return 0;
        }
        const attempt = await runJobCommand(services.jobs, 'RESOLVE_ALL', { force: values.force }, cliActor);
        if (attempt.stopped) return 130;
        if (attempt.job.status === 'FAILED') throw attempt.value ?? new Error(`Job ${attempt.job.id} failed: ${attempt.job.error ?? ''}`);
        if (attempt.job.status !== 'SUCCEEDED') {
          process.stderr.write(`${attempt.job.error ?? `Job ${attempt.job.id} ${attempt.job.status}`}\n`);
          return 1;
        }
        print(formatReport(attempt.job.result as ResolveReport));
        return 0;
      }
      case 'refresh-view': {
        // --follow: the job an API started, if one is active; else (or without it) one worked here.
        const [newest] = values.follow ? await services.jobs.list({ kind: 'REFRESH_VIEW', first: 1 }) : [];
        const running = newest && !finishedStatuses.includes(newest.status) ? newest : undefined;
        const job = running ? await followJob(services.jobs, running.id) : (await runJobCommand(services.jobs, 'REFRESH_VIEW', {}, cliActor)).job;
        if (!job) return 1;
        if (job.status !== 'SUCCEEDED') {
          process.stderr.write(`Job ${job.id} ${job.status}${job.error ? `: ${job.error}` : ''}\n`);
          return job.status === 'RUNNING' || job.status === 'QUEUED' ? 130 : 1;
        }
        const result = job.result as RefreshViewResultModel;
        print(`${job.id}: ${result.refreshed} of ${result.scanned} customers refreshed; every customer's view is at version ${result.viewVersion}.`);
        return 0;
      }
      case 'rotate-keys': {
        // --follow: the job an API started, if one is active; else (or without it) one worked here.
        const [newest] = values.follow ? await services.jobs.list({ kind: 'ROTATE_KEYS', first: 1 }) : [];
        const running = newest && !finishedStatuses.includes(newest.status) ? newest : undefined;
        const options = { plaintext: values.plaintext, ...(values.window ? { window: Number(values.window) } : {}) };
        const job = running ? await followJob(services.jobs, running.id) : (await runJobCommand(services.jobs, 'ROTATE_KEYS', options, cliActor)).job;
        if (!job) return 1;
        if (job.status !== 'SUCCEEDED') {
          process.stderr.write(`Job ${job.id} ${job.status}${job.error ? `: ${job.error}` : ''}\n`);
          return job.status === 'RUNNING' || job.status === 'QUEUED' ? 130 : 1;
        }
        formatRotation(job).forEach(print);
        return 0;
      }
      case 'job': {
        const id = positionals[0];
        if (!id) throw usage('job needs a job ID (npm run cli -- jobs lists them)');
        const job = values.follow ? await followJob(services.jobs, id) : await services.jobs.get(id);
        if (!job) {
          process.stderr.write(`No job ${id}.\n`);
          return 1;
        }
        print(formatJob(job, services.jobs.progressOf(job)));
        return 0;
      }
      case 'jobs': {
        const kind = values.kind ? kindOf(values.kind) : null;
        const status = values.status ? statusOf(values.status) : null;
        if (values.kind && !kind) throw usage(`no job kind ${values.kind}`);
        if (values.status && !status) throw usage(`no job status ${values.status}`);
        const list = await services.jobs.list({ kind, status, first: Math.min(Number(values.first ?? 20), 100) });
        print(formatJobs(list, (j) => services.jobs.progressOf(j)));
        return 0;
      }
      case 'compare-models': {
        const [a, b] = positionals;
        if (!a || !b) throw usage('compare-models needs two model files, A.json and B.json');
        const comparison = await services.compareModels.compare(await loadActiveModel(a), await loadActiveModel(b), Number(values.first ?? 10));
        print(formatComparison(comparison));
        return 0;
      }
      case 'crosswalk': {
        const lines = ['source,source_record_id,customer_id'];
        for (let after: string | null = null; ; ) {
          const page: Array<{ cursor: string; source: string; sourceRecordId: string; customerId: string }> = await services.match.crosswalk(values.source ?? null, 10_000, after);
          if (page.length === 0) break;
          for (const e of page) lines.push([e.source, e.sourceRecordId, e.customerId].map(csvCell).join(','));
          after = page.at(-1)!.cursor;
        }
        if (values.out) await writeFile(values.out, `${lines.join('\n')}\n`);
        else process.stdout.write(`${lines.join('\n')}\n`);
        return 0;
      }
      case 'eval': {
        const file = positionals[0];
        if (!file || !values.mapping || !values['truth-column']) throw usage('eval needs FILE.csv, --mapping and --truth-column');
        if (!values['empty-database']) throw usage('eval empties the database it runs on: pass --empty-database to confirm');
        const runs = await evaluateFile(services, connection.executor, {
          file,
          mapping: JSON.parse(await readFile(values.mapping, 'utf8')),
          truthColumn: values['truth-column'],
          bulkOnly: values['bulk-only'],
          onTrained: async (model) => {
            if (values['model-out']) await writeFile(values['model-out'], `${JSON.stringify(model, null, 2)}\n`);
          },
        });
        print(formatRuns(runs));
        return 0;
      }
      case 'verify-audit': {
        const result = await verifyAudit(connection.executor, values.anchor ?? []);
        print(result.message);
        return result.code;
      }
      case 'create-key':
        (await createKeyCommand(services, cliActor, { scope: values.scope, name: values.name, days: values.days })).forEach(print);
        return 0;
      case 'keys':
        (await listKeysCommand(services)).forEach(print);
        return 0;
      case 'revoke-key':
        (await revokeKeyCommand(services, cliActor, positionals[0])).forEach(print);
        return 0;
      default:
        throw usage(`unknown command ${command}`);
    }
  } finally {
    await connection.close();
  }
}

class UsageError extends Error {}
const usage = (message: string) => new UsageError(message);
const print = (line: string) => process.stdout.write(`${line}\n`);
const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  if (error instanceof AuthCommandError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
  } else if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
  } else if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 78;
  } else if (isDomainError(error)) {
    process.stderr.write(`${error.clientMessage ?? error.message}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
