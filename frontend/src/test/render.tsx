import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { App as AntApp } from 'antd';
import { I18nProvider } from '../i18n/I18nProvider';
import type { Locale } from '../i18n/locale';
import { TaxonomyProvider } from '../state/taxonomy';
import type { TaxonomyView } from '../api/types';

export const taxonomyFixture: TaxonomyView = {
  sectors: [
    { slug: 'equipment', zh: '装备制造', en: 'equipment manufacturing', gbt4754: 'C33–C37', subsectors: [{ slug: 'shipbuilding', zh: '船舶与海洋工程装备', en: 'shipbuilding and offshore equipment' }] },
    { slug: 'port_logistics', zh: '港航物流', en: 'ports, shipping and logistics', gbt4754: 'G53–G60', subsectors: [] },
    { slug: 'finance', zh: '金融', en: 'finance', gbt4754: 'J66–J69', subsectors: [] },
  ],
  regions: [
    { slug: 'shanghai', zh: '上海', en: 'Shanghai' },
    { slug: 'dalian', zh: '大连', en: 'Dalian' },
  ],
  listing_types: [
    { slug: 'project', zh: '招商项目', en: 'investment project', counterparts: ['fund_mandate'] },
    { slug: 'fund_mandate', zh: '投资意向', en: 'fund mandate', counterparts: ['project'] },
  ],
  modes: [{ slug: 'equity', zh: '股权投资', en: 'equity investment' }],
  org_types: [{ slug: 'enterprise', zh: '企业', en: 'enterprise' }],
  ownerships: [{ slug: 'soe', zh: '国有', en: 'state-owned' }],
  counterpart_pairs: [['shanghai', 'dalian']],
};

export function renderWithProviders(ui: ReactElement, { locale = 'zh-CN' as Locale, route = '/' } = {}) {
  return render(
    <I18nProvider locale={locale}>
      <TaxonomyProvider value={taxonomyFixture}>
        <AntApp>
          <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
        </AntApp>
      </TaxonomyProvider>
    </I18nProvider>,
  );
}
