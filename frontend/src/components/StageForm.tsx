/**
 * Recording a cooperation's progress: the next stages only, a date not in the
 * future nor before the current stage's, a note, and the agreed amount, asked
 * for (and required) on reaching 签约 or beyond when none is recorded.
 */
import { Alert, Button, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { CooperationView } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { formatAmount } from '../lib/amount';
import { useApiForm } from '../lib/useApiForm';
import { amountAllowed, amountRequired, isDateDisabled, nextStages, platformToday, stageBody, type StageFormValues } from '../lib/stages';

export function StageForm({ cooperation, onMoved }: { cooperation: CooperationView; onMoved: (updated: CooperationView) => void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<StageFormValues>();
  const { submitting, formError, submit } = useApiForm(form, { alias: { agreed_amount_cny: ['amount'] } });
  const target = Form.useWatch('stage', form);
  const options = nextStages(cooperation.stage, cooperation.next_stages);
  const showAmount = amountAllowed(target);
  const required = amountRequired(target, cooperation.agreed_amount_cny);
  const unit = t('form.amountUnit');

  const finish = async (values: StageFormValues) => {
    const updated = await submit(async () =>
      unwrap(await api.POST('/api/v1/cooperations/{id}/stage', { params: { path: { id: cooperation.id } }, body: stageBody(values, locale) })),
    );
    if (!updated) return;
    form.resetFields();
    onMoved(updated);
  };

  return (
    <Form<StageFormValues> form={form} layout="vertical" requiredMark={false} onFinish={(values) => void finish(values)} data-testid="stage-form" initialValues={{ date: platformToday() }}>
      {formError && <Alert type="error" role="alert" showIcon className="form-error" message={formError[0]} description={formError.length > 1 ? formError.slice(1).join(' ') : undefined} />}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="stage" label={t('coop.moveTo')} rules={[{ required: true, message: t('fieldError.required') }]}>
            <Select placeholder={t('form.selectPlaceholder')} options={options.map((s) => ({ value: s, label: t(`coop.stage.${s}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="date"
            label={t('coop.moveDate')}
            extra={t('coop.moveDateHelp')}
            rules={[
              {
                validator: async (_, value: dayjs.Dayjs | null | undefined) => {
                  if (!value) return;
                  if (value.isAfter(platformToday(), 'day')) throw new Error(t('coop.dateInFuture'));
                  if (isDateDisabled(value, cooperation.stage_date)) throw new Error(t('coop.dateBeforeStage', { date: cooperation.stage_date }));
                },
              },
            ]}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => isDateDisabled(d, cooperation.stage_date)} allowClear={false} />
          </Form.Item>
        </Col>
      </Row>
      {showAmount && (
        <Form.Item
          name="amount"
          label={t('coop.moveAmount', { unit })}
          extra={
            cooperation.agreed_amount_cny != null
              ? `${t('coop.moveAmountHelp')} ${t('coop.agreedAmount')}: ${formatAmount(cooperation.agreed_amount_cny, locale)}`
              : t('coop.moveAmountHelp')
          }
          rules={[{ required, message: t('coop.amountRequired') }]}
        >
          <InputNumber min={0.01} step={1} style={{ width: '100%' }} suffix={unit} />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('coop.moveNote')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting} data-testid="stage-submit">
        {t('coop.moveSubmit')}
      </Button>
    </Form>
  );
}
