// A tiny, safe arithmetic language for counts that depend on the machine:
// numbers, the variables `cores` and `memory_gb`, + - * /, unary minus, parentheses, and the
// functions min(...) and max(...). Parsed by recursive descent into a tree; never eval'd.

/** Variables an expression may use. */
export const EXPRESSION_VARIABLES = ['cores', 'memory_gb'] as const;
export type ExpressionVariable = (typeof EXPRESSION_VARIABLES)[number];
export type ExpressionScope = Readonly<Record<ExpressionVariable, number>>;

/** Longest expression accepted, characters. */
export const MAX_EXPRESSION_LENGTH = 200;

export type Expr =
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'var'; readonly name: ExpressionVariable }
  | { readonly kind: 'neg'; readonly arg: Expr }
  | { readonly kind: 'bin'; readonly op: '+' | '-' | '*' | '/'; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'call'; readonly fn: 'min' | 'max'; readonly args: readonly Expr[] };

/** A parse failure: what and at which 1-based column. */
export interface ExpressionSyntaxError {
  readonly ok: false;
  readonly message: string;
  readonly column: number;
}
export type ParseResult = { readonly ok: true; readonly expr: Expr } | ExpressionSyntaxError;

interface Token { readonly type: 'num' | 'id' | 'op' | 'end'; readonly text: string; readonly pos: number }

const TOKEN = /(\d+(?:\.\d+)?)|([A-Za-z_]\w*)|([-+*/(),])/y;

function tokenize(src: string): Token[] | ExpressionSyntaxError {
  const tokens: Token[] = [];
  let pos = 0;
  for (;;) {
    while (pos < src.length && /\s/.test(src[pos] ?? '')) pos++;
    if (pos >= src.length) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (!m) return { ok: false, message: `unexpected character ${JSON.stringify(src[pos])}`, column: pos + 1 };
    const type = m[1] !== undefined ? 'num' : m[2] !== undefined ? 'id' : 'op';
    tokens.push({ type, text: m[0], pos });
    pos = TOKEN.lastIndex;
  }
  tokens.push({ type: 'end', text: 'end of expression', pos: src.length });
  return tokens;
}

class SyntaxFailure extends Error {
  constructor(message: string, readonly column: number) {
    super(message);
  }
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token {
    return this.tokens[this.i] ?? { type: 'end', text: 'end of expression', pos: 0 };
  }

  private fail(message: string, token = this.peek()): never {
    throw new SyntaxFailure(message, token.pos + 1);
  }

  private expect(text: string): void {
    const t = this.peek();
    if (t.type !== 'op' || t.text !== text) this.fail(`expected "${text}" but found ${describe(t)}`);
    this.i++;
  }

  parse(): Expr {
    const expr = this.sum();
    const t = this.peek();
    if (t.type !== 'end') this.fail(`unexpected ${describe(t)}`);
    return expr;
  }

  private sum(): Expr {
    let left = this.product();
    for (let t = this.peek(); t.type === 'op' && (t.text === '+' || t.text === '-'); t = this.peek()) {
      this.i++;
      left = { kind: 'bin', op: t.text, left, right: this.product() };
    }
    return left;
  }

  private product(): Expr {
    let left = this.unary();
    for (let t = this.peek(); t.type === 'op' && (t.text === '*' || t.text === '/'); t = this.peek()) {
      this.i++;
      left = { kind: 'bin', op: t.text, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.type === 'op' && t.text === '-') {
      this.i++;
      return { kind: 'neg', arg: this.unary() };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.peek();
    if (t.type === 'num') {
      this.i++;
      return { kind: 'num', value: Number(t.text) };
    }
    if (t.type === 'op' && t.text === '(') {
      this.i++;
      const inner = this.sum();
      this.expect(')');
      return inner;
    }
    if (t.type === 'id') {
      this.i++;
      if (t.text === 'min' || t.text === 'max') return this.call(t.text);
      if ((EXPRESSION_VARIABLES as readonly string[]).includes(t.text)) {
        return { kind: 'var', name: t.text as ExpressionVariable };
      }
      this.fail(`unknown name "${t.text}" (known: ${EXPRESSION_VARIABLES.join(', ')}, min, max)`, t);
    }
    this.fail(`expected a number, a variable or "(" but found ${describe(t)}`);
  }

  private call(fn: 'min' | 'max'): Expr {
    this.expect('(');
    const args = [this.sum()];
    while (this.peek().type === 'op' && this.peek().text === ',') {
      this.i++;
      args.push(this.sum());
    }
    this.expect(')');
    return { kind: 'call', fn, args };
  }
}

function describe(t: Token): string {
  return t.type === 'end' ? 'the end of the expression' : `"${t.text}"`;
}

/** Parses `src`; never throws. */
export function parseExpression(src: string): ParseResult {
  if (src.length > MAX_EXPRESSION_LENGTH) {
    return { ok: false, message: `longer than ${MAX_EXPRESSION_LENGTH} characters`, column: MAX_EXPRESSION_LENGTH + 1 };
  }
  const tokens = tokenize(src);
  if (!Array.isArray(tokens)) return tokens;
  if (tokens.length === 1) return { ok: false, message: 'empty expression', column: 1 };
  try {
    return { ok: true, expr: new Parser(tokens).parse() };
  } catch (error) {
    if (error instanceof SyntaxFailure) return { ok: false, message: error.message, column: error.column };
    throw error;
  }
}

/** Evaluates a parsed expression; may return NaN or Infinity (division by zero), callers check. */
export function evaluateExpression(expr: Expr, scope: ExpressionScope): number {
  switch (expr.kind) {
    case 'num':
      return expr.value;
    case 'var':
      return scope[expr.name];
    case 'neg':
      return -evaluateExpression(expr.arg, scope);
    case 'call': {
      const values = expr.args.map((a) => evaluateExpression(a, scope));
      return expr.fn === 'min' ? Math.min(...values) : Math.max(...values);
    }
    case 'bin': {
      const l = evaluateExpression(expr.left, scope);
      const r = evaluateExpression(expr.right, scope);
      if (expr.op === '+') return l + r;
      if (expr.op === '-') return l - r;
      if (expr.op === '*') return l * r;
      return l / r;
    }
  }
}
