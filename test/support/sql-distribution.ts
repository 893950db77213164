import { loadModule, parseSync } from 'libpg-query';
import type { TablePlan } from '../../src/db/distribution.ts';

// Whether a statement would run on a Citus cluster laid out as `plan` (src/db/distribution.ts),
// judged from PostgreSQL's own parser (libpg-query). The rules are Citus's, for the statements
// that span shards (docs/scale.md):
// - a join, or a correlated subquery, between distributed tables needs equality of their
//   distribution columns (and both tables in one co-location group);
// - an UPDATE or DELETE of a distributed table names its distribution column (one shard, or a
//   list of them); an INSERT gives it (or it is the table's own generated id);
// - SELECT … FOR UPDATE runs on one shard only: the distribution column equal to one value;
// - an outer join keeps the distributed table on the outer side of a reference table;
// - recursive CTEs run on one shard only; local tables are not joined with distributed ones.
// Equalities count only where they must hold (under AND, not OR or NOT). Subqueries that do not
// refer to their outer query (uncorrelated ones, modifying CTEs) are planned on their own, as Citus
// plans them recursively, and must each pass.

type Node = Record<string, any>;
type Plan = ReadonlyMap<string, TablePlan>;

export const loadParser = () => loadModule();

interface Relation {
  table: string;
  plan: TablePlan | undefined;
  /** Union-find key of its distribution column (distributed tables only). */
  key: string | null;
  group: string | null;
}

/** What a name in FROM stands for: a table, or a subquery / CTE with the keys its columns carry. */
type Entry = { kind: 'table'; relation: Relation } | { kind: 'derived'; columns: Map<string, string | null>; relations: Relation[] };

interface Scope {
  parent: Scope | null;
  entries: Map<string, Entry>;
  /** Distributed relations in its FROM (tables, and subqueries that carry a distribution column). */
  relations: Relation[];
  /** Outer scopes whose distributed relations it refers to. */
  outer: Set<Relation>;
  ctes: Map<string, Entry>;
  what: string;
}

class Checker {
  private readonly parent = new Map<string, string>();
  private readonly pinned = new Map<string, 'one' | 'many'>();
  private readonly deferred: (() => void)[] = [];
  readonly problems: string[] = [];
  /** Statements Citus runs, but on every shard: a row changed by its id alone. */
  readonly everyShard: string[] = [];
  private counter = 0;

  private readonly plan: Plan;

  constructor(plan: Plan) {
    this.plan = plan;
  }

  find(key: string): string {
    let root = key;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    return root;
  }

