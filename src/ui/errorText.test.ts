import { describe, expect, it } from 'vitest';
import { ModelError } from '../engine';
import { errorText } from './errorText';

describe('errorText', () => {
  const parse = new ModelError('parse', 'invalid wire type 7', { offset: 12 });

  it('puts a Chinese lead naming the kind of model error before the engine’s message', () => {
    expect(errorText(parse, 'zh')).toBe(
      '这不是有效的 ONNX 文件（protobuf 解码失败）。引擎的说明：invalid wire type 7 (byte 12)',
    );
    expect(errorText(new ModelError('unsupported', 'op Loop cannot run here'), 'zh')).toMatch(
      /^本引擎不支持模型中的内容。引擎的说明：op Loop/,
    );
  });

  it('leaves English messages and errors that are not model errors as they are', () => {
    expect(errorText(parse, 'en')).toBe('invalid wire type 7 (byte 12)');
    expect(errorText(new Error('the worker stopped'), 'zh')).toBe('the worker stopped');
    expect(errorText('plain text', 'zh')).toBe('plain text');
  });
});
