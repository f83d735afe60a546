// Parses the ONNX textual syntax into a Model, so a learner can write a tiny graph by hand:
//
//   <ir_version: 8, opset_import: ["" : 17]>
//   agraph (float[N, 4] X) => (float[N, 2] Y)
//   <float[2, 4] W = {1, 0, 0, 1, 1, 1, 0, 0}, float[2] B = {0.5, -0.5}>
//   {
//     T = Gemm <transB = 1> (X, W, B)
//     Y = Relu (T)
//   }
//
// Two extensions: `any x` declares a value of unknown or non-tensor type; and an initializer written `= {...}` keeps the values of the tensor of that name in a base
// model (how the printer elides large weights), so a zoo model can be edited as text.
import type { Attribute, Dim, Graph, Model, Node, TypeInfo, ValueInfo } from '../../ir/graph';
import { normalizeDomain } from '../../ir/graph';
import { numel, tensor, type Tensor } from '../../ir/tensor';
import { MAX_TENSOR_ELEMENTS } from '../limits';
import { syntaxError, tokenize, type Token } from './lexer';
import { DTYPE_OF_NAME } from './types';

const DEFAULT_OPSET = 17;

/** A number token's value: decimals as JavaScript reads them, plus inf, +inf, -inf and nan. */
const numberOf = (text: string) =>
  text === 'inf' || text === '+inf' ? Infinity : text === '-inf' ? -Infinity : Number(text);

class Parser {
  private i = 0;
  private readonly tokens: Token[];

  constructor(
    private readonly text: string,
    private readonly base: Map<string, Tensor>,
  ) {
    this.tokens = tokenize(text);
  }

  private get tok() {
    return this.tokens[this.i];
  }
  private fail(message: string, token = this.tok): never {
    throw syntaxError(this.text, token.offset, message);
  }
  private is(text: string) {
    return this.tok.kind === 'punct' && this.tok.text === text;
  }
  private eat(text: string) {
    if (!this.is(text)) this.fail(`expected "${text}" but found ${this.describe()}`);
    this.i++;
  }
  private accept(text: string) {
    if (!this.is(text)) return false;
    this.i++;
    return true;
  }
  private describe(token = this.tok) {
    return token.kind === 'eof' ? 'the end of the text' : `"${token.text}"`;
  }
  /** A name: an identifier, a quoted string, or a bare number (PyTorch names values "123"). */
  private name(what: string): string {
    const t = this.tok;
    if (t.kind === 'ident' || t.kind === 'string' || t.kind === 'number') {
      this.i++;
      return t.text;
    }
    return this.fail(`expected ${what} but found ${this.describe()}`);
  }
  private list<T>(open: string, close: string, item: () => T): T[] {
    this.eat(open);
    const items: T[] = [];
    if (this.accept(close)) return items;
    do items.push(item());
    while (this.accept(','));
    this.eat(close);
    return items;
  }

  model(): Model {
    const model: Model = {
      irVersion: 8,
      opsets: {},
      producerName: '',
      producerVersion: '',
      graph: undefined as unknown as Graph,
      metadata: {},
    };
    if (this.is('<')) this.header(model);
    model.graph = this.graph();
    if (this.tok.kind !== 'eof') this.fail(`unexpected ${this.describe()} after the graph`);
    if (!('' in model.opsets)) model.opsets[''] = DEFAULT_OPSET;
    return model;
  }

  private header(model: Model) {
    this.list('<', '>', () => {
      const key = this.tok;
      const name = this.name('a model property');
      this.eat(':');
      switch (name) {
        case 'ir_version':
          model.irVersion = this.integer();
          break;
        case 'opset_import':
          this.list('[', ']', () => {
            const domain = this.name('an opset domain');
            this.eat(':');
            model.opsets[normalizeDomain(domain)] = this.integer();
          });
          break;
        case 'producer_name':
          model.producerName = this.name('a producer name');
          break;
        case 'producer_version':
          model.producerVersion = this.name('a producer version');
          break;
        default:
          this.fail(
            `unknown model property "${name}" (expected ir_version, opset_import, producer_name or producer_version)`,
            key,
          );
      }
    });
  }

