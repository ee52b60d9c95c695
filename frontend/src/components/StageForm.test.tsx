import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { StageForm } from './StageForm';
import type { CooperationView } from '../api/types';
import { renderWithProviders } from '../test/render';
import { json, stubFetch } from '../test/fixtures';

afterEach(() => vi.unstubAllGlobals());

function cooperation(overrides: Partial<CooperationView> = {}): CooperationView {
  return {
    id: 'coop-1',
    introduction: 'int-1',
    title: '起重机项目',
    sector: 'equipment',
    region: 'dalian',
    stage: 'negotiation',
    stage_date: '2026-01-10',
    signed_on: null,
    agreed_amount_cny: null,
    key_project: false,
    side_a: { organization: 'sh-1', organization_name: '上海基金', listing: null },
    side_b: { organization: 'dl-1', organization_name: '大连装备', listing: 'dl-lst-1' },
    next_stages: ['signed', 'construction', 'production', 'dropped'],
    can_update: true,
    can_flag: false,
    events: [],
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-10T00:00:00Z',
    ...overrides,
  };
}

async function pick(label: string, option: string) {
  fireEvent.mouseDown(screen.getByLabelText(label));
  const item = await waitFor(() => {
    const found = document.querySelector(`.ant-select-item-option[title="${option}"]`);
    if (!found) throw new Error(`no option ${option}`);
    return found;
  });
  fireEvent.click(item);
}

describe('StageForm', () => {
  it('offers only the next stages', async () => {
    renderWithProviders(<StageForm cooperation={cooperation()} onMoved={() => {}} />);
    fireEvent.mouseDown(screen.getByLabelText('新阶段'));
    await waitFor(() => expect(document.querySelectorAll('.ant-select-item-option')).toHaveLength(4));
    const titles = Array.from(document.querySelectorAll('.ant-select-item-option')).map((o) => o.getAttribute('title'));
    expect(titles).toEqual(['签约', '开工', '投产', '终止']);
  }, 20_000);

  it('asks for no amount before signing', async () => {
    renderWithProviders(<StageForm cooperation={cooperation({ stage: 'interest', next_stages: ['negotiation', 'signed', 'construction', 'production', 'dropped'] })} onMoved={() => {}} />);
    await pick('新阶段', '洽谈');
    expect(screen.queryByLabelText('签约金额（万元）')).toBeNull();
  }, 20_000);

  it('requires the agreed amount on signing when none is recorded, then sends it in yuan', async () => {
    const calls = stubFetch(({ body }) => json(200, cooperation({ stage: 'signed', agreed_amount_cny: (body as { agreed_amount_cny: number }).agreed_amount_cny })));
    const onMoved = vi.fn();
    renderWithProviders(<StageForm cooperation={cooperation()} onMoved={onMoved} />);
    await pick('新阶段', '签约');
    const amount = await screen.findByLabelText('签约金额（万元）');
    fireEvent.click(screen.getByTestId('stage-submit'));
    expect(await screen.findByText('进入签约及以后阶段时，请填写签约金额。', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(calls).toHaveLength(0);
    fireEvent.change(amount, { target: { value: '20000' } });
    fireEvent.change(screen.getByLabelText('说明'), { target: { value: '签订投资协议' } });
    fireEvent.click(screen.getByTestId('stage-submit'));
    await waitFor(() => expect(onMoved).toHaveBeenCalled(), { timeout: 5000 });
    expect(calls[0]!.method).toBe('POST');
    expect(calls[0]!.path).toBe('/api/v1/cooperations/coop-1/stage');
    const body = calls[0]!.body as Record<string, unknown>;
    expect(body).toMatchObject({ stage: 'signed', note: '签订投资协议', agreed_amount_cny: 200_000_000 });
    expect(body.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }, 20_000);

  it('does not require it again once recorded, and says so in English in CNY million', async () => {
    stubFetch(() => json(200, cooperation({ stage: 'construction', agreed_amount_cny: 200_000_000 })));
    const onMoved = vi.fn();
    renderWithProviders(<StageForm cooperation={cooperation({ stage: 'signed', agreed_amount_cny: 200_000_000, next_stages: ['construction', 'production', 'dropped'] })} onMoved={onMoved} />, {
      locale: 'en',
    });
    await pick('New stage', 'Construction');
    expect(await screen.findByLabelText('Agreed amount (CNY million)')).toBeInTheDocument();
    expect(screen.getByText(/Agreed amount: CNY 200 million/)).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('stage-submit'));
    await waitFor(() => expect(onMoved).toHaveBeenCalled(), { timeout: 5000 });
  }, 20_000);

  it('shows the API’s field error at its field and a 409 translated above the form', async () => {
    let answer = json(422, { error: { code: 'validation_failed', message: 'invalid input', fields: { agreed_amount_cny: { field: 'agreed_amount_cny', code: 'out_of_range', message: 'must be between 1 and 10' } } } });
    stubFetch(() => answer);
    renderWithProviders(<StageForm cooperation={cooperation()} onMoved={() => {}} />);
    await pick('新阶段', '签约');
    fireEvent.change(await screen.findByLabelText('签约金额（万元）'), { target: { value: '5' } });
    fireEvent.click(screen.getByTestId('stage-submit'));
    expect(await screen.findByText('超出允许范围', {}, { timeout: 5000 })).toBeInTheDocument();
    answer = json(409, { error: { code: 'invalid_stage_transition', message: 'a cooperation at `signed` cannot move to `signed`' } });
    fireEvent.click(screen.getByTestId('stage-submit'));
    expect(await screen.findByText('阶段只能向前推进（或终止），不能回退。', {}, { timeout: 5000 })).toBeInTheDocument();
  }, 20_000);
});
