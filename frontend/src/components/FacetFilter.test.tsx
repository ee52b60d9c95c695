import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FacetFilter, type FacetOption } from './FacetFilter';
import { renderWithProviders } from '../test/render';

const options: FacetOption[] = Array.from({ length: 8 }, (_, i) => ({ value: `v${i}`, label: `选项${i}`, count: 10 - i }));

function Controlled({ onChange, initial = [] as string[] }: { onChange?: (v: string[]) => void; initial?: string[] }) {
  const [selected, setSelected] = useState<string[]>(initial);
  return (
    <FacetFilter
      name="sector"
      title="产业"
      options={options}
      selected={selected}
      onChange={(next) => {
        setSelected(next);
        onChange?.(next);
      }}
    />
  );
}

describe('FacetFilter', () => {
  it('is a labelled group of checkboxes with counts', () => {
    renderWithProviders(<Controlled />);
    const group = screen.getByRole('group', { name: '产业' });
    expect(group).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: '选项0 (10)' })).not.toBeChecked();
    // only the first six are shown until "show more"
    expect(screen.getAllByRole('checkbox')).toHaveLength(6);
  });

  it('adds and removes values (OR within the facet)', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<Controlled onChange={onChange} />);
    await user.click(screen.getByRole('checkbox', { name: /选项1/ }));
    await user.click(screen.getByRole('checkbox', { name: /选项3/ }));
    expect(onChange).toHaveBeenLastCalledWith(['v1', 'v3']);
    await user.click(screen.getByRole('checkbox', { name: /选项1/ }));
    expect(onChange).toHaveBeenLastCalledWith(['v3']);
  });

  it('works from the keyboard', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<Controlled onChange={onChange} />);
    await user.tab();
    expect(screen.getByRole('checkbox', { name: /选项0/ })).toHaveFocus();
    await user.keyboard(' ');
    expect(onChange).toHaveBeenLastCalledWith(['v0']);
  });

  it('shows more on request, and always shows what is selected', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Controlled initial={['v7']} />);
    expect(screen.getByRole('checkbox', { name: /选项7/ })).toBeChecked();
    expect(screen.getAllByRole('checkbox')).toHaveLength(7);
    const more = screen.getByRole('button', { name: /展开更多/ });
    expect(more).toHaveAttribute('aria-expanded', 'false');
    await user.click(more);
    expect(screen.getAllByRole('checkbox')).toHaveLength(8);
    expect(screen.getByRole('button', { name: '收起' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('leaves counts out when it has none', () => {
    renderWithProviders(<FacetFilter name="region" title="Region" options={[{ value: 'dalian', label: 'Dalian' }]} selected={[]} onChange={() => {}} />, { locale: 'en' });
    expect(screen.getByRole('checkbox', { name: 'Dalian' })).toBeInTheDocument();
  });
});