  private graph(): Graph {
    const name = this.name('a graph name');
    const inputs = this.list('(', ')', () => this.valueInfo());
    this.eat('=>');
    const outputs = this.list('(', ')', () => this.valueInfo());
    const initializers = new Map<string, Tensor>();
    const valueInfo = new Map<string, ValueInfo>();
    if (this.is('<'))
      this.list('<', '>', () => {
        const start = this.tok;
        const info = this.valueInfo();
        if (!this.accept('=')) return void valueInfo.set(info.name, info);
        if (initializers.has(info.name)) this.fail(`initializer "${info.name}" is declared twice`, start);
        initializers.set(info.name, this.tensorValue(info, start));
      });
    this.eat('{');
    const nodes: Node[] = [];
    while (!this.is('}')) {
      if (this.tok.kind === 'eof') this.fail('missing "}" at the end of the graph');
      nodes.push(this.node(nodes.length));
    }
    this.eat('}');
    return { name, nodes, inputs, outputs, initializers, valueInfo };
  }

  private type(): TypeInfo {
    const t = this.tok;
    const dtype = t.kind === 'ident' ? DTYPE_OF_NAME.get(t.text) : undefined;
    if (!dtype) this.fail(`expected a tensor type (float, int64, uint8, …) but found ${this.describe()}`);
    this.i++;
    if (!this.is('[')) return { dtype, shape: null };
    const shape = this.list('[', ']', (): Dim => {
      const d = this.tok;
      if (d.kind === 'number') {
        const v = Number(d.text);
        if (!Number.isSafeInteger(v) || v < 0)
          this.fail(`dimension ${d.text} must be a non-negative integer`);
        this.i++;
        return v;
      }
      if (d.kind === 'ident') {
        this.i++;
        return d.text;
      }
      if (d.kind === 'punct' && d.text === '?') {
        this.i++;
        return '?';
      }
      return this.fail(`expected a dimension but found ${this.describe()}`);
    });
    return { dtype, shape };
  }

  private valueInfo(): ValueInfo {
    if (this.tok.kind === 'ident' && this.tok.text === 'any') {
      this.i++;
      return { name: this.name('a value name'), type: null };
    }
    const type = this.type();
    return { name: this.name('a value name'), type };
  }

  private integer(): number {
    const t = this.tok;
    const v = t.kind === 'number' ? Number(t.text) : NaN;
    if (!Number.isInteger(v)) this.fail(`expected an integer but found ${this.describe()}`);
    this.i++;
    return v;
  }

  private numbers(): { values: number[]; float: boolean } {
    let float = false;
    const values = this.list('{', '}', () => {
      const t = this.tok;
      if (t.kind !== 'number') this.fail(`expected a number but found ${this.describe()}`);
      this.i++;
      if (/[.eEn]/.test(t.text)) float = true;
      return numberOf(t.text);
    });
    return { values, float };
  }

  private tensorValue(info: ValueInfo, start: Token): Tensor {
    const type = info.type;
    if (!type) this.fail(`initializer "${info.name}" needs a tensor type`, start);
    if (!type.shape || type.shape.some((d) => typeof d !== 'number'))
      this.fail(`initializer "${info.name}" needs a static shape`, start);
    const dims = type.shape as number[];
    const n = numel(dims);
    if (n > MAX_TENSOR_ELEMENTS) this.fail(`initializer "${info.name}" is too large (${n} elements)`, start);
    if (this.is('{') && this.tokens[this.i + 1]?.text === '...' && this.tokens[this.i + 2]?.text === '}') {
      this.i += 3;
      const kept = this.base.get(info.name);
      if (!kept)
        this.fail(
          `"${info.name} = {...}" refers to a tensor of the loaded model, but there is none by that name`,
          start,
        );
      if (kept.dtype !== type.dtype || kept.dims.join() !== dims.join())
        this.fail(
          `"${info.name}" is ${kept.dtype}[${kept.dims}] in the loaded model, not ${type.dtype}[${dims}]`,
          start,
        );
      return kept;
    }
    if (type.dtype === 'string') {
      const values = this.list('{', '}', () => this.name('a string'));
      if (values.length !== n)
        this.fail(`"${info.name}" has ${values.length} values for ${n} elements`, start);
      return tensor('string', dims, values);
    }
    const { values } = this.numbers();
    if (values.length !== n) this.fail(`"${info.name}" has ${values.length} values for ${n} elements`, start);
    return tensor(type.dtype, dims, values);
  }

