// Tokens of the ONNX textual syntax (as printed by onnx.printer / read by onnx.parser):
//   agraph (float[N,3] X) => (float[N,2] Y) { Y = Gemm <transB = 1> (X, W, B) }
import { ModelError } from '../../errors';

export type TokenKind = 'ident' | 'string' | 'number' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Character offset of the token's first character. */
  offset: number;
}

// Names may contain '.', '/', '-' and '::' (PyTorch exports "onnx::Conv_12", "/features/0/Conv_output_0").
const IDENT = /[A-Za-z_][\w./-]*(?:::[\w./-]+)*/y;
const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?:inf|nan)\b/y;
const PUNCT = /=>|\.\.\.|[()[\]{}<>,=:]/y;

/** Line and column (1-based) of a character offset, for error messages and editor markers. */
export function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text[i] === '\n') {
      line++;
      start = i + 1;
    }
  return { line, column: offset - start + 1 };
}

export function syntaxError(text: string, offset: number, message: string): ModelError {
  const { line, column } = position(text, offset);
  return new ModelError('parse', message, { line, column });
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const at = (re: RegExp) => {
    re.lastIndex = i;
    const m = re.exec(text);
    return m ? m[0] : null;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        value += text[j++];
      }
      if (j >= text.length) throw syntaxError(text, i, 'unterminated string');
      tokens.push({ kind: 'string', text: value, offset: i });
      i = j + 1;
      continue;
    }
    const number =
      /[-+\d.]/.test(c) || text.startsWith('inf', i) || text.startsWith('nan', i) ? at(NUMBER) : null;
    if (number && !(number === '.' || number === '-' || number === '+')) {
      tokens.push({ kind: 'number', text: number, offset: i });
      i += number.length;
      continue;
    }
    const ident = at(IDENT);
    if (ident) {
      tokens.push({ kind: 'ident', text: ident, offset: i });
      i += ident.length;
      continue;
    }
    const punct = at(PUNCT);
    if (punct) {
      tokens.push({ kind: 'punct', text: punct, offset: i });
      i += punct.length;
      continue;
    }
    throw syntaxError(text, i, `unexpected character "${c}"`);
  }
  tokens.push({ kind: 'eof', text: '', offset: text.length });
  return tokens;
}
