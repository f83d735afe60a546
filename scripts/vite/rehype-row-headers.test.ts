import { describe, expect, it } from 'vitest';
import rehypeRowHeaders from './rehype-row-headers.ts';

const text = (value: string) => ({ type: 'text', value });
const cell = (tagName: string, value: string) => ({
  type: 'element',
  tagName,
  properties: {},
  children: value ? [text(value)] : [],
});
const row = (tag: string, ...values: string[]) => ({
  type: 'element',
  tagName: 'tr',
  properties: {},
  children: [text('\n'), ...values.map((v) => cell(tag, v))],
});
const table = (corner: string) => ({
  type: 'root',
  children: [
    {
      type: 'element',
      tagName: 'table',
      children: [
        { type: 'element', tagName: 'thead', children: [row('th', corner, 'Training', 'Inference')] },
        { type: 'element', tagName: 'tbody', children: [row('td', 'Goal', 'fit', 'serve')] },
      ],
    },
  ],
});
const bodyCells = (tree: ReturnType<typeof table>) =>
  tree.children[0].children[1].children[0].children.filter((c) => c.type === 'element');

describe('rehypeRowHeaders', () => {
  it('turns the first cell of each row into a row header when the corner cell is empty', () => {
    const tree = table('');
    rehypeRowHeaders()(tree);
    const [first, second] = bodyCells(tree);
    expect(first).toMatchObject({ tagName: 'th', properties: { scope: 'row' } });
    expect(second).toMatchObject({ tagName: 'td' });
    const corner = tree.children[0].children[0].children[0].children[1];
    expect(corner).toMatchObject({ tagName: 'td' });
  });

  it('leaves a table with a labelled corner alone', () => {
    const tree = table('Aspect');
    rehypeRowHeaders()(tree);
    expect(bodyCells(tree).map((c) => ('tagName' in c ? c.tagName : c.type))).toEqual(['td', 'td', 'td']);
  });
});