  private node(index: number): Node {
    const start = this.tok;
    // the text has no node names: nodes are named after their op and position
    const outputs: string[] = [];
    do outputs.push(this.is(',') || this.is('=') ? '' : this.name('an output name'));
    while (this.accept(','));
    this.eat('=');
    const qualified = this.name('an operator');
    const dot = qualified.lastIndexOf('.');
    const domain = dot > 0 ? normalizeDomain(qualified.slice(0, dot)) : '';
    const opType = dot > 0 ? qualified.slice(dot + 1) : qualified;
    if (!/^[A-Za-z_]\w*$/.test(opType)) this.fail(`"${qualified}" is not an operator name`, start);
    const attributes: Record<string, Attribute> = {};
    if (this.is('<'))
      this.list('<', '>', () => {
        const key = this.tok;
        const name = this.name('an attribute name');
        if (name in attributes) this.fail(`attribute "${name}" is given twice`, key);
        attributes[name] = this.attribute();
      });
    const inputs = this.list('(', ')', () =>
      this.is(',') || this.is(')') ? '' : this.name('an input name'),
    );
    return { name: `${opType}_${index}`, opType, domain, inputs, outputs, attributes };
  }

  private attribute(): Attribute {
    let declared: string | null = null;
    if (this.accept(':')) declared = this.name('an attribute type');
    this.eat('=');
    const t = this.tok;
    if (t.kind === 'string') {
      this.i++;
      return { type: 'string', value: t.text };
    }
    if (t.kind === 'number') {
      this.i++;
      const value = numberOf(t.text);
      const float = declared === 'float' || (declared !== 'int' && /[.eEn]/.test(t.text));
      return float ? { type: 'float', value: Math.fround(value) } : { type: 'int', value };
    }
    if (this.is('[')) {
      const items = this.list('[', ']', () => this.tokens[this.i++]);
      const strings =
        declared === 'strings' ||
        (declared === null && items.length > 0 && items.every((x) => x.kind === 'string'));
      if (strings) return { type: 'strings', value: items.map((x) => x.text) };
      if (!items.every((x) => x.kind === 'number')) this.fail('a list attribute holds numbers or strings', t);
      const float =
        declared === 'floats' || (declared !== 'ints' && items.some((x) => /[.eEn]/.test(x.text)));
      const value = items.map((x) => numberOf(x.text));
      return float ? { type: 'floats', value: value.map(Math.fround) } : { type: 'ints', value };
    }
    if (t.kind === 'ident' && DTYPE_OF_NAME.has(t.text)) {
      const info: ValueInfo = { name: 'value', type: this.type() };
      return { type: 'tensor', value: this.tensorValue(info, t) };
    }
    if (t.kind === 'ident') return { type: 'graph', value: this.graph() };
    return this.fail(`expected an attribute value but found ${this.describe()}`);
  }
}

/**
 * Parses ONNX text into a Model. `base` supplies the tensors that `= {...}` initializers refer to.
 * Throws ModelError('parse') with "line L, column C" and the character offset.
 */
export function parseModelText(text: string, base: Map<string, Tensor> = new Map()): Model {
  return new Parser(text, base).model();
}
