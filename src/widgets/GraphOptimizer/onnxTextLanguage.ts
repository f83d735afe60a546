// Syntax colouring of the ONNX text syntax (onnx/defs/parser.h; see src/engine/onnx/text) for Monaco:
// a Monarch tokenizer. Element types and `any` are keywords, op types (a capitalised name before `(` or
// `<`) are types, the rest is names, numbers, strings and `#` comments.
import type { Monaco } from '../../ui/monaco';

export const ONNX_TEXT = 'onnx-text';

const TYPE_WORDS = [
  'float', 'float16', 'double', 'bfloat16', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32',
  'int64', 'uint64', 'bool', 'string', 'any', 'ints', 'floats', 'strings', 'tensor', 'graph',
]; // prettier-ignore

export function registerOnnxText(monaco: Monaco): void {
  if (monaco.languages.getLanguages().some((l) => l.id === ONNX_TEXT)) return;
  monaco.languages.register({ id: ONNX_TEXT });
  monaco.languages.setLanguageConfiguration(ONNX_TEXT, {
    comments: { lineComment: '#' },
    // not < >: the > of => would count as an unmatched bracket and be coloured as an error
    brackets: [
      ['{', '}'],
      ['[', ']'],
      ['(', ')'],
    ],
    autoClosingPairs: [
      { open: '{', close: '}' },
      { open: '[', close: ']' },
      { open: '(', close: ')' },
      { open: '"', close: '"' },
    ],
  });
  monaco.languages.setMonarchTokensProvider(ONNX_TEXT, {
    typeWords: TYPE_WORDS,
    tokenizer: {
      root: [
        [/#.*$/, 'comment'],
        [/"([^"\\]|\\.)*"/, 'string'],
        [/[A-Z][\w]*(?=\s*[<(])/, 'type.identifier'],
        [/[a-z]+(?:\.[a-z]+)+\.[A-Z]\w*(?=\s*[<(])/, 'type.identifier'], // com.microsoft.FusedConv
        [/-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/, 'number'],
        [/\b(?:inf|nan)\b/, 'number'],
        [/[A-Za-z_][\w./-]*/, { cases: { '@typeWords': 'keyword', '@default': 'identifier' } }],
        [/=>/, 'delimiter'],
        [/[{}()[\]<>]/, '@brackets'],
        [/[=,:]/, 'delimiter'],
      ],
    },
  });
}
