import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { writableFields } from '../../shared/api/entities';
import { AuditActionSchema, AuditEntitySchema } from '../../shared/api/audit';
import { ErrorCodeSchema } from '../../shared/api/errors';
import { ActivityKindSchema } from '../../shared/schema/activity';
import { FollowUpKindSchema } from '../../shared/schema/followUp';
import { editableFields } from '../../extension/features/edit/fieldSpecs';
import { en, zhCN } from '../../extension/i18n/messages';
import { translator } from '../../extension/i18n/translate';
import type { ClientErrorCode } from '../../extension/sync/apiClient';

const clientCodes: ClientErrorCode[] = ['offline', 'http', 'unsent_changes', 'unsent_other_user', 'bad_url'];

describe('message catalogues', () => {
  it('have the same keys in English and Chinese, none empty', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(zhCN)) expect(text.trim(), key).not.toBe('');
  });

  it('name every writable field, error code and kind in both languages', () => {
    const needed = [
      ...Object.entries(writableFields).flatMap(([entity, schema]) => Object.keys(schema.shape).map((field) => `field.${entity}.${field}`)),
      ...ErrorCodeSchema.options.map((code) => `error.${code}`),
      ...clientCodes.map((code) => `error.${code}`),
      ...ActivityKindSchema.options.map((kind) => `activity.kind.${kind}`),
      ...FollowUpKindSchema.options.map((kind) => `followUp.kind.${kind}`),
      ...Object.keys(writableFields).map((entity) => `entity.${entity}`),
      ...AuditActionSchema.options.map((action) => `audit.action.${action}`),
      ...AuditEntitySchema.options.flatMap((o) => o.options).map((entity) => `entity.${entity}`),
    ];
    expect(needed.filter((key) => !(key in en))).toEqual([]);
    for (const [entity, fields] of Object.entries(editableFields)) {
      for (const { name } of fields) expect(Object.keys(writableFields[entity as keyof typeof writableFields].shape)).toContain(name);
    }
  });

  it('keep the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
  });

  it('picks plural forms with Intl.PluralRules and says errors by code', () => {
    const t = translator('en');
    expect(t.plural('sync.pending', 1)).toBe('1 change not synced yet');
    expect(t.plural('sync.pending', 3)).toBe('3 changes not synced yet');
    expect(translator('zh-CN').plural('sync.pending', 1)).toBe('1 条修改尚未同步');
    expect(translator('zh-CN').error({ code: 'unauthorized' })).toBe('令牌无效、已撤销或已过期。');
    expect(translator('zh-CN').error({ code: 'unsent_other_user', params: { email: 'a@b.c' } })).toContain('a@b.c');
    expect(translator('zh-CN').error({ code: 'something_new' })).toBe(zhCN['error.http']);
  });
});

/** Every .tsx file under a folder. */
function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsxFiles(path) : path.endsWith('.tsx') ? [path] : [];
  });
}

const TEXT_ATTRIBUTES = new Set(['placeholder', 'title', 'aria-label', 'alt', 'label']);

describe('components', () => {
  it('render no literal text: everything a user reads comes from the catalogues', () => {
    const found: string[] = [];
    for (const file of tsxFiles('extension')) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
      const visit = (node: ts.Node) => {
        if (ts.isJsxText(node) && /\p{L}{2,}/u.test(node.text)) found.push(`${file}: "${node.text.trim()}"`);
        if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText()) && node.initializer && ts.isStringLiteral(node.initializer) && /\p{L}{2,}/u.test(node.initializer.text)) {
          found.push(`${file}: ${node.name.getText()}="${node.initializer.text}"`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(found).toEqual([]);
  });
});
