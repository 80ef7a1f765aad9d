/**
 * Reading calls, arguments, operators and names off the R syntax tree.
 * Everything here is grammar-level: no catalogue and no data frames.
 */
import { childByField, namedChildren, RNode } from '../parser/syntaxTree';
import { identifierName } from './strings';

/** One argument of a call or a subset (`x[i, j]`), as written. */
export interface ArgInfo {
  readonly node: RNode;
  /** The argument name (`by` in `by = "x"`), backticks removed. */
  readonly name?: string;
  readonly nameNode?: RNode;
  /** The value; absent for an empty argument (`x[, j]`) or a name still waiting for its value. */
  readonly value?: RNode;
  /** Position among the call's arguments, counting empty ones. */
  readonly index: number;
}

/** A call such as `dplyr::filter(df, x > 1)`. */
export interface CallInfo {
  readonly node: RNode;
  /** The function's name without its package; empty when the callee is not a plain name. */
  readonly name: string;
  /** The package of `pkg::fn` or `pkg:::fn`. */
  readonly namespace?: string;
  /** The node naming the function (the identifier after `::` when there is one). */
  readonly nameNode?: RNode;
  readonly args: readonly ArgInfo[];
  /** The parenthesised argument list, including its brackets. */
  readonly argumentsNode?: RNode;
}

export function nodeText(text: string, node: RNode): string {
  return text.slice(node.start, node.end);
}

/** The operator of a binary, unary or extract node (`<-`, `|>`, `%>%`, `$`). */
export function operatorOf(text: string, node: RNode): string {
  // The operator is the only anonymous child with a field, and usually the second child.
  const children = node.children;
  const second = children[1];
  const operator = second?.field === 'operator' ? second : childByField(node, 'operator');
  return operator ? text.slice(operator.start, operator.end) : '';
}

/** Reads a `call` node; undefined for anything else. */
export function readCall(text: string, node: RNode): CallInfo | undefined {
  if (node.type !== 'call') return undefined;
  // Calls already read are kept on the node, so that the many readers of one call share one CallInfo.
  if (node.memo !== undefined) return node.memo as CallInfo;
  const call = readCallUncached(text, node);
  node.memo = call;
  return call;
}

function readCallUncached(text: string, node: RNode): CallInfo {
  const callee = childByField(node, 'function');
  const argumentsNode = childByField(node, 'arguments');
  const args = argumentsNode ? readArguments(text, argumentsNode) : [];
  let name = '';
  let namespace: string | undefined;
  let nameNode: RNode | undefined;
  if (callee?.type === 'identifier') {
    name = identifierName(nodeText(text, callee));
    nameNode = callee;
  } else if (callee?.type === 'namespace_operator') {
    const pkg = childByField(callee, 'lhs');
    const fn = childByField(callee, 'rhs');
    if (pkg && fn && (fn.type === 'identifier' || fn.type === 'string')) {
      namespace = identifierName(nodeText(text, pkg));
      name = identifierName(nodeText(text, fn));
      nameNode = fn;
    }
  } else if (callee?.type === 'string') {
    // `"paste0"(…)` is legal R and occasionally generated code uses it.
    name = nodeText(text, callee).slice(1, -1);
    nameNode = callee;
  }
  return { node, name, namespace, nameNode, args, argumentsNode };
}

/** The arguments of a call, `x[…]` or `x[[…]]`, counting empty positions between commas. */
export function readArguments(text: string, argumentsNode: RNode): ArgInfo[] {
  const args: ArgInfo[] = [];
  let pendingEmpty = true;
  let index = 0;
  for (const child of argumentsNode.children) {
    if (child.type === 'comma') {
      if (pendingEmpty) args.push({ node: child, index: index });
      index++;
      pendingEmpty = true;
      continue;
    }
    if (child.type !== 'argument') continue;
    const nameNode = childByField(child, 'name');
    const value = childByField(child, 'value');
    const name = nameNode ? argumentName(text, nameNode) : undefined;
    args.push({ node: child, name, nameNode, value, index });
    pendingEmpty = false;
  }
  // A trailing comma leaves an empty last argument (`x[i, ]`), which matters for subsetting.
  if (pendingEmpty && index > 0) args.push({ node: argumentsNode, index });
  return args;
}

function argumentName(text: string, nameNode: RNode): string {
  const raw = nodeText(text, nameNode);
  if (nameNode.type === 'string') return raw.slice(1, -1);
  return identifierName(raw);
}

/** Arguments that have a value, leaving out empty positions. */
export function valueArgs(call: { readonly args: readonly ArgInfo[] }): ArgInfo[] {
  return call.args.filter((arg) => arg.value !== undefined);
}

/**
 * Matches arguments to formal names as R does for the common cases: exact names first, then the
 * remaining unnamed arguments in order. Formals after `...` are only matched by name.
 */
export function matchArguments(args: readonly ArgInfo[], formals: readonly string[]): Map<string, ArgInfo> {
  const matched = new Map<string, ArgInfo>();
  const used = new Set<ArgInfo>();
  for (const arg of args) {
    if (arg.name !== undefined && formals.includes(arg.name) && !matched.has(arg.name)) {
      matched.set(arg.name, arg);
      used.add(arg);
    }
  }
  let position = 0;
  const positional = formals.slice(0, formals.includes('...') ? formals.indexOf('...') : formals.length);
  for (const arg of args) {
    if (used.has(arg) || arg.name !== undefined || arg.value === undefined) continue;
    while (position < positional.length && matched.has(positional[position]!)) position++;
    if (position >= positional.length) break;
    matched.set(positional[position]!, arg);
    used.add(arg);
    position++;
  }
  return matched;
}

/** Arguments that no formal claimed: the `...` of a verb. */
export function dotsArguments(args: readonly ArgInfo[], matched: ReadonlyMap<string, ArgInfo>): ArgInfo[] {
  const claimed = new Set(matched.values());
  return args.filter((arg) => !claimed.has(arg) && arg.value !== undefined);
}

/** Strips redundant parentheses: `((x))` → `x`. */
export function unwrapParens(node: RNode): RNode {
  let current = node;
  while (current.type === 'parenthesized_expression') {
    const body = childByField(current, 'body');
    if (!body) break;
    current = body;
  }
  return current;
}

/** True for the assignment operators. */
export function isAssignmentOperator(operator: string): boolean {
  return operator === '<-' || operator === '=' || operator === '<<-' || operator === '->' || operator === '->>';
}

/** True for the native pipe and magrittr's pipes that pass the left side on. */
export function isPipeOperator(operator: string): boolean {
  return operator === '|>' || operator === '%>%' || operator === '%T>%';
}

/** The statements of a program or a braced block, skipping comments. */
export function statementsOf(node: RNode): RNode[] {
  return namedChildren(node);
}

/** A call node with no arguments standing for the bare function of `df %>% head`, which magrittr calls. */
export function bareCall(callee: RNode): RNode {
  const fn = new RNode(callee.type, callee.start, callee.end, 'function', callee.named, callee.missing, callee.children);
  return new RNode('call', callee.start, callee.end, callee.field, true, false, [fn]);
}
