// What a widget shows for a failure. The engine's messages are English and name ops, fields and byte
// offsets as they are; on the Chinese page a lead sentence first says, in Chinese, what kind of problem the
// engine found (ModelError's code), and the engine's own words follow.
import { useCallback, useEffect, useRef } from 'react';
import { isModelError, type ModelErrorCode } from '../engine';
import { useLang, type Lang } from './i18n';

const ZH_LEAD: Record<ModelErrorCode, string> = {
  parse: '这不是有效的 ONNX 文件（protobuf 解码失败）',
  invalid: '模型不合法（违反了计算图的规则）',
  unsupported: '本引擎不支持模型中的内容',
  limit: '超出了安全上限',
  input: '输入不符合要求',
};

export function errorText(e: unknown, lang: Lang): string {
  const text = e instanceof Error ? e.message : String(e);
  return lang === 'zh' && isModelError(e) ? `${ZH_LEAD[e.code]}。引擎的说明：${text}` : text;
}

/**
 * `errorText` in the page's language, as a function that never changes: effects that load or compute can
 * list it among their dependencies without running again when only the wording would change.
 */
export function useErrorText(): (e: unknown) => string {
  const lang = useLang();
  const current = useRef(lang);
  useEffect(() => {
    current.current = lang;
  }, [lang]);
  return useCallback((e: unknown) => errorText(e, current.current), []);
}
