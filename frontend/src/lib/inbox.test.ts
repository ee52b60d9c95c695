import { describe, expect, it } from 'vitest';
import { makeTranslate } from '../i18n/I18nProvider';
import { describeInboxItem } from './inbox';

const zhT = makeTranslate('zh-CN');
const enT = makeTranslate('en');
const zhPick = (zh: string) => zh;
const enPick = (zh: string, en: string | null | undefined) => en || zh;
const item = (event: string, data: unknown) => ({ event, data: data as Record<string, never> });

describe('inbox items per event', () => {
  it('match.new: the new listing, for which of mine, its score; links to it', () => {
    const text = describeInboxItem(
      item('match.new', { listing: { id: 'mine-1', title: '我的项目' }, matched_listing: { id: 'sh-fund-1', title: '装备基金', title_en: 'Equipment fund' }, score: 0.712 }),
      zhT,
      zhPick,
    );
    expect(text.title).toBe('新的推荐：装备基金');
    expect(text.detail).toBe('与您的“我的项目”匹配，匹配度 71%');
    expect(text.link).toEqual({ to: '/listings/sh-fund-1', label: '查看合作信息' });
    expect(describeInboxItem(item('match.new', { listing: { id: 'm', title: '我的' }, matched_listing: { id: 'x', title: '装备基金', title_en: 'Equipment fund' }, score: 0.5 }), enT, enPick).title).toBe(
      'New match: Equipment fund',
    );
  });

  it('introductions: who asked, about what; links to the introduction', () => {
    const data = { introduction: 'int-1', from_organization_name: '上海基金', organization_name: '大连装备', listing: 'dl-1', listing_title: '起重机项目', cooperation: 'coop-1' };
    const requested = describeInboxItem(item('introduction.requested', data), zhT, zhPick);
    expect(requested.title).toBe('上海基金 希望与您对接');
    expect(requested.detail).toBe('关于“起重机项目”');
    expect(requested.link).toEqual({ to: '/introductions/int-1', label: '查看对接' });
    expect(describeInboxItem(item('introduction.accepted', data), zhT, zhPick).title).toBe('对接已达成：上海基金 ↔ 大连装备');
    expect(describeInboxItem(item('introduction.declined', data), enT, enPick).title).toBe('Introduction declined: 上海基金 → 大连装备');
  });

  it('cooperation.stage_changed: the stages, translated; a key-project flag; links to the cooperation', () => {
    const moved = describeInboxItem(item('cooperation.stage_changed', { cooperation: 'coop-1', title: '起重机项目', from_stage: 'negotiation', to_stage: 'signed', stage: 'signed' }), zhT, zhPick);
    expect(moved.title).toBe('合作进展：起重机项目');
    expect(moved.detail).toBe('洽谈 → 签约');
    expect(moved.link?.to).toBe('/cooperations/coop-1');
    expect(describeInboxItem(item('cooperation.stage_changed', { cooperation: 'c', title: 'T', from_stage: 'interest', to_stage: 'dropped' }), enT, enPick).detail).toBe('Interest → Dropped');
    expect(describeInboxItem(item('cooperation.stage_changed', { cooperation: 'c', title: '起重机项目', stage: 'signed', key_project: true }), zhT, zhPick).title).toBe('起重机项目 已标记为重点项目');
  });

  it('saved_search.hit: the search’s name and the new listing', () => {
    const text = describeInboxItem(item('saved_search.hit', { saved_search: { id: 3, name: '大连装备' }, listing: { id: 'dl-9', title: '新项目', title_en: 'New project' } }), enT, enPick);
    expect(text.title).toBe('New result for your saved search “大连装备”');
    expect(text.detail).toBe('New project');
    expect(text.link?.to).toBe('/listings/dl-9');
  });

  it('an unknown event or missing fields never break it', () => {
    expect(describeInboxItem(item('something.new', {}), zhT, zhPick)).toEqual({ title: '消息：something.new' });
    const bare = describeInboxItem(item('introduction.requested', null), zhT, zhPick);
    expect(bare.link).toBeUndefined();
    expect(describeInboxItem(item('match.new', { matched_listing: 'oops' }), zhT, zhPick).link).toBeUndefined();
  });
});