  union(a: string, b: string) {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra !== rb) this.parent.set(ra, rb);
  }

  pin(key: string, how: 'one' | 'many') {
    this.deferred.unshift(() => {
      const root = this.find(key);
      if (this.pinned.get(root) !== 'one') this.pinned.set(root, how);
    });
  }

  pinOf(key: string) { return this.pinned.get(this.find(key)); }

  later(check: () => void) { this.deferred.push(check); }

  finish() { for (const check of this.deferred) check(); }

  relation(table: string): Relation {
    const plan = this.plan.get(table);
    const distributed = plan?.placement.kind === 'distributed';
    return { table, plan, key: distributed ? `${table}#${this.counter++}` : null, group: distributed && plan.placement.kind === 'distributed' ? plan.placement.group : null };
  }

  // -- statements ---------------------------------------------------------------------------

  statement(stmt: Node) {
    const [kind, body] = Object.entries(stmt)[0]!;
    if (kind === 'SelectStmt') this.select(body, null, 'the query');
    else if (kind === 'InsertStmt') this.insert(body);
    else if (kind === 'UpdateStmt' || kind === 'DeleteStmt') this.modify(body, kind === 'UpdateStmt' ? 'UPDATE' : 'DELETE');
    // Anything else (transaction control, SET, DDL) touches no rows of a table here.
  }

  private withClause(withClause: Node | undefined, scope: Scope) {
    for (const item of withClause?.ctes ?? []) {
      const cte = item.CommonTableExpr;
      const [kind, body] = Object.entries(cte.ctequery as Node)[0]!;
      if (kind !== 'SelectStmt') {
        // A modifying CTE runs first, on its own; its result is an intermediate result, not a table.
        this.statement(cte.ctequery);
        scope.ctes.set(cte.ctename, { kind: 'derived', columns: new Map(), relations: [] });
        continue;
      }
      const recursive = withClause!.recursive === true;
      const inner = this.select(body, recursive ? scope : null, `the CTE ${cte.ctename}`);
      if (recursive && inner.relations.length) {
        this.later(() => {
          if (!inner.relations.every((r) => this.pinOf(r.key!) === 'one')) this.problems.push(`recursive CTE ${cte.ctename} over distributed tables: one shard only`);
        });
      }
      scope.ctes.set(cte.ctename, this.derived(body, inner, cte.aliascolnames));
    }
  }

  private newScope(parent: Scope | null, what: string): Scope {
    return { parent, entries: new Map(), relations: [], outer: new Set(), ctes: new Map(), what };
  }

  /** A SELECT (or set operation) and the scope its FROM makes. */
  select(body: Node, parent: Scope | null, what: string): Scope {
    const scope = this.newScope(parent, what);
    this.withClause(body.withClause, scope);
    if (body.op && body.op !== 'SETOP_NONE') {
      const left = this.select(body.larg, parent, what);
      const right = this.select(body.rarg, parent, what);
      scope.relations.push(...left.relations, ...right.relations);
      for (const r of [...left.outer, ...right.outer]) scope.outer.add(r);
      return scope;
    }
    for (const item of body.fromClause ?? []) this.from(item, scope);
    for (const target of body.targetList ?? []) this.expr(target.ResTarget?.val, scope, false);
    this.expr(body.whereClause, scope, true);
    this.expr(body.havingClause, scope, false);
    for (const group of body.groupClause ?? []) this.expr(group, scope, false);
    for (const sort of body.sortClause ?? []) this.expr(sort.SortBy?.node, scope, false);
    for (const row of body.valuesLists ?? []) this.expr(row, scope, false);
    this.expr(body.limitCount, scope, false);
    this.colocated(scope);
    if (body.lockingClause?.length && scope.relations.length) {
      this.later(() => {
        if (!scope.relations.every((r) => this.pinOf(r.key!) === 'one')) {
          this.problems.push(`SELECT … FOR UPDATE/SHARE over ${names(scope.relations)} not on one shard (its distribution column equal to one value)`);
        }
      });
    }
    this.windows(body, scope);
    return scope;
  }

  /** Every distributed relation of a scope in one co-location group, joined on its distribution column. */
  private colocated(scope: Scope) {
    this.later(() => {
      const relations = scope.relations;
      for (const r of relations.slice(1)) {
        const first = relations[0]!;
        if (r.group !== first.group || this.find(r.key!) !== this.find(first.key!)) {
          this.problems.push(`${scope.what} joins ${first.table} and ${r.table} without equality of their distribution columns`);
        }
      }
      // A correlated subquery: correlated on the distribution column.
      if (relations.length && scope.outer.size) {
        const outer = [...scope.outer];
        if (!outer.some((o) => o.group === relations[0]!.group && this.find(o.key!) === this.find(relations[0]!.key!))) {
          this.problems.push(`${scope.what} over ${relations[0]!.table} is correlated to ${names(outer)} not on the distribution column`);
        }
      }
      const local = [...scope.entries.values()].filter((e) => e.kind === 'table' && e.relation.plan?.placement.kind === 'local');
      if (local.length && relations.length) this.problems.push(`${scope.what} joins the local table ${local.map((e) => e.kind === 'table' && e.relation.table).join(', ')} with distributed tables`);
    });
  }

  /** Window functions over several shards must partition by the distribution column. */
  private windows(body: Node, scope: Scope) {
    const over: Node[] = [];
    walk(body.targetList, (node) => { if (node.FuncCall?.over) over.push(node.FuncCall.over); }, (node) => !node.SelectStmt);
    for (const window of over) {
      const keys = (window.partitionClause ?? []).map((p: Node) => this.column(p, scope)).filter((k: string | null): k is string => k !== null);
      this.later(() => {
        for (const r of scope.relations) {
          if (this.pinOf(r.key!) !== 'one' && !keys.some((k: string) => this.find(k) === this.find(r.key!))) {
            this.problems.push(`${scope.what}: a window function not partitioned by the distribution column of ${r.table}`);
          }
        }
      });
    }
  }

  private insert(body: Node) {
    const table = body.relation.relname as string;
    const plan = this.plan.get(table);
    const scope = this.newScope(null, `INSERT into ${table}`);
    this.withClause(body.withClause, scope);
    const columns = (body.cols ?? []).map((c: Node) => c.ResTarget.name as string);
    if (plan?.placement.kind === 'distributed') {
      const { column } = plan.placement;
      if (!columns.includes(column) && !isOwnKey(plan)) this.problems.push(`INSERT into ${table} without its distribution column ${column}`);
    }
    const select = body.selectStmt?.SelectStmt;
    if (select?.valuesLists) {
      let sub = false;
      walk(select.valuesLists, (node) => { if (node.SubLink) sub = true; });
      if (sub && plan?.placement.kind === 'distributed') this.problems.push(`INSERT into ${table} with a subquery in VALUES`);
      this.select(select, scope, `INSERT into ${table}`);
    } else if (select) this.select(select, scope, `the SELECT of the INSERT into ${table}`);
    if (body.onConflictClause) this.expr(body.onConflictClause.whereClause, scope, false);
  }

  private modify(body: Node, verb: string) {
    const table = body.relation.relname as string;
    const scope = this.newScope(null, `${verb} of ${table}`);
    this.withClause(body.withClause, scope);
    const target = this.relation(table);
    scope.entries.set(body.relation.alias?.aliasname ?? table, { kind: 'table', relation: target });
    if (target.key) scope.relations.push(target);
    for (const item of body.fromClause ?? body.usingClause ?? []) this.from(item, scope);
    for (const target of body.targetList ?? []) this.expr(target.ResTarget?.val, scope, false);
    this.expr(body.whereClause, scope, true);
    this.colocated(scope);
    if (target.key) {
      const byId = pinsId(body.whereClause, body.relation.alias?.aliasname ?? table);
      this.later(() => {
        if (this.pinOf(target.key!)) return;
        // The ORM's flush of a loaded row: by its id, unique across shards (one sequence), so one row
        // changes, but the coordinator cannot tell which shard holds it.
        if (byId) this.everyShard.push(`${verb} of ${table} by its id alone`);
        else this.problems.push(`${verb} of ${table} without its distribution column in the WHERE`);
      });
    }
  }

  // -- FROM -------------------------------------------------------------------------------------

  private from(item: Node, scope: Scope) {
    if (item.RangeVar) {
      const name = item.RangeVar.relname as string;
      const alias = item.RangeVar.alias?.aliasname ?? name;
      const cte = lookupCte(scope, name);
      if (cte && !item.RangeVar.schemaname) {
        scope.entries.set(alias, cte);
        if (cte.kind === 'derived') scope.relations.push(...cte.relations);
        return;
      }
      const relation = this.relation(name);
      scope.entries.set(alias, { kind: 'table', relation });
      if (relation.key) scope.relations.push(relation);
    } else if (item.JoinExpr) {
      const join = item.JoinExpr;
      const before = scope.relations.length;
      this.from(join.larg, scope);
      const leftDistributed = scope.relations.length > before;
      const middle = scope.relations.length;
      this.from(join.rarg, scope);
      const rightDistributed = scope.relations.length > middle;
      // Only an inner join's condition must hold for every row; an outer join's still names the shard pairs.
      this.expr(join.quals, scope, true);
      for (const column of join.usingClause ?? []) this.using(column.String.sval, join, scope);
      const outer = join.jointype === 'JOIN_LEFT' ? [leftDistributed, rightDistributed] : join.jointype === 'JOIN_RIGHT' ? [rightDistributed, leftDistributed] : null;
      if (outer && !outer[0] && outer[1] && hasReference(join, join.jointype === 'JOIN_LEFT' ? 'larg' : 'rarg', this.plan)) {
        this.problems.push(`${scope.what}: an outer join with a reference table on its outer side and a distributed table on the inner`);
      }
    } else if (item.RangeSubselect) {
      const sub = item.RangeSubselect;
      const inner = this.select(sub.subquery.SelectStmt, sub.lateral ? scope : scope.parent, `a subquery in FROM (${sub.alias?.aliasname ?? '?'})`);
      const entry = this.derived(sub.subquery.SelectStmt, inner, sub.alias?.colnames);
      scope.entries.set(sub.alias?.aliasname ?? `?${this.counter++}`, entry);
      if (entry.kind === 'derived') scope.relations.push(...entry.relations);
      if (entry.kind === 'derived' && !entry.relations.length && inner.relations.length) {
        // Without the distribution column the subquery cannot be joined shard by shard: Citus would
        // compute it whole on the coordinator and ship it to every shard.
        this.later(() => {
          if (scope.relations.length) this.problems.push(`${scope.what} joins a subquery over ${names(inner.relations)} that does not carry its distribution column`);
        });
      }
    } else if (item.RangeFunction) {
      this.expr(item.RangeFunction.functions, scope, false);
    }
  }

  private using(column: string, join: Node, scope: Scope) {
    const keys = [join.larg, join.rarg].map((side) => {
      const alias = side.RangeVar ? (side.RangeVar.alias?.aliasname ?? side.RangeVar.relname) : side.RangeSubselect?.alias?.aliasname;
      return alias ? this.column({ ColumnRef: { fields: [{ String: { sval: alias } }, { String: { sval: column } }] } }, scope) : null;
    });
    if (keys[0] && keys[1]) this.union(keys[0], keys[1]);
  }

  /**
   * A subquery as a relation of its outer query: the columns that carry a distribution column. One
   * that carries none is planned on its own (recursively, by Citus) and is no distributed relation there.
   */
  private derived(body: Node, inner: Scope, colnames?: Node[]): Entry {
    const columns = new Map<string, string | null>();
    const targets = firstSelect(body).targetList ?? [];
    targets.forEach((target: Node, i: number) => {
      const res = target.ResTarget;
      const ref = unwrap(res?.val)?.ColumnRef;
      const name = colnames?.[i]?.String?.sval ?? res?.name ?? ref?.fields?.at(-1)?.String?.sval;
      if (name) columns.set(name, ref ? this.column(res.val, inner) : null);
    });
    const key = [...columns.values()].find((k): k is string => k !== null);
    const source = key ? (inner.relations.find((r) => r.key === key) ?? inner.relations[0]) : undefined;
    return { kind: 'derived', columns, relations: key && source ? [{ ...source, key }] : [] };
  }

  // -- expressions --------------------------------------------------------------------------------

  /** The union-find key of a column reference that is a distribution column, or null. */
  column(node: Node, scope: Scope): string | null {
    const ref = unwrap(node)?.ColumnRef;
    if (!ref) return null;
    const fields = (ref.fields as Node[]).map((f) => f.String?.sval ?? '*');
    const name = fields.at(-1)!;
    const qualifier = fields.length > 1 ? fields.at(-2)! : null;
    for (let s: Scope | null = scope; s; s = s.parent) {
      const matches = qualifier !== null
        ? (s.entries.has(qualifier) ? [s.entries.get(qualifier)!] : [])
        : [...s.entries.values()].filter((e) => (e.kind === 'table' ? (e.relation.plan?.columns ?? []).includes(name) : e.columns.has(name)));
      if (!matches.length) continue;
      const entry = matches[0]!;
      const key = entry.kind === 'table'
        ? (entry.relation.plan?.placement.kind === 'distributed' && entry.relation.plan.placement.column === name ? entry.relation.key : null)
        : (entry.columns.get(name) ?? null);
      if (s !== scope) {
        // A reference to an outer query: every scope in between is correlated to it.
        const outerRelations = entry.kind === 'table' ? (entry.relation.key ? [entry.relation] : []) : entry.relations;
        for (let t: Scope | null = scope; t && t !== s; t = t.parent) for (const r of outerRelations) t.outer.add(r);
      }
      return key;
    }
    return null;
  }

  /** Walks an expression: equalities under AND join keys or pin them; subqueries become scopes. */
  expr(node: Node | Node[] | undefined | null, scope: Scope, conjunct: boolean): void {
    if (node == null) return;
    if (Array.isArray(node)) { for (const n of node) this.expr(n, scope, false); return; }
    if (typeof node !== 'object') return;
    if (node.BoolExpr) {
      const and = node.BoolExpr.boolop === 'AND_EXPR';
      for (const arg of node.BoolExpr.args) this.expr(arg, scope, conjunct && and);
      return;
    }
    if (node.A_Expr) {
      const e = node.A_Expr;
      const op = e.name?.[0]?.String?.sval;
      if (conjunct && op === '=' && (e.kind === 'AEXPR_OP' || e.kind === 'AEXPR_OP_ANY' || e.kind === 'AEXPR_IN')) {
        const left = this.column(e.lexpr, scope);
        const rightIsList = e.kind === 'AEXPR_IN' || e.kind === 'AEXPR_OP_ANY';
        const right = rightIsList ? null : this.column(e.rexpr, scope);
        if (left && right) this.union(left, right);
        else if (left && isValue(e.rexpr)) this.pin(left, rightIsList && !isSingleList(e.rexpr) ? 'many' : 'one');
        else if (right && isValue(e.lexpr)) this.pin(right, 'one');
        if (left && right) { /* both read */ } else { this.expr(e.lexpr, scope, false); this.expr(e.rexpr, scope, false); }
        return;
      }
      this.expr(e.lexpr, scope, false);
      this.expr(e.rexpr, scope, false);
      return;
    }
    if (node.SubLink) {
      const link = node.SubLink;
      const inner = this.select(link.subselect.SelectStmt, scope, 'a subquery');
      if (link.subLinkType === 'ANY_SUBLINK' && link.testexpr) {
        const left = this.column(link.testexpr, scope);
        const target = firstSelect(link.subselect.SelectStmt).targetList?.[0]?.ResTarget?.val;
        const right = target ? this.column(target, inner) : null;
        if (conjunct && left && right) {
          this.union(left, right);
        } else if (conjunct && left) this.pin(left, 'many');
        else this.expr(link.testexpr, scope, false);
      }
      return;
    }
    if (node.ColumnRef) { this.column(node, scope); return; }
    for (const value of Object.values(node)) if (value && typeof value === 'object') this.expr(value as Node, scope, false);
  }
}

