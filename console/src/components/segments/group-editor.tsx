import { ConditionEditor } from './condition-editor.tsx';
import { newCondition, type BuilderNode, type GroupNode, type Problem } from './definition.ts';

/** Nesting the API allows is 6; the builder stops adding groups a little before. */
const MAX_GROUP_DEPTH = 4;

type Props = {
  node: GroupNode;
  depth: number;
  problems: Problem[];
  onChange: (next: GroupNode) => void;
  onRemove?: () => void;
  label: string;
};

/** A group of conditions combined with all-of or any-of, optionally negated; groups nest. */
export function GroupEditor({ node, depth, problems, onChange, onRemove, label }: Props) {
  const own = problems.filter((p) => p.key === node.key).map((p) => p.message);
  const setChild = (i: number, next: BuilderNode | null) =>
    onChange({ ...node, children: next === null ? node.children.filter((_, j) => j !== i) : node.children.map((c, j) => (j === i ? next : c)) });
  const add = (kind: Parameters<typeof newCondition>[0]) => onChange({ ...node, children: [...node.children, newCondition(kind)] });
  return (
    <fieldset className={`group ${node.negate ? 'negated' : ''}`} data-depth={depth}>
      <legend>{label}</legend>
      <div className="row">
        <label className="inline">
          Customers must match
          <select value={node.mode} onChange={(e) => onChange({ ...node, mode: e.target.value as 'and' | 'or' })}>
            <option value="and">all of</option>
            <option value="or">any of</option>
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={node.negate} onChange={(e) => onChange({ ...node, negate: e.target.checked })} />
          Negate this group (customers who do not match it)
        </label>
        {onRemove && <button type="button" onClick={onRemove} aria-label={`Remove ${label.toLowerCase()}`}>Remove group</button>}
      </div>
      {own.map((p) => <p key={p} className="error hint">{p}</p>)}
      {node.children.length === 0 && <p className="muted">No conditions: {node.mode === 'and' ? 'every active customer.' : 'add one.'}</p>}
      <ol className="conditions">
        {node.children.map((child, i) => (
          <li key={child.key}>
            {child.kind === 'group' ? (
              <GroupEditor node={child} depth={depth + 1} problems={problems} label={`${label} › group ${i + 1}`} onChange={(next) => setChild(i, next)} onRemove={() => setChild(i, null)} />
            ) : (
              <ConditionEditor node={child} index={i} problems={problems.filter((p) => p.key === child.key).map((p) => p.message)} onChange={(next) => setChild(i, next)} onRemove={() => setChild(i, null)} />
            )}
          </li>
        ))}
      </ol>
      <div className="row add-buttons" role="group" aria-label={`Add to ${label.toLowerCase()}`}>
        <button type="button" onClick={() => add('attribute')}>+ Attribute</button>
        <button type="button" onClick={() => add('behaviour')}>+ Behaviour</button>
        <button type="button" onClick={() => add('aggregate')}>+ Aggregate</button>
        <button type="button" onClick={() => add('consent')}>+ Consent</button>
        {depth < MAX_GROUP_DEPTH && <button type="button" onClick={() => add('group')}>+ Group</button>}
      </div>
    </fieldset>
  );
}
