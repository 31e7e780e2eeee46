import type { ReactNode } from 'react';
import {
  aggregates, attributes, comparisons, consentChannels, consentDecisions, consentFlags, consentPurposes, hashedAttributes, interactionTypes, isPurpose, labelOf,
  type AggregateNode, type AttributeNode, type AttributeOp, type BehaviourNode, type ConditionNode, type ConsentNode,
} from './definition.ts';

type Props<N> = { node: N; onChange: (next: N) => void };

const Select = <K extends string>({ label, value, options, onChange }: { label: string; value: K; options: ReadonlyArray<readonly [K, string]>; onChange: (v: K) => void }) => (
  <label>
    {label}
    <select value={value} onChange={(e) => onChange(e.target.value as K)}>
      {options.map(([k, text]) => <option key={k} value={k}>{text}</option>)}
    </select>
  </label>
);

const Text = ({ label, value, onChange, hint, ...rest }: { label: string; value: string; onChange: (v: string) => void; hint?: string; inputMode?: 'numeric' | 'decimal'; size?: number; placeholder?: string }) => (
  <label>
    {label}
    <input value={value} onChange={(e) => onChange(e.target.value)} maxLength={200} autoComplete="off" {...rest} />
    {hint && <span className="hint">{hint}</span>}
  </label>
);

const attributeOps: ReadonlyArray<readonly [AttributeOp, string]> = [['eq', 'is'], ['startsWith', 'starts with'], ['exists', 'is known']];

function AttributeFields({ node, onChange }: Props<AttributeNode>) {
  const hashed = hashedAttributes.includes(node.attribute);
  return (
    <>
      <Select label="Attribute" value={node.attribute} options={attributes} onChange={(attribute) => onChange({ ...node, attribute })} />
      <Select label="Comparison" value={node.op} options={attributeOps} onChange={(op) => onChange({ ...node, op })} />
      {node.op !== 'exists' && <Text label="Value" value={node.value} onChange={(value) => onChange({ ...node, value })} />}
      {hashed && node.op === 'startsWith' && (
        <p className="hint warn-text">Under field encryption this attribute is a keyed hash: only “is” and “is known” can filter on it.</p>
      )}
    </>
  );
}

function BehaviourFields({ node, onChange }: Props<BehaviourNode>) {
  return (
    <>
      <Select label="Interaction" value={node.type} options={interactionTypes} onChange={(type) => onChange({ ...node, type })} />
      <Text label="At least" value={node.min} onChange={(min) => onChange({ ...node, min })} inputMode="numeric" size={5} />
      <Text label="At most" value={node.max} onChange={(max) => onChange({ ...node, max })} inputMode="numeric" size={5} hint="0 = none" />
      <Text label="Within days" value={node.withinDays} onChange={(withinDays) => onChange({ ...node, withinDays })} inputMode="numeric" size={5} />
      <Text label="Subtype" value={node.subtype} onChange={(subtype) => onChange({ ...node, subtype })} placeholder="open, click" size={14} />
      <Text label="Category" value={node.category} onChange={(category) => onChange({ ...node, category })} size={12} />
    </>
  );
}

function AggregateFields({ node, onChange }: Props<AggregateNode>) {
  return (
    <>
      <Select label="Aggregate" value={node.aggregate} options={aggregates} onChange={(aggregate) => onChange({ ...node, aggregate })} />
      <Select label="Comparison" value={node.op} options={comparisons} onChange={(op) => onChange({ ...node, op })} />
      <Text label="Amount" value={node.value} onChange={(value) => onChange({ ...node, value })} inputMode="decimal" size={8} />
      {node.aggregate === 'lifetimeValue' && <Text label="Currency" value={node.currency} onChange={(currency) => onChange({ ...node, currency: currency.toUpperCase() })} size={4} />}
    </>
  );
}

/** What the condition selects, said in full: "any channel" and "not decided" are easy to misread. */
function consentHint(node: ConsentNode): string {
  if (!isPurpose(node.about)) {
    return node.about === 'OBJECTION' ? 'Raised: the customer objected to direct marketing.' : 'Raised: the customer asked not to have their data sold or shared.';
  }
  const on = node.channel ? `on ${labelOf(consentChannels, node.channel).toLowerCase()}` : '';
  if (node.is === 'undecided') return node.channel ? `Neither granted nor denied ${on}.` : 'No decision on any channel.';
  return node.channel ? `${node.is === 'granted' ? 'Granted' : 'Denied'} ${on}.` : `${node.is === 'granted' ? 'Granted' : 'Denied'} on at least one channel, or on every channel.`;
}

function ConsentFields({ node, onChange }: Props<ConsentNode>) {
  return (
    <>
      <label>
        Purpose or flag
        <select value={node.about} onChange={(e) => onChange({ ...node, about: e.target.value as ConsentNode['about'] })}>
          <optgroup label="Purposes">{consentPurposes.map(([k, text]) => <option key={k} value={k}>{text}</option>)}</optgroup>
          <optgroup label="Flags">{consentFlags.map(([k, text]) => <option key={k} value={k}>{text}</option>)}</optgroup>
        </select>
      </label>
      {isPurpose(node.about) ? (
        <>
          <Select label="Channel" value={node.channel} options={consentChannels} onChange={(channel) => onChange({ ...node, channel })} />
          <Select label="Decision" value={node.is} options={consentDecisions} onChange={(is) => onChange({ ...node, is })} />
        </>
      ) : (
        <Select label="Flag" value={node.raised ? 'raised' : 'lifted'} options={[['raised', 'raised'], ['lifted', 'not raised']] as const} onChange={(v) => onChange({ ...node, raised: v === 'raised' })} />
      )}
      <p className="hint consent-hint">{consentHint(node)} Exports still apply consent on their own.</p>
    </>
  );
}

const kindLabel: Record<ConditionNode['kind'], string> = { attribute: 'Attribute', behaviour: 'Behaviour', aggregate: 'Aggregate', consent: 'Consent' };

/** One condition as a fieldset: its fields, "not", and remove. */
export function ConditionEditor({ node, index, problems, onChange, onRemove }: Props<ConditionNode> & { index: number; problems: string[]; onRemove: () => void }) {
  let fields: ReactNode;
  switch (node.kind) {
    case 'attribute':
      fields = <AttributeFields node={node} onChange={onChange} />;
      break;
    case 'behaviour':
      fields = <BehaviourFields node={node} onChange={onChange} />;
      break;
    case 'aggregate':
      fields = <AggregateFields node={node} onChange={onChange} />;
      break;
    case 'consent':
      fields = <ConsentFields node={node} onChange={onChange} />;
      break;
  }
  const name = `${kindLabel[node.kind]} condition ${index + 1}`;
  return (
    <fieldset className={`condition ${node.negate ? 'negated' : ''}`}>
      <legend>{name}</legend>
      <div className="condition-fields">
        {fields}
        <label className="inline">
          <input type="checkbox" checked={node.negate} onChange={(e) => onChange({ ...node, negate: e.target.checked })} />
          Not
        </label>
        <button type="button" onClick={onRemove} aria-label={`Remove ${name.toLowerCase()}`}>Remove</button>
      </div>
      {problems.map((p) => <p key={p} className="error hint">{p}</p>)}
    </fieldset>
  );
}