/** Whether a WHERE fixes the row's `id` (equal to a value, or in a list of values) under AND. */
function pinsId(where: Node | undefined, alias: string): boolean {
  const e = where?.A_Expr;
  if (where?.BoolExpr?.boolop === 'AND_EXPR') return where.BoolExpr.args.some((arg: Node) => pinsId(arg, alias));
  if (!e || e.name?.[0]?.String?.sval !== '=') return false;
  const fields = (unwrap(e.lexpr)?.ColumnRef?.fields ?? []).map((f: Node) => f.String?.sval);
  return fields.at(-1) === 'id' && (fields.length === 1 || fields.at(-2) === alias) && isValue(e.rexpr);
}

function lookupCte(scope: Scope, name: string): Entry | undefined {
  for (let s: Scope | null = scope; s; s = s.parent) if (s.ctes.has(name)) return s.ctes.get(name);
  return undefined;
}

function firstSelect(body: Node): Node {
  return body.op && body.op !== 'SETOP_NONE' ? firstSelect(body.larg) : body;
}

const unwrap = (node: Node | undefined): Node | undefined => (node?.TypeCast ? unwrap(node.TypeCast.arg) : node);

/** A value fixed for the statement: a constant or a parameter (possibly cast). */
function isValue(node: Node | undefined): boolean {
  const n = unwrap(node);
  if (!n) return false;
  if (n.A_Const || n.ParamRef) return true;
  if (n.A_ArrayExpr) return (n.A_ArrayExpr.elements ?? []).every(isValue);
  if (n.List) return (n.List.items ?? []).every(isValue);
  if (Array.isArray(n)) return n.every(isValue);
  return false;
}

function isSingleList(node: Node): boolean {
  const n = unwrap(node);
  const items = Array.isArray(n) ? n : n?.List?.items ?? n?.A_ArrayExpr?.elements;
  return Array.isArray(items) && items.length === 1;
}

function hasReference(join: Node, side: 'larg' | 'rarg', plan: Plan): boolean {
  let found = false;
  walk(join[side], (node) => { if (node.RangeVar && plan.get(node.RangeVar.relname)?.placement.kind === 'reference') found = true; });
  return found;
}

/** A table distributed by its own generated id (the card, an audit record): Citus fills it in from the sequence. */
const isOwnKey = (plan: TablePlan) => plan.placement.kind === 'distributed' && plan.placement.column === 'id';

function walk(node: unknown, visit: (node: Node) => void, into: (node: Node) => boolean = () => true) {
  if (Array.isArray(node)) { for (const n of node) walk(n, visit, into); return; }
  if (!node || typeof node !== 'object') return;
  visit(node as Node);
  if (!into(node as Node)) return;
  for (const value of Object.values(node)) walk(value, visit, into);
}

const names = (relations: Relation[]) => [...new Set(relations.map((r) => r.table))].join(', ');

/**
 * The problems a statement would have on the cluster (empty when none). `loadParser()` first.
 * MikroORM's `?` placeholders are read as parameters.
 */
export function distributionProblems(sql: string, plan: Plan): { refused: string[]; everyShard: string[] } {
  const parsed = parseSync(numberPlaceholders(sql));
  const refused: string[] = [];
  const everyShard: string[] = [];
  for (const { stmt } of parsed.stmts ?? []) {
    const checker = new Checker(plan);
    checker.statement(stmt);
    checker.finish();
    refused.push(...checker.problems);
    everyShard.push(...checker.everyShard);
  }
  return { refused: [...new Set(refused)], everyShard: [...new Set(everyShard)] };
}

/** `?` outside quotes as `$1`, `$2`, … (the statements the ORM logs may keep them). */
function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/('(?:[^']|'')*'|"(?:[^"]|"")*")|\?(?![|&-])/g, (_, quoted) => quoted ?? `$${++n}`);
}
